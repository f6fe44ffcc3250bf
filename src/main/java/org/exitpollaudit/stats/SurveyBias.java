package org.exitpollaudit.stats;

/**
 * Arzheimer &amp; Evans' (2014, Political Analysis 22(1):31–44) multinomial measures of survey bias:
 * <pre>
 *   A'_i    = ln[ (p_i / (1 − p_i)) / (v_i / (1 − v_i)) ]
 *   SE(A'_i) = √(deff / (n p_i (1 − p_i)))
 *   B        = (1/k) Σ |A'_i|
 *   B_w      = Σ v_i |A'_i|
 * </pre>
 * Values agree with their Stata package {@code surveybias} (see the test's worked example).
 */
public final class SurveyBias {

    private SurveyBias() {
    }

    public static double aPrime(double p, double v) {
        return Math.log((p / (1 - p)) / (v / (1 - v)));
    }

    public static double aPrimeSe(double p, double n, double deff) {
        return Math.sqrt(deff / (n * p * (1 - p)));
    }

    /** B: the unweighted mean of |A'_i|. */
    public static double b(double[] aPrime) {
        double sum = 0;
        for (double a : aPrime) {
            sum += Math.abs(a);
        }
        return sum / aPrime.length;
    }

    /** B_w: |A'_i| weighted by the true shares v_i (which sum to 1). */
    public static double bw(double[] aPrime, double[] v) {
        double sum = 0;
        for (int i = 0; i < aPrime.length; i++) {
            sum += v[i] * Math.abs(aPrime[i]);
        }
        return sum;
    }
}
