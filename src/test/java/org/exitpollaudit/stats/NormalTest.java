package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalTest {

    /** Normal table: Φ(1.959964) = 0.975, Φ(2.575829) = 0.995. */
    @Test
    void criticalZAgainstTheTable() {
        assertEquals(1.959964, Normal.criticalZ(0.95), 5e-7);
        assertEquals(2.575829, Normal.criticalZ(0.99), 5e-7);
        assertEquals(0.025, Normal.upperTail(1.959964), 5e-7);
        assertEquals(0.05, Normal.twoSidedP(1.959964), 1e-6);
    }

    @Test
    void refusesAConfidenceOutsideTheUnitInterval() {
        refuses("confidence = 0.0", () -> Normal.criticalZ(0));
        refuses("confidence = 1.0", () -> Normal.criticalZ(1));
        // a percentage passed as a fraction
        refuses("confidence = 95.0", () -> Normal.criticalZ(95));
        refuses("confidence = NaN", () -> Normal.criticalZ(Double.NaN));
    }

    /** Statistics are data: an undefined one stays undefined, an infinite one has a tail of 0 or 1. */
    @Test
    void tailsOfUndefinedAndInfiniteStatistics() {
        assertEquals(Double.NaN, Normal.upperTail(Double.NaN));
        assertEquals(Double.NaN, Normal.twoSidedP(Double.NaN));
        assertEquals(0, Normal.upperTail(Double.POSITIVE_INFINITY));
        assertEquals(1, Normal.upperTail(Double.NEGATIVE_INFINITY));
        assertEquals(0, Normal.twoSidedP(Double.NEGATIVE_INFINITY));
        assertEquals(1, Normal.twoSidedP(0));
    }
}
