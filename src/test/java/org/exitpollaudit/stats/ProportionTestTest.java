package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProportionTestTest {

    @Test
    void zAndPByHand() {
        // p = 0.52, v = 0.50, n = 2500, deff = 1: z = 0.02 / sqrt(0.25/2500) = 0.02 / 0.01 = 2.
        // Two-sided p from the normal table: 2 (1 - 0.9772499) = 0.0455003.
        double z = ProportionTest.z(0.52, 0.50, 2500, 1);
        assertEquals(2.0, z, 1e-12);
        assertEquals(0.0455003, ProportionTest.pValue(z), 5e-8);
        // deff = 2: z = 2 / sqrt 2 = 1.4142136, p = 2 (1 - 0.9213504) = 0.1572992
        assertEquals(0.1572992, ProportionTest.pValue(ProportionTest.z(0.52, 0.50, 2500, 2)), 5e-8);
    }

    @Test
    void differenceOfTwoPollsByHand() {
        // p_a = 0.52 (se 0.02), p_b = 0.47 (se 0.015): z = 0.05 / √(0.0004 + 0.000225) = 0.05 / 0.025 = 2;
        // two-sided p from the normal table: 0.0455003
        double z = ProportionTest.differenceZ(0.52, 0.02, 0.47, 0.015);
        assertEquals(2.0, z, 1e-12);
        assertEquals(0.0455003, ProportionTest.pValue(z), 5e-8);
        assertEquals(-2.0, ProportionTest.differenceZ(0.47, 0.015, 0.52, 0.02), 1e-12);
        // no sampling error: a difference is infinitely significant, no difference undefined
        assertEquals(Double.POSITIVE_INFINITY, ProportionTest.differenceZ(0.52, 0, 0.47, 0));
        assertEquals(Double.NaN, ProportionTest.differenceZ(0.5, 0, 0.5, 0));
        assertEquals(Double.NaN, ProportionTest.differenceZ(Double.NaN, 0.02, 0.47, 0.015));
    }

    @Test
    void refusesANegativeStandardErrorOrNoShare() {
        refuses("seA = -0.02", () -> ProportionTest.differenceZ(0.52, -0.02, 0.47, 0.015));
        refuses("seB = -1.0", () -> ProportionTest.differenceZ(0.52, 0.02, 0.47, -1));
        refuses("pb = 47.0", () -> ProportionTest.differenceZ(0.52, 0.02, 47, 0.015));
    }

    @Test
    void standardErrorByHand() {
        // sqrt(0.52 * 0.48 / 2500) = sqrt(0.00009984) = 0.0099920
        assertEquals(0.0099920, ProportionTest.standardError(0.52, 2500, 1), 5e-8);
    }

    @Test
    void refusesWhatIsNoShare() {
        refuses("p = 52.0", () -> ProportionTest.z(52, 0.5, 2500, 1));
        refuses("v = -0.5", () -> ProportionTest.z(0.52, -0.5, 2500, 1));
        refuses("p = 1.2", () -> ProportionTest.standardError(1.2, 2500, 1));
    }

    @Test
    void refusesANegativeSampleOrANonPositiveDesignEffect() {
        refuses("n = -2500.0", () -> ProportionTest.z(0.52, 0.5, -2500, 1));
        refuses("n = NaN", () -> ProportionTest.standardError(0.52, Double.NaN, 1));
        refuses("deff = 0.0", () -> ProportionTest.standardError(0.52, 2500, 0));
        refuses("deff = -1.7", () -> ProportionTest.z(0.52, 0.5, 2500, -1.7));
    }

    /** The edges the analysis reaches: an official share of 0, a share with no variance, n = 0. */
    @Test
    void edges() {
        // v = 0: (0.1 − 0) / 0 = +∞, and p = 0 too: 0 / 0
        assertEquals(Double.POSITIVE_INFINITY, ProportionTest.z(0.1, 0, 2500, 1));
        assertEquals(Double.NaN, ProportionTest.z(0, 0, 2500, 1));
        assertEquals(0, ProportionTest.pValue(Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, ProportionTest.pValue(Double.NaN));
        assertEquals(0, ProportionTest.standardError(1, 2500, 1));
        assertEquals(Double.POSITIVE_INFINITY, ProportionTest.standardError(0.52, 0, 1));
        assertEquals(Double.NaN, ProportionTest.standardError(0, 0, 1));
        // deff = +∞: no information
        assertEquals(Double.POSITIVE_INFINITY, ProportionTest.standardError(0.52, 2500, Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, ProportionTest.standardError(Double.NaN, 2500, 1));
    }
}
