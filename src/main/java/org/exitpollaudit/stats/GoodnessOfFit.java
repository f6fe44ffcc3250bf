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
 */
public final class GoodnessOfFit {

    private GoodnessOfFit() {
    }

    public static double pearson(double[] p, double[] v, double n) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - v[i];
            sum += d * d / v[i];
        }
        return n * sum;
    }

    public static double likelihoodRatio(double[] p, double[] v, double n) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                sum += p[i] * Math.log(p[i] / v[i]);
            }
        }
        return 2 * n * sum;
    }

    /** Upper-tail probability of a χ² statistic on df degrees of freedom. */
    public static double pValue(double statistic, int df) {
        return ChiSquaredDistribution.of(df).survivalProbability(statistic);
    }

    /** The χ²(df) value with upper-tail probability alpha (3.841 for df = 1, alpha = 0.05). */
    public static double critical(int df, double alpha) {
        return ChiSquaredDistribution.of(df).inverseSurvivalProbability(alpha);
    }

    /**
     * The sample size above which the Rao–Scott test would reject at alpha. X²_RS is linear in n, so
     * n_critical = n · critical / X²_RS. Infinite when the poll matches exactly.
     */
    public static double criticalSampleSize(double chi2RaoScott, double n, int df, double alpha) {
        return chi2RaoScott > 0 ? n * critical(df, alpha) / chi2RaoScott : Double.POSITIVE_INFINITY;
    }
}
