package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalTest {

    /** Normal table: Φ(1.644854) = 0.95, Φ(1.959964) = 0.975, Φ(2.575829) = 0.995; and back, the tails beyond ±z. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.90, 1.644854", "0.95, 1.959964", "0.99, 2.575829"})
    void criticalZAgainstTheTable(double confidence, double z) {
        assertEquals(z, Normal.criticalZ(confidence), 5e-7);
        assertEquals(1 - confidence, Normal.twoSidedP(z), 1e-6);
        assertEquals((1 - confidence) / 2, Normal.upperTail(z), 1e-6);
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
