package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * DerSimonian–Laird random-effects summary of m estimates y_j with variances s_j² (DerSimonian &amp; Laird 1986,
 * Controlled Clinical Trials 7:177–188):
 * <pre>
 *   w_j = 1 / s_j²,  ȳ_F = Σ w_j y_j / Σ w_j,  Q = Σ w_j (y_j − ȳ_F)²
 *   τ² = max(0, (Q − (m − 1)) / (Σ w_j − Σ w_j² / Σ w_j))
 *   w*_j = 1 / (s_j² + τ²),  μ̂ = Σ w*_j y_j / Σ w*_j,  SE(μ̂) = 1 / √Σ w*_j
 * </pre>
 * Here y_j is poll j's deviation from the count: μ̂ is the polls' common error and τ² how much they disagree
 * beyond sampling error. With few estimates (three or four polls) the normal interval μ̂ ∓ z SE is too narrow; the
 * interval reported is Hartung–Knapp's, with the variance scaled by q* = Σ w*_j (y_j − μ̂)² / (m − 1), truncated
 * below at 1, and a t quantile on m − 1 df (Knapp &amp; Hartung 2003, Stat. Med. 22:2693; IntHout, Ioannidis &amp;
 * Borm 2014, BMC Med. Res. Methodol. 14:25; the truncation: Röver, Knapp &amp; Friede 2015, BMC Med. Res.
 * Methodol. 15:99): SE_HK = SE · √max(1, q*).
 */
public final class RandomEffects {

    /** The summary: mean, its standard error, τ², Cochran's Q and its degrees of freedom. */
    public record Result(double mean, double se, double tau2, double q, int df, double seHartungKnapp) {

        /**
         * The two-sided interval μ̂ ∓ t_{m−1} SE_HK at the given confidence.
         *
         * @throws IllegalArgumentException confidence not in (0, 1)
         */
        public double[] interval(double confidence) {
            Check.openUnit("confidence", confidence);
            double t = TDistribution.of(df).inverseSurvivalProbability((1 - confidence) / 2);
            return new double[] {mean - t * seHartungKnapp, mean + t * seHartungKnapp};
        }
    }

    private RandomEffects() {
    }

    /**
     * @param y        m ≥ 2 estimates, each finite or NaN (undefined: the whole summary is then NaN)
     * @param variance their variances s_j², each finite and &gt; 0 (the caller leaves out a poll whose standard error
     *                 is 0)
     * @throws IllegalArgumentException fewer than 2 estimates, y and variance of different lengths, an infinite
     *                                  estimate, a variance that is not a finite number &gt; 0
     */
    public static Result of(double[] y, double[] variance) {
        int m = y.length;
        if (m < 2) {
            throw new IllegalArgumentException("y has " + m
                    + " estimate(s): a random-effects summary needs at least 2");
        }
        Check.sameLength("y", y, "variance", variance);
        for (int j = 0; j < m; j++) {
            if (Double.isInfinite(y[j])) {
                throw new IllegalArgumentException("y[" + j + "] = " + y[j] + " is not finite");
            }
        }
        double sw = 0;
        double sw2 = 0;
        double swy = 0;
        for (int j = 0; j < m; j++) {
            if (!(variance[j] > 0) || Double.isInfinite(variance[j])) {
                throw new IllegalArgumentException("variance[" + j + "] = " + variance[j]
                        + " is not a finite number > 0");
            }
            double w = 1 / variance[j];
            sw += w;
            sw2 += w * w;
            swy += w * y[j];
        }
        double fixed = swy / sw;
        double q = 0;
        for (int j = 0; j < m; j++) {
            q += (y[j] - fixed) * (y[j] - fixed) / variance[j];
        }
        double tau2 = Math.max(0, (q - (m - 1)) / (sw - sw2 / sw));
        double swStar = 0;
        double swyStar = 0;
        for (int j = 0; j < m; j++) {
            double w = 1 / (variance[j] + tau2);
            swStar += w;
            swyStar += w * y[j];
        }
        double mean = swyStar / swStar;
        double qStar = 0;
        for (int j = 0; j < m; j++) {
            qStar += (y[j] - mean) * (y[j] - mean) / (variance[j] + tau2);
        }
        qStar /= m - 1;
        double se = 1 / Math.sqrt(swStar);
        return new Result(mean, se, tau2, q, m - 1, se * Math.sqrt(Math.max(1, qStar)));
    }
}
