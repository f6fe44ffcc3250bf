package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Maxima of concave functions worked by hand. */
class ConcaveMaximumTest {

    @Test
    void interval() {
        // −(x − 0.3)² peaks inside [0, 1] at 0.3 with 0, and at the end 0.5 of [0.5, 1] with −0.04
        assertEquals(0, ConcaveMaximum.onInterval(x -> -(x - 0.3) * (x - 0.3), 0, 1), 1e-15);
        assertEquals(-0.04, ConcaveMaximum.onInterval(x -> -(x - 0.3) * (x - 0.3), 0.5, 1), 1e-15);
        // a linear function: at an end
        assertEquals(3, ConcaveMaximum.onInterval(x -> 3 * x, 0, 1), 1e-15);
        assertEquals(0.5, ConcaveMaximum.onInterval(x -> x, 0.5, 0.5), 0);
        assertThrows(IllegalArgumentException.class, () -> ConcaveMaximum.onInterval(x -> x, 1, 0));
    }

    /**
     * −(s − 0.2)² − (t − 0.9)² over s, t ≥ 0, s + t ≤ 1: the unconstrained peak (0.2, 0.9) lies outside, so the
     * maximum is its projection on s + t = 1, (0.15, 0.85), worth −0.0025 − 0.0025 = −0.005.
     */
    @Test
    void triangle() {
        assertEquals(-0.005, ConcaveMaximum.onTriangle((s, t) -> -(s - 0.2) * (s - 0.2) - (t - 0.9) * (t - 0.9), 1),
                1e-12);
        // a peak inside the triangle is found as it is
        assertEquals(0, ConcaveMaximum.onTriangle((s, t) -> -(s - 0.2) * (s - 0.2) - (t - 0.3) * (t - 0.3), 1), 1e-12);
    }

    @Test
    void refusesIntervalsThatAreEmptyOrNotFinite() {
        refuses("hi = 0.0 is below lo = 1.0", () -> ConcaveMaximum.onInterval(x -> x, 1, 0));
        refuses("lo = NaN", () -> ConcaveMaximum.onInterval(x -> x, Double.NaN, 1));
        refuses("hi = Infinity", () -> ConcaveMaximum.onInterval(x -> -x * x, 0, Double.POSITIVE_INFINITY));
        refuses("w = -0.1", () -> ConcaveMaximum.onTriangle((s, t) -> s + t, -0.1));
        refuses("w = NaN", () -> ConcaveMaximum.onTriangle((s, t) -> s + t, Double.NaN));
    }

    @Test
    void aTriangleOfNoWidthIsItsCorner() {
        // nothing free to give (the analysis passes w = 0 for a poll of exact counts): f(0, 0)
        assertEquals(-0.85, ConcaveMaximum.onTriangle((s, t) -> -(s - 0.2) * (s - 0.2) - (t - 0.9) * (t - 0.9), 0),
                1e-15);
    }
}
