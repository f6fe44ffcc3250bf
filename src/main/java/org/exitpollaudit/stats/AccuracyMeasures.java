package org.exitpollaudit.stats;

/**
 * Classic poll-accuracy measures.
 * <ul>
 * <li>Mosteller et al. (1949) measure 3: the mean absolute deviation in percentage points,
 *     M3 = (1/k) Σ |100 (p_i − v_i)|.</li>
 * <li>Mosteller measure 5: the error on the margin between the official winner a and runner-up b,
 *     M5 = |(p_a − p_b) − (v_a − v_b)| · 100.</li>
 * <li>Martin, Traugott &amp; Kennedy (2005, POQ 69:342) A = ln[(p_a/p_b) / (v_a/v_b)], with
 *     SE(A) = √(deff (1/(n p_a) + 1/(n p_b))).</li>
 * </ul>
 * Shares lie in [0, 1]; a NaN share (undefined) gives NaN.
 */
public final class AccuracyMeasures {

    private AccuracyMeasures() {
    }

    /**
     * M3 over k ≥ 1 candidates.
     *
     * @throws IllegalArgumentException p empty, p and v of different lengths, a share outside [0, 1]
     */
    public static double mostellerM3(double[] p, double[] v) {
        Check.notEmpty("p", p);
        Check.sameLength("p", p, "v", v);
        Check.shares("p", p);
        Check.shares("v", v);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(100 * (p[i] - v[i]));
        }
        return sum / p.length;
    }

    /** @throws IllegalArgumentException a share outside [0, 1] */
    public static double mostellerM5(double pa, double pb, double va, double vb) {
        Check.pair(pa, pb, va, vb);
        return Math.abs((pa - pb) - (va - vb)) * 100;
    }

    /**
     * A; ±∞ or NaN when a share is 0, as the logarithm gives (the analysis warns that log-odds measures are
     * undefined then).
     *
     * @throws IllegalArgumentException a share outside [0, 1]
     */
    public static double mtkA(double pa, double pb, double va, double vb) {
        Check.pair(pa, pb, va, vb);
        return Math.log((pa / pb) / (va / vb));
    }

    /**
     * SE(A); +∞ when a poll share or n is 0.
     *
     * @throws IllegalArgumentException a share outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double mtkASe(double pa, double pb, double n, double deff) {
        Check.pairSample(pa, pb, n, deff);
        return Math.sqrt(deff * (1 / (n * pa) + 1 / (n * pb)));
    }
}
