package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of the two one-sided tests; the values themselves are in UncertaintyMeasuresTest. */
class EquivalenceTest {

    @Test
    void oneSidedZAtTheTableLevels() {
        // normal table: z₀.₉₇₅ = 1.959964, z₀.₉₉ = 2.326348
        assertEquals(1.959964, Equivalence.oneSidedZ(0.025), 5e-7);
        assertEquals(2.326348, Equivalence.oneSidedZ(0.01), 5e-7);
    }

    @Test
    void refusesALevelOutsideTheUnitInterval() {
        refuses("alpha = 0.0", () -> Equivalence.oneSidedZ(0));
        refuses("alpha = 1.0", () -> Equivalence.oneSidedZ(1));
        refuses("alpha = 5.0", () -> Equivalence.within(1, 0.5, 2, 5));
        refuses("alpha = NaN", () -> Equivalence.oneSidedZ(Double.NaN));
    }

    @Test
    void refusesANegativeStandardErrorOrTolerance() {
        refuses("se = -0.5", () -> Equivalence.within(1, -0.5, 2, 0.05));
        refuses("delta = 0.0", () -> Equivalence.within(1, 0.5, 0, 0.05));
        refuses("delta = -2.0", () -> Equivalence.within(1, 0.5, -2, 0.05));
        refuses("delta = NaN", () -> Equivalence.within(1, 0.5, Double.NaN, 0.05));
    }

    /** What cannot be shown within the tolerance is not: a NaN estimate or SE, an infinite SE. */
    @Test
    void undefinedEstimatesAreNotWithin() {
        assertFalse(Equivalence.within(Double.NaN, 0.5, 2, 0.05));
        assertFalse(Equivalence.within(1, Double.NaN, 2, 0.05));
        assertFalse(Equivalence.within(1, Double.POSITIVE_INFINITY, 2, 0.05));
        // se = 0: the estimate itself decides, 2 is on the boundary of [−2, 2]
        assertTrue(Equivalence.within(2, 0, 2, 0.05));
        assertFalse(Equivalence.within(2.01, 0, 2, 0.05));
    }
}
