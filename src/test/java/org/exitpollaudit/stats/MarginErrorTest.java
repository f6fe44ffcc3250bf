package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of the margin error; its values are in UncertaintyMeasuresTest. */
class MarginErrorTest {

    @Test
    void refusesWhatIsNoShare() {
        // 55 is a percentage, not a share
        refuses("pa = 55.0", () -> MarginError.pp(55, 0.4, 0.5, 0.4));
        refuses("vb = -0.1", () -> MarginError.pp(0.5, 0.4, 0.5, -0.1));
        refuses("pb = 1.5", () -> MarginError.sePp(0.5, 1.5, 1000, 1));
    }

    @Test
    void refusesANegativeSampleOrANonPositiveDesignEffect() {
        refuses("n = -1000.0", () -> MarginError.sePp(0.6, 0.4, -1000, 1));
        refuses("n = NaN", () -> MarginError.sePp(0.6, 0.4, Double.NaN, 1));
        refuses("deff = 0.0", () -> MarginError.sePp(0.6, 0.4, 1000, 0));
        refuses("deff = NaN", () -> MarginError.sePp(0.6, 0.4, 1000, Double.NaN));
    }

    @Test
    void edges() {
        // n = 0: 100 √(1 · 0.96 / 0) = +∞; with both poll shares 0, 0 / 0
        assertEquals(Double.POSITIVE_INFINITY, MarginError.sePp(0.6, 0.4, 0, 1));
        assertEquals(Double.NaN, MarginError.sePp(0, 0, 0, 1));
        // both poll shares 0 with n > 0: no variance
        assertEquals(0, MarginError.sePp(0, 0, 1000, 1));
        // an undefined share gives an undefined margin
        assertEquals(Double.NaN, MarginError.pp(Double.NaN, 0.4, 0.5, 0.4));
    }
}
