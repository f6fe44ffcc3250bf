package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The integer-percentage test's pieces against binomials small enough to enumerate by hand: every count k of n, its
 * percentage 100 k / n, its distance to the nearest integer and its probability C(n, k) p^k (1 − p)^(n − k) are
 * written out, and the probabilities of the counts within the tolerance are added. The probabilities are sums of a
 * few terms of the form m / 2^j or m / 27, so they are compared to 1e-14.
 */
class IntegerPercentageTest {

    private static final double EXACT = 1e-14;

    /**
     * 1/3 = 33.333 %: 0.333 from 33, near within 0.34 points, not within 0.33 or 0.05. 1/8 = 12.5 %: exactly 0.5 from
     * 12 and 13, near within 0.5 (the window is closed), not within 0.49. 1/4 = 25 % and 0 = 0 % are whole: near
     * within 0. n = 0 is no fraction, and NaN no figure: never near.
     */
    @Test
    void nearIntegerByHand() {
        assertFalse(IntegerPercentage.nearInteger(1, 3, 0.05));
        assertFalse(IntegerPercentage.nearInteger(1, 3, 0.33));
        assertTrue(IntegerPercentage.nearInteger(1, 3, 0.34));
        assertTrue(IntegerPercentage.nearInteger(1, 8, 0.5));
        assertFalse(IntegerPercentage.nearInteger(1, 8, 0.49));
        assertTrue(IntegerPercentage.nearInteger(1, 4, 0));
        assertTrue(IntegerPercentage.nearInteger(0, 5, 0));
        assertFalse(IntegerPercentage.nearInteger(1, 3, 0));
        assertFalse(IntegerPercentage.nearInteger(0, 0, 0.05));
        assertFalse(IntegerPercentage.nearInteger(3, 0, 0.05));
        assertFalse(IntegerPercentage.nearInteger(Double.NaN, 100, 0.05));
        assertFalse(IntegerPercentage.nearInteger(30, Double.NaN, 0.05));
        // at the 0.05-point tolerance: 765 / 1000 = 76.5 % is not near; 760 / 1000 = 76.0 % is; 7605 / 10000 = 76.05 %
        // is on the edge and counts; 7606 / 10000 = 76.06 % does not
        assertFalse(IntegerPercentage.nearInteger(765, 1000, 0.05));
        assertTrue(IntegerPercentage.nearInteger(760, 1000, 0.05));
        assertTrue(IntegerPercentage.nearInteger(7605, 10000, 0.05));
        assertFalse(IntegerPercentage.nearInteger(7606, 10000, 0.05));
    }

    /**
     * n = 3: k = 0 … 3 are 0, 33.33, 66.67 and 100 %; within 0.05 points only k = 0 and k = 3.
     * p = 1/3: (2/3)³ + (1/3)³ = 8/27 + 1/27 = 1/3. p = 0.2: 0.8³ + 0.2³ = 0.512 + 0.008 = 0.52.
     */
    @Test
    void threeTrials() {
        assertEquals(1.0 / 3, IntegerPercentage.probabilityNearInteger(3, 1.0 / 3, 0.05), EXACT);
        assertEquals(0.52, IntegerPercentage.probabilityNearInteger(3, 0.2, 0.05), EXACT);
    }

    /**
     * n = 6, p = 1/2: k = 0 … 6 are 0, 16.67, 33.33, 50, 66.67, 83.33, 100 %, with C(6, k) = 1, 6, 15, 20, 15, 6, 1
     * over 64. Within 0.05 points: k = 0, 3, 6, so (1 + 20 + 1) / 64 = 22/64 = 0.34375. Within 0.34 points every k
     * (16.67 is 0.333 from 17): 1.
     */
    @Test
    void sixTrials() {
        assertEquals(0.34375, IntegerPercentage.probabilityNearInteger(6, 0.5, 0.05), EXACT);
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(6, 0.5, 0.34), EXACT);
    }

    /**
     * n = 7, p = 1/2: k = 0 … 7 are 0, 14.286, 28.571, 42.857, 57.143, 71.429, 85.714, 100 %, at distances 0, 0.286,
     * 0.429, 0.143, 0.143, 0.429, 0.286, 0 from the nearest integer, with C(7, k) = 1, 7, 21, 35, 35, 21, 7, 1 over 128.
     * Within 0.05: k = 0, 7: 2/128 = 0.015625. Within 0.15: also k = 3, 4: 72/128 = 0.5625. Within 0.3: also
     * k = 1, 6: 86/128 = 0.671875. Within 0.43: every k, 1.
     */
    @Test
    void sevenTrialsAtFourTolerances() {
        assertEquals(0.015625, IntegerPercentage.probabilityNearInteger(7, 0.5, 0.05), EXACT);
        assertEquals(0.5625, IntegerPercentage.probabilityNearInteger(7, 0.5, 0.15), EXACT);
        assertEquals(0.671875, IntegerPercentage.probabilityNearInteger(7, 0.5, 0.3), EXACT);
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(7, 0.5, 0.43), EXACT);
    }

    /**
     * n = 8, p = 1/4: k = 0 … 8 are 0, 12.5, 25, …, 100 %; within 0.05 points the even k. Over 4⁸ = 65,536:
     * P(0) = 3⁸ = 6,561; P(2) = 28 · 3⁶ = 20,412; P(4) = 70 · 3⁴ = 5,670; P(6) = 28 · 3² = 252; P(8) = 1; the sum
     * 32,896 / 65,536 = 0.501953125, which is (1 + (1 − 2p)⁸) / 2 = (1 + 1/256) / 2, the probability that a binomial
     * count is even. Within 0.5 points every k (12.5 is 0.5 from 12): 1.
     */
    @Test
    void eightTrialsAQuarter() {
        assertEquals(0.501953125, IntegerPercentage.probabilityNearInteger(8, 0.25, 0.05), EXACT);
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(8, 0.25, 0.5), EXACT);
    }

    /** No trials: 0, whatever p (k / 0 or 0 / 0). A count of 0 % or 100 %, or one outside 0 … n: 1. */
    @Test
    void edges() {
        assertEquals(0.0, IntegerPercentage.probabilityNearInteger(0, 0.5, 0.05));
        assertEquals(0.0, IntegerPercentage.probabilityNearInteger(0, Double.NaN, 0.05));
        assertEquals(0.0, IntegerPercentage.probabilityNearInteger(-5, 0.5, 0.05));
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(7, 0, 0.05));
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(7, 1, 0.05));
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(7, 1.2, 0.05));
    }

    /**
     * By inclusion and exclusion, P(A or B) = a + b − ab for independent A and B: 0.1 + 0.2 − 0.02 = 0.28;
     * 0.5 + 0.5 − 0.25 = 0.75; 0 + 0.3 − 0 = 0.3; 1 + 0.3 − 0.3 = 1.
     */
    @Test
    void eitherByInclusionAndExclusion() {
        assertEquals(0.28, IntegerPercentage.either(0.1, 0.2), EXACT);
        assertEquals(0.75, IntegerPercentage.either(0.5, 0.5), EXACT);
        assertEquals(0.3, IntegerPercentage.either(0, 0.3), EXACT);
        assertEquals(1.0, IntegerPercentage.either(1, 0.3), EXACT);
        assertEquals(Double.NaN, IntegerPercentage.either(Double.NaN, 0.3));
    }

    @Test
    void refusesWhatIsNoCountOrTolerance() {
        refuses("k = -1.0 is negative", () -> IntegerPercentage.nearInteger(-1, 100, 0.05));
        refuses("n = -100.0 is negative", () -> IntegerPercentage.nearInteger(1, -100, 0.05));
        refuses("tolerance = -0.01 is not a finite number ≥ 0", () -> IntegerPercentage.nearInteger(1, 100, -0.01));
        refuses("tolerance = NaN", () -> IntegerPercentage.nearInteger(1, 100, Double.NaN));
        refuses("tolerance = Infinity", () -> IntegerPercentage.nearInteger(1, 100, Double.POSITIVE_INFINITY));
    }

    @Test
    void refusesAToleranceOrAnUndefinedP() {
        refuses("tolerance = -0.01 is not a finite number ≥ 0",
                () -> IntegerPercentage.probabilityNearInteger(100, 0.5, -0.01));
        refuses("tolerance = NaN", () -> IntegerPercentage.probabilityNearInteger(100, 0.5, Double.NaN));
        refuses("tolerance = Infinity",
                () -> IntegerPercentage.probabilityNearInteger(100, 0.5, Double.POSITIVE_INFINITY));
        refuses("p = NaN is not a number", () -> IntegerPercentage.probabilityNearInteger(100, Double.NaN, 0.05));
    }

    @Test
    void refusesWhatIsNoProbability() {
        refuses("a = 1.2 is not a probability in [0, 1]", () -> IntegerPercentage.either(1.2, 0.5));
        refuses("b = -0.1 is not a probability in [0, 1]", () -> IntegerPercentage.either(0.5, -0.1));
    }
}
