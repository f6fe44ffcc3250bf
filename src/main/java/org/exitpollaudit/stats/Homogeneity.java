package org.exitpollaudit.stats;

/**
 * Pearson's test of homogeneity of r samples over c categories (Pearson 1900, "On the criterion that a given system of
 * deviations from the probable …", Philosophical Magazine 50:157–175; the degrees of freedom as corrected by Fisher
 * 1922, Journal of the Royal Statistical Society 85:87–94; Agresti 2013, Categorical Data Analysis, 3rd ed., ch. 3):
 * <pre>
 *   E_ij = (row_i · col_j) / total,   X² = Σ (O_ij − E_ij)² / E_ij,   df = (r − 1)(c − 1)
 * </pre>
 * Cells may hold fractional (effective) counts. Columns whose total is 0 are dropped (and from df); if fewer than two
 * remain, df ≤ 0 and p is NaN. A row whose total is 0 has expected counts of 0 and makes X² NaN (0/0), as does a NaN
 * count (undefined, passed on).
 */
public final class Homogeneity {

    /** X², degrees of freedom and upper-tail p. */
    public record Result(double chi2, int df, double p) {
    }

    private Homogeneity() {
    }

    /**
     * @param counts counts[i][j]: sample i's count in category j; at least 2 samples, each with the same number ≥ 2 of
     *               counts, each finite and ≥ 0 or NaN
     * @throws IllegalArgumentException fewer than 2 samples or categories, rows of different length, a negative or
     *                                  infinite count
     */
    public static Result test(double[][] counts) {
        int r = counts.length;
        if (r < 2) {
            throw new IllegalArgumentException("counts has " + r + " samples: homogeneity compares at least 2");
        }
        int c = counts[0].length;
        if (c < 2) {
            throw new IllegalArgumentException("counts[0] has " + c + " categories: homogeneity needs at least 2");
        }
        for (int i = 0; i < r; i++) {
            if (counts[i].length != c) {
                throw new IllegalArgumentException("counts[" + i + "] has " + counts[i].length
                        + " categories, counts[0] has " + c);
            }
            for (int j = 0; j < c; j++) {
                double y = counts[i][j];
                if (y < 0 || y == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("counts[" + i + "][" + j + "] = " + y
                            + " is not a finite count ≥ 0");
                }
            }
        }
        double[] row = new double[r];
        double[] col = new double[c];
        double total = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                row[i] += counts[i][j];
                col[j] += counts[i][j];
                total += counts[i][j];
            }
        }
        int usedColumns = 0;
        double chi2 = 0;
        for (int j = 0; j < c; j++) {
            if (col[j] <= 0) {
                continue;
            }
            usedColumns++;
            for (int i = 0; i < r; i++) {
                double e = row[i] * col[j] / total;
                double d = counts[i][j] - e;
                chi2 += d * d / e;
            }
        }
        int df = (r - 1) * (usedColumns - 1);
        return new Result(chi2, df, df > 0 ? GoodnessOfFit.pValue(chi2, df) : Double.NaN);
    }
}
