package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and edge cases of the power computations; their values are in UncertaintyMeasuresTest. */
class NoncentralChiSquaredTest {

    @Test
    void refusesDegreesOfFreedomAndNoncentralityOutsideTheirRange() {
        refuses("df = 0", () -> NoncentralChiSquared.survival(1, 0, 1));
        refuses("lambda = -1.0", () -> NoncentralChiSquared.survival(1, 1, -1));
        refuses("lambda = Infinity", () -> NoncentralChiSquared.survival(1, 1, Double.POSITIVE_INFINITY));
        refuses("lambda = NaN", () -> NoncentralChiSquared.survival(1, 1, Double.NaN));
    }

    @Test
    void refusesALevelOrPowerOutsideTheirRange() {
        refuses("df = 0", () -> NoncentralChiSquared.noncentralityForPower(0, 0.05, 0.8));
        refuses("alpha = 0.0", () -> NoncentralChiSquared.noncentralityForPower(1, 0, 0.8));
        refuses("alpha = NaN", () -> NoncentralChiSquared.noncentralityForPower(1, Double.NaN, 0.8));
        // a power at or below alpha needs no deviation; a power of 1 needs an infinite one
        refuses("power = 0.04", () -> NoncentralChiSquared.noncentralityForPower(1, 0.05, 0.04));
        refuses("power = 1.0", () -> NoncentralChiSquared.noncentralityForPower(1, 0.05, 1));
        refuses("power = 80.0", () -> NoncentralChiSquared.minimumDetectable(0.5, 1000, 1, 1, 0.05, 80));
    }

    @Test
    void refusesAMinimumDetectableDeviationOfNoPoll() {
        refuses("lambda = -7.8", () -> NoncentralChiSquared.minimumDetectable(-7.8, 0.5, 1000, 1));
        refuses("v = 1.5", () -> NoncentralChiSquared.minimumDetectable(7.8, 1.5, 1000, 1));
        refuses("n = -1000.0", () -> NoncentralChiSquared.minimumDetectable(7.8, 0.5, -1000, 1));
        refuses("deff = 0.0", () -> NoncentralChiSquared.minimumDetectable(7.8, 0.5, 1000, 0));
    }

    @Test
    void edges() {
        // below 0 every χ² lies above x: the Poisson weights sum to 1
        assertEquals(1, NoncentralChiSquared.survival(-1, 2, 3), 1e-15);
        assertEquals(1, NoncentralChiSquared.survival(0, 2, 0), 0);
        // an official share of 0 or 1 has no variance: nothing smaller than 0 to detect; n = 0: +∞
        assertEquals(0, NoncentralChiSquared.minimumDetectable(7.8, 0, 1000, 1));
        assertEquals(0, NoncentralChiSquared.minimumDetectable(7.8, 1, 1000, 1));
        assertEquals(Double.POSITIVE_INFINITY, NoncentralChiSquared.minimumDetectable(7.8, 0.5, 0, 1));
        assertEquals(Double.NaN, NoncentralChiSquared.minimumDetectable(7.8, Double.NaN, 1000, 1));
    }
}
