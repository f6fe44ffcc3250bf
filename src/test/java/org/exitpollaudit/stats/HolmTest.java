package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void stepDownByHand() {
        // sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> monotone max 0.06)
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    }

    @Test
    void capsAtOneAndSkipsNaN() {
        // m = 2 (NaN ignored): 0.6 x2 = 1.2 -> 1; 0.7 x1 = 0.7 -> max(1, 0.7) = 1
        double[] adjusted = Holm.adjust(new double[] {0.7, Double.NaN, 0.6});
        assertArrayEquals(new double[] {1.0, Double.NaN, 1.0}, adjusted, 0);
    }

    @Test
    void refusesWhatIsNoProbability() {
        refuses("p[1] = 1.2", () -> Holm.adjust(new double[] {0.01, 1.2}));
        refuses("p[0] = -0.01", () -> Holm.adjust(new double[] {-0.01, 0.5}));
        refuses("p[0] = Infinity", () -> Holm.adjust(new double[] {Double.POSITIVE_INFINITY}));
    }

    @Test
    void nothingToAdjust() {
        assertEquals(0, Holm.adjust(new double[0]).length);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, Holm.adjust(new double[] {Double.NaN, Double.NaN}), 0);
        // m = 1: p itself
        assertArrayEquals(new double[] {0.3}, Holm.adjust(new double[] {0.3}), 0);
    }
}
