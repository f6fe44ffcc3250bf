package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of the DerSimonian–Laird summary; its values are in UncertaintyMeasuresTest. */
class RandomEffectsTest {

    @Test
    void refusesTooFewOrUnpairedEstimates() {
        refuses("y has 1 estimate(s)", () -> RandomEffects.of(new double[] {1}, new double[] {1}));
        refuses("y has 0 estimate(s)", () -> RandomEffects.of(new double[0], new double[0]));
        refuses("y has 2 entries, variance has 3", () -> RandomEffects.of(new double[] {1, 2}, new double[] {1, 1, 1}));
    }

    @Test
    void refusesVariancesThatAreNotFinitePositive() {
        refuses("variance[1] = 0.0", () -> RandomEffects.of(new double[] {1, 2}, new double[] {1, 0}));
        refuses("variance[0] = -1.0", () -> RandomEffects.of(new double[] {1, 2}, new double[] {-1, 1}));
        refuses("variance[1] = Infinity",
                () -> RandomEffects.of(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
        refuses("variance[0] = NaN", () -> RandomEffects.of(new double[] {1, 2}, new double[] {Double.NaN, 1}));
        refuses("y[1] = -Infinity", () -> RandomEffects.of(new double[] {1, Double.NEGATIVE_INFINITY},
                new double[] {1, 1}));
    }

    @Test
    void refusesAConfidenceOutsideTheUnitInterval() {
        RandomEffects.Result r = RandomEffects.of(new double[] {1, 1.1}, new double[] {1, 1});
        refuses("confidence = 95.0", () -> r.interval(95));
        refuses("confidence = 0.0", () -> r.interval(0));
    }

    @Test
    void anUndefinedEstimateMakesTheSummaryUndefined() {
        RandomEffects.Result r = RandomEffects.of(new double[] {1, Double.NaN}, new double[] {1, 1});
        assertEquals(Double.NaN, r.mean());
        assertEquals(Double.NaN, r.q());
    }
}
