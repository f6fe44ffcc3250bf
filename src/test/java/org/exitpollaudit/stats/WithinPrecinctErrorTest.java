package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of WPE and ln α; their values are in ForensicStatsTest. */
class WithinPrecinctErrorTest {

    @Test
    void refusesWhatIsNoShare() {
        refuses("pa = 62.0", () -> WithinPrecinctError.wpe(62, 30, 0.6, 0.3));
        refuses("va = -0.2", () -> WithinPrecinctError.lnAlpha(0.6, 0.3, -0.2, 0.3));
        refuses("vb = 1.3", () -> WithinPrecinctError.lnAlpha(0.6, 0.3, 0.6, 1.3));
    }

    @Test
    void edges() {
        // a share of 0: the ratio is undefined
        assertEquals(Double.NaN, WithinPrecinctError.lnAlpha(0, 0.3, 0.6, 0.3));
        assertEquals(Double.NaN, WithinPrecinctError.lnAlpha(0.6, 0.3, 0.6, 0));
        // WPE is defined there: 100 ((0 − 0.3) − (0.6 − 0.3)) = −60
        assertEquals(-60, WithinPrecinctError.wpe(0, 0.3, 0.6, 0.3), 1e-12);
        assertEquals(Double.NaN, WithinPrecinctError.wpe(Double.NaN, 0.3, 0.6, 0.3));
    }
}
