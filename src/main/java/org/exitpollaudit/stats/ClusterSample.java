package org.exitpollaudit.stats;

import java.util.Arrays;

/**
 * Shares of k categories estimated from a cluster sample (an exit poll's respondents, clustered by polling station),
 * with their design-based covariance matrix and per-category design effects. With y_ic the (weighted) count of
 * category c at station i, m_i = Σ_c y_ic and a stations:
 * <pre>
 *   n      = Σ_i m_i
 *   p̂_c    = Σ_i y_ic / n                                                  (ratio estimator)
 *   e_ic   = y_ic − p̂_c m_i                                                (linearised residual)
 *   V_cd   = a / ((a − 1) n²) · Σ_i e_ic e_id                              (covariance of p̂)
 *   deff_c = V_cc / (p̂_c (1 − p̂_c) / n)
 * </pre>
 * V is the with-replacement ("ultimate cluster") variance of a ratio estimator: stations are treated as drawn with
 * replacement from many, so the finite-population correction and any within-station stage are absorbed into the
 * between-station spread (Kish, <i>Survey Sampling</i>, 1965, §6.3; Cochran, <i>Sampling Techniques</i>, 3rd ed.,
 * 1977, §6.8 and §11.8; Wolter, <i>Introduction to Variance Estimation</i>, 2nd ed., 2007).
 * deff_c is Kish's design effect: the variance under the design over that of a simple random sample of the same n.
 * <p>
 * A station with m_i = 0 (no respondent in any of the k categories) is a sampled cluster with no one in the domain;
 * it stays in a, as domain estimation requires (Cochran 1977, §2.13), and contributes no residual. Counts need not be
 * whole numbers (weighted answers); n is then the sum of the weights, and deff is relative to a simple random
 * sample of that size. A category with p̂_c = 0 or 1 has no binomial variance to compare with: its deff_c is NaN.
 */
public final class ClusterSample {

    private final int stations;
    private final double n;
    private final double[] shares;
    private final double[][] covariance;

    private ClusterSample(int stations, double n, double[] shares, double[][] covariance) {
        this.stations = stations;
        this.n = n;
        this.shares = shares;
        this.covariance = covariance;
    }

    /**
     * @param counts counts[i][c]: category c's (weighted) count at station i; every row has the same k ≥ 2 entries
     * @throws IllegalArgumentException fewer than two stations, fewer than two categories, rows of different length,
     *                                  a negative or non-finite count, or no respondent at all
     */
    public static ClusterSample of(double[][] counts) {
        double[] m = StationCounts.sizes(counts);
        int a = counts.length;
        int k = counts[0].length;
        double[] totals = new double[k];
        for (double[] row : counts) {
            for (int c = 0; c < k; c++) {
                totals[c] += row[c];
            }
        }
        double n = Arrays.stream(m).sum();
        double[] p = new double[k];
        for (int c = 0; c < k; c++) {
            p[c] = totals[c] / n;
        }
        double[][] v = new double[k][k];
        double[] e = new double[k];
        for (int i = 0; i < a; i++) {
            for (int c = 0; c < k; c++) {
                e[c] = counts[i][c] - p[c] * m[i];
            }
            for (int c = 0; c < k; c++) {
                for (int d = c; d < k; d++) {
                    v[c][d] += e[c] * e[d];
                }
            }
        }
        double scale = a / ((a - 1.0) * n * n);
        for (int c = 0; c < k; c++) {
            for (int d = c; d < k; d++) {
                v[c][d] *= scale;
                v[d][c] = v[c][d];
            }
        }
        return new ClusterSample(a, n, p, v);
    }

    /** a: the number of stations (clusters), including any with no respondent in the categories. */
    public int stations() {
        return stations;
    }

    /** n = Σ m_i, the respondents (or the sum of their weights). */
    public double n() {
        return n;
    }

    public int categories() {
        return shares.length;
    }

    /** p̂, summing to 1. */
    public double[] shares() {
        return shares.clone();
    }

    /** V, the k × k covariance matrix of p̂ (each row sums to 0, since Σ p̂ = 1). */
    public double[][] covariance() {
        double[][] out = new double[shares.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = covariance[c].clone();
        }
        return out;
    }

    /**
     * v(p̂_c) = V_cc.
     *
     * @throws IllegalArgumentException c not one of the categories
     */
    public double variance(int c) {
        Check.index("c", c, shares.length, "categories");
        return covariance[c][c];
    }

    /**
     * deff_c = v(p̂_c) / (p̂_c (1 − p̂_c) / n); NaN where p̂_c is 0 or 1.
     *
     * @throws IllegalArgumentException c not one of the categories
     */
    public double designEffect(int c) {
        Check.index("c", c, shares.length, "categories");
        double p = shares[c];
        return p > 0 && p < 1 ? covariance[c][c] / (p * (1 - p) / n) : Double.NaN;
    }

    public double[] designEffects() {
        double[] out = new double[shares.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = designEffect(c);
        }
        return out;
    }
}
