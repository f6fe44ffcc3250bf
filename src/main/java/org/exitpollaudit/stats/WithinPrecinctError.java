package org.exitpollaudit.stats;

/**
 * Edison/Mitofsky within-precinct error of an exit poll at one polling station (or district), for the official
 * winner a and runner-up b (Edison Media Research &amp; Mitofsky International, "Evaluation of Edison/Mitofsky
 * Election System 2004", 2005):
 * <pre>
 *   WPE   = 100 [(p_a − p_b) − (v_a − v_b)]            (poll margin minus official margin, in points)
 *   ln α  = ln[(p_a / p_b) / (v_a / v_b)]               (its log-odds form, Liddle 2005; 0 = no error)
 * </pre>
 * WPE depends on how close the race is; ln α does not, which is why it is preferred for comparing units.
 * Shares lie in [0, 1]; a NaN share (undefined) gives NaN.
 */
public final class WithinPrecinctError {

    private WithinPrecinctError() {
    }

    /**
     * WPE: the national {@link MarginError#pp margin error}, taken in one unit.
     *
     * @throws IllegalArgumentException a share outside [0, 1]
     */
    public static double wpe(double pa, double pb, double va, double vb) {
        return MarginError.pp(pa, pb, va, vb);
    }

    /**
     * ln α; NaN when a share is 0 (the ratio is undefined).
     *
     * @throws IllegalArgumentException a share outside [0, 1]
     */
    public static double lnAlpha(double pa, double pb, double va, double vb) {
        Check.pair(pa, pb, va, vb);
        if (pa <= 0 || pb <= 0 || va <= 0 || vb <= 0) {
            return Double.NaN;
        }
        return Math.log((pa / pb) / (va / vb));
    }
}
