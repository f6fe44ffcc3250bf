package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of Stouffer's Z; its values are in UncertaintyMeasuresTest. */
class StoufferTest {

    @Test
    void refusesNothingToCombine() {
        refuses("zs (the z statistics to combine) is empty", () -> Stouffer.z(new double[0]));
    }

    /** A poll's z against an official share of 0 is infinite, or NaN when the poll has 0 too: passed on. */
    @Test
    void infiniteAndUndefinedZ() {
        // one z: itself
        assertEquals(-1.5, Stouffer.z(new double[] {-1.5}), 0);
        assertEquals(Double.POSITIVE_INFINITY, Stouffer.z(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals(Double.NaN, Stouffer.z(new double[] {1, Double.NaN}));
        assertEquals(Double.NaN, Stouffer.z(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals(0, Stouffer.pValue(Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, Stouffer.pValue(Double.NaN));
    }
}
