package org.exitpollaudit.stats;

/**
 * Pearson's test of homogeneity of r samples over c categories:
 * <pre>
 *   E_ij = (row_i · col_j) / total,   X² = Σ (O_ij − E_ij)² / E_ij,   df = (r − 1)(c − 1)
 * </pre>
 * Cells may hold fractional (effective) counts. Columns whose total is 0 are dropped (and from df).
 */
public final class Homogeneity {

    /** X², degrees of freedom and upper-tail p. */
    public record Result(double chi2, int df, double p) {
    }

    private Homogeneity() {
    }

    public static Result test(double[][] counts) {
        int r = counts.length;
        int c = counts[0].length;
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
