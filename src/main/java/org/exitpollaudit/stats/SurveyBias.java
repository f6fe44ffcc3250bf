package org.exitpollaudit.stats;

/**
 * Arzheimer &amp; Evans' (2014, Political Analysis 22(1):31–44) multinomial measures of survey bias:
 * <pre>
 *   A'_i    = ln[ (p_i / (1 − p_i)) / (v_i / (1 − v_i)) ]
 *   SE(A'_i) = √(deff / (n p_i (1 − p_i)))
 *   B        = (1/k) Σ |A'_i|
 *   B_w      = Σ v_i |A'_i|
 * </pre>
 * Values agree with their Stata package {@code surveybias} (see the test's worked example). Shares lie in [0, 1];
 * a NaN share (undefined) gives NaN.
 */
public final class SurveyBias {

    private SurveyBias() {
    }

    /**
     * A'_i; ±∞ or NaN when p or v is 0 or 1, as the logarithm gives (the analysis warns that log-odds measures are
     * undefined then).
     *
     * @throws IllegalArgumentException p or v outside [0, 1]
     */
    public static double aPrime(double p, double v) {
        Check.share("p", p);
        Check.share("v", v);
        return Math.log((p / (1 - p)) / (v / (1 - v)));
    }

    /**
     * SE(A'_i); +∞ when p is 0 or 1 or n is 0.
     *
     * @throws IllegalArgumentException p outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double aPrimeSe(double p, double n, double deff) {
        Check.share("p", p);
        Check.sample(n, deff);
        return Math.sqrt(deff / (n * p * (1 - p)));
    }

    /**
     * B: the unweighted mean of |A'_i| over k ≥ 1 values. An infinite A' (a share of 0) makes B +∞, a NaN one NaN.
     *
     * @throws IllegalArgumentException no value
     */
    public static double b(double[] aPrime) {
        Check.notEmpty("aPrime", aPrime);
        double sum = 0;
        for (double a : aPrime) {
            sum += Math.abs(a);
        }
        return sum / aPrime.length;
    }

    /**
     * B_w: |A'_i| weighted by the true shares v_i (which sum to 1). An infinite A' makes B_w +∞ (NaN if its v is 0).
     *
     * @throws IllegalArgumentException aPrime and v of different lengths, a v outside [0, 1]
     */
    public static double bw(double[] aPrime, double[] v) {
        Check.sameLength("aPrime", aPrime, "v", v);
        Check.shares("v", v);
        double sum = 0;
        for (int i = 0; i < aPrime.length; i++) {
            sum += v[i] * Math.abs(aPrime[i]);
        }
        return sum;
    }
}
