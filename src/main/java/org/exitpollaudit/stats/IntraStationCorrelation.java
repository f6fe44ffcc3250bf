package org.exitpollaudit.stats;

import java.util.Arrays;

/**
 * How much of the variance of a vote choice lies between polling stations, measured on complete station counts (an
 * official station-level release), and the design effect it implies for an exit poll that interviews m voters at
 * each of its stations. With N_i the votes of station i over the k categories, p_ic its shares, N = Σ N_i, p_c the
 * overall shares and, where the poll is stratified, p_hc the shares of stratum h with weight W_h = N_h / N:
 * <pre>
 *   σ²_w,c = Σ_h Σ_{i∈h} N_i (p_ic − p_hc)² / N          (between stations, within strata)
 *   σ²_s,c = Σ_h W_h (p_hc − p_c)²                        (between strata)
 *   ρ_c    = σ²_w,c / (p_c (1 − p_c)),   ρ_s,c = σ²_s,c / (p_c (1 − p_c))
 *   deff_c(m) = 1 + (m − 1) ρ_c − ρ_s,c
 * </pre>
 * The design is the textbook model of an exit poll: within each stratum, stations drawn with probability
 * proportional to their votes (with replacement) in proportion to the stratum's votes, and m voters interviewed at
 * each by simple random sampling. Then p̂ is the mean of the stations' sample shares and
 * Var(p̂) = (1/a) Σ_h W_h [σ²_hc (1 − 1/m) + p_hc (1 − p_hc) / m], which over p_c (1 − p_c) / (a m) is the formula
 * above; unstratified, ρ_s = 0 and it is Kish's deff = 1 + (m − 1) roh (Kish, <i>Survey Sampling</i>, 1965, ch. 5;
 * Cochran, <i>Sampling Techniques</i>, 3rd ed., 1977, ch. 9A for selection with probability proportional to size).
 * <p>
 * It is a floor for a real exit poll: differential refusal and interviewer effects vary between stations too, and
 * add to σ²_w without showing in the official counts. A station with no votes carries no weight; a category with
 * p_c = 0 or 1 has NaN.
 */
public final class IntraStationCorrelation {

    private final double[] rho;
    private final double[] rhoStrata;

    private IntraStationCorrelation(double[] rho, double[] rhoStrata) {
        this.rho = rho;
        this.rhoStrata = rhoStrata;
    }

    /**
     * @param counts  counts[i][c]: votes for category c at station i, every row of the same k ≥ 2 entries
     * @param stratum stratum[i]: the stratum (e.g. region) of station i, numbered from 0; null for an unstratified
     *                poll
     * @throws IllegalArgumentException fewer than two stations, ragged rows, a negative or non-finite count, a
     *                                  negative stratum or one of another length, or no votes at all
     */
    public static IntraStationCorrelation of(double[][] counts, int[] stratum) {
        double[] size = StationCounts.sizes(counts);
        if (stratum != null && stratum.length != counts.length) {
            throw new IllegalArgumentException(stratum.length + " strata for " + counts.length + " stations");
        }
        int k = counts[0].length;
        int strata = 1;
        for (int i = 0; stratum != null && i < stratum.length; i++) {
            if (stratum[i] < 0) {
                throw new IllegalArgumentException("station " + i + " has stratum " + stratum[i]);
            }
            strata = Math.max(strata, stratum[i] + 1);
        }
        double[] stratumVotes = new double[strata];
        double[][] stratumCounts = new double[strata][k];
        for (int i = 0; i < counts.length; i++) {
            int h = stratum == null ? 0 : stratum[i];
            stratumVotes[h] += size[i];
            for (int c = 0; c < k; c++) {
                stratumCounts[h][c] += counts[i][c];
            }
        }
        double total = Arrays.stream(size).sum();
        double[] rho = new double[k];
        double[] rhoStrata = new double[k];
        for (int c = 0; c < k; c++) {
            double p = 0;
            for (double[] s : stratumCounts) {
                p += s[c];
            }
            p /= total;
            double within = 0;
            for (int i = 0; i < counts.length; i++) {
                if (size[i] > 0) {
                    int h = stratum == null ? 0 : stratum[i];
                    double d = counts[i][c] / size[i] - stratumCounts[h][c] / stratumVotes[h];
                    within += size[i] * d * d;
                }
            }
            double between = 0;
            for (int h = 0; h < strata; h++) {
                if (stratumVotes[h] > 0) {
                    double d = stratumCounts[h][c] / stratumVotes[h] - p;
                    between += stratumVotes[h] * d * d;
                }
            }
            double binomial = p * (1 - p);
            rho[c] = binomial > 0 ? within / total / binomial : Double.NaN;
            rhoStrata[c] = binomial > 0 ? between / total / binomial : Double.NaN;
        }
        return new IntraStationCorrelation(rho, rhoStrata);
    }

    /**
     * ρ_c: the share of category c's variance that lies between stations (within strata).
     *
     * @throws IllegalArgumentException c not one of the categories
     */
    public double rho(int c) {
        Check.index("c", c, rho.length, "categories");
        return rho[c];
    }

    /**
     * ρ_s,c: the share that lies between strata (0 unstratified).
     *
     * @throws IllegalArgumentException c not one of the categories
     */
    public double rhoStrata(int c) {
        Check.index("c", c, rho.length, "categories");
        return rhoStrata[c];
    }

    /**
     * deff_c(m) = 1 + (m − 1) ρ_c − ρ_s,c for an exit poll of m interviews per station.
     *
     * @throws IllegalArgumentException c not one of the categories, m not a finite number ≥ 1
     */
    public double designEffect(int c, double m) {
        Check.index("c", c, rho.length, "categories");
        if (!(m >= 1) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("interviews per station " + m + " is not a finite number ≥ 1");
        }
        return 1 + (m - 1) * rho[c] - rhoStrata[c];
    }
}
