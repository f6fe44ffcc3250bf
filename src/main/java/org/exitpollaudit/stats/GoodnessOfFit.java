package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Goodness of fit of the poll's distribution p (observed counts p_i n) to the official distribution v
 * (expected counts v_i n), both summing to 1 over k categories:
 * <pre>
 *   X²    = Σ (p_i n − v_i n)² / (v_i n)  = n Σ (p_i − v_i)² / v_i          (Pearson)
 *   G²    = 2 Σ o_i ln(o_i / E_i)        = 2n Σ p_i ln(p_i / v_i)           (likelihood ratio; 0 ln 0 = 0)
 *   X²_RS = X² / deff, upper-tail p from χ²(k − 1)                            (first-order Rao–Scott)
 * </pre>
 * Observed counts need not be whole numbers (shares times an assumed or effective n).
 * Rao &amp; Scott (1981, JASA 76:221); with a common design effect the first-order correction divides X² by it.
 * <p>
 * p and v pair entry by entry; their entries are shares in [0, 1], NaN (undefined) giving a NaN statistic. An
 * official share of 0 has no expected count: X² is +∞ if the poll gives that category anything, NaN if not (0/0);
 * G² is +∞ then. n ≥ 0 (n = 0 gives 0, or NaN with a NaN or infinite sum).
 */
public final class GoodnessOfFit {

    private GoodnessOfFit() {
    }

    /** @throws IllegalArgumentException p and v of different lengths, a share outside [0, 1], n &lt; 0 or NaN */
    public static double pearson(double[] p, double[] v, double n) {
        check(p, v, n);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - v[i];
            sum += d * d / v[i];
        }
        return n * sum;
    }

    /** @throws IllegalArgumentException p and v of different lengths, a share outside [0, 1], n &lt; 0 or NaN */
    public static double likelihoodRatio(double[] p, double[] v, double n) {
        check(p, v, n);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                sum += p[i] * Math.log(p[i] / v[i]);
            }
        }
        return 2 * n * sum;
    }

    private static void check(double[] p, double[] v, double n) {
        Check.sameLength("p", p, "v", v);
        Check.shares("p", p);
        Check.shares("v", v);
        Check.nonNegative("n", n);
    }

    /**
     * Upper-tail probability of a χ² statistic on df degrees of freedom: 0 for +∞ (a category the count rules out),
     * NaN for NaN (an undefined statistic).
     *
     * @throws IllegalArgumentException a negative statistic, df &lt; 1
     */
    public static double pValue(double statistic, int df) {
        Check.notNegative("statistic", statistic);
        Check.degreesOfFreedom(df);
        return ChiSquaredDistribution.of(df).survivalProbability(statistic);
    }

    /**
     * The χ²(df) value with upper-tail probability alpha (3.841 for df = 1, alpha = 0.05).
     *
     * @throws IllegalArgumentException df &lt; 1, alpha not in (0, 1)
     */
    public static double critical(int df, double alpha) {
        Check.degreesOfFreedom(df);
        Check.openUnit("alpha", alpha);
        return ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha);
    }

    /**
     * The sample size above which the Rao–Scott test would reject at alpha. X²_RS is linear in n, so
     * n_critical = n · critical / X²_RS. Infinite when the poll matches exactly, and also for a NaN statistic (the
     * analysis passes the range of readings as NaN where an official share is 0, and reports +∞ for it); 0 for an
     * infinite one.
     *
     * @throws IllegalArgumentException a negative statistic, n &lt; 0 or NaN, df &lt; 1, alpha not in (0, 1)
     */
    public static double criticalSampleSize(double chi2RaoScott, double n, int df, double alpha) {
        Check.notNegative("chi2RaoScott", chi2RaoScott);
        Check.nonNegative("n", n);
        Check.degreesOfFreedom(df);
        Check.openUnit("alpha", alpha);
        return chi2RaoScott > 0 ? n * critical(df, alpha) / chi2RaoScott : Double.POSITIVE_INFINITY;
    }
}
