package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void containsItsEnds() {
        Interval i = new Interval(0.4, 0.6);
        assertTrue(i.contains(0.4));
        assertTrue(i.contains(0.6));
        assertFalse(i.contains(0.61));
        assertFalse(i.contains(Double.NaN));
        assertTrue(new Interval(0.5, 0.5).contains(0.5), "a single point");
    }

    @Test
    void refusesEndsInTheWrongOrder() {
        refuses("low = 0.6 is above high = 0.4", () -> new Interval(0.6, 0.4));
    }

    /** WilsonInterval of a NaN share: an undefined interval, which contains nothing. */
    @Test
    void nanEndsContainNothing() {
        Interval undefined = new Interval(Double.NaN, Double.NaN);
        assertFalse(undefined.contains(0.5));
        assertFalse(undefined.contains(Double.NaN));
    }
}
