package org.exitpollaudit.stats;

/**
 * The error on the margin between the official winner a and runner-up b, the headline accuracy figure of the
 * exit-poll literature (Mitofsky's within-precinct error is this quantity at station level: Mitofsky 1991, POQ
 * 55:105; Edison/Mitofsky 2005, "Evaluation of Edison/Mitofsky Election System 2004"), in percentage points:
 * <pre>
 *   margin_error    = 100 [ (p_a − p_b) − (v_a − v_b) ]
 *   margin_error_se = 100 √( deff (p_a + p_b − (p_a − p_b)²) / n )
 * </pre>
 * The variance is that of the difference of two shares of one multinomial sample,
 * Var(p̂_a − p̂_b) = (p_a + p_b − (p_a − p_b)²) / n (Kish 1965, Survey Sampling, §12.10; Franklin 2007,
 * "The margin of error for differences in polls"), inflated by the design effect; official shares are exact.
 * Shares lie in [0, 1]; a NaN share (undefined) gives NaN.
 */
public final class MarginError {

    private MarginError() {
    }

    /**
     * margin_error in points.
     *
     * @throws IllegalArgumentException a share outside [0, 1]
     */
    public static double pp(double pa, double pb, double va, double vb) {
        Check.pair(pa, pb, va, vb);
        return 100 * ((pa - pb) - (va - vb));
    }

    /**
     * margin_error_se in points; n ≥ 0 (+∞ at n = 0, NaN if also pa = pb = 0), deff &gt; 0.
     *
     * @throws IllegalArgumentException a share outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double sePp(double pa, double pb, double n, double deff) {
        Check.pairSample(pa, pb, n, deff);
        double d = pa - pb;
        return 100 * Math.sqrt(deff * (pa + pb - d * d) / n);
    }
}
