package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The memo must return the very double {@link IntegerPercentage#probabilityNearInteger} gives (the figures built on it
 * are compared byte for byte), so every comparison here is of the bits, on a grid that makes the table grow.
 */
class IntegerPercentageMemoTest {

    private static final double TOL = 0.05;

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + expected + " vs " + actual);
    }

    @Test
    void everyPairOfAGridGivesTheDirectComputationFirstTimeAndFromTheTable() {
        IntegerPercentageMemo memo = new IntegerPercentageMemo(TOL);
        int pairs = 0;
        for (int round = 0; round < 2; round++) {
            for (int n = 1; n <= 160; n++) {
                for (int k = 0; k <= n; k++) {
                    double direct = IntegerPercentage.probabilityNearInteger(n, k / (double) n, TOL);
                    assertSameBits(direct, memo.probability(k, n), k + "/" + n);
                    pairs += round == 0 && k > 0 ? 1 : 0;
                }
            }
        }
        // k = 0 is not stored (0 cannot be packed into a key); every other pair once
        assertEquals(pairs, memo.size());
    }

    @Test
    void aFullMemoComputesNewPairsAndStillFindsItsOwn() {
        IntegerPercentageMemo memo = new IntegerPercentageMemo(TOL, 100);
        for (int round = 0; round < 2; round++) {
            for (int n = 100; n < 400; n++) {
                double direct = IntegerPercentage.probabilityNearInteger(n, 37 / (double) n, TOL);
                assertSameBits(direct, memo.probability(37, n), "37/" + n);
            }
        }
        assertEquals(100, memo.size(), "the first 100 pairs held, the other 200 computed each time");
    }

    @Test
    void edgeCasesAreComputedAsTheDirectCallWouldBe() {
        IntegerPercentageMemo memo = new IntegerPercentageMemo(TOL);
        // k = 0 and k = n are whole percentages for certain; n = 0 has no fraction; k > n is not a fraction
        assertEquals(1.0, memo.probability(0, 500));
        assertEquals(1.0, memo.probability(500, 500));
        assertEquals(0.0, memo.probability(0, 0));
        assertEquals(0.0, memo.probability(7, 0));
        assertEquals(1.0, memo.probability(600, 500));
        // non-whole or out-of-range values go straight to the computation, with k / n as given
        double[][] odd = {{250.5, 1000}, {250, 1000.5}, {-3, 1000}, {250, Double.NaN},
            {3e9, 6e9}, {1000, 3001}};
        for (double[] kn : odd) {
            assertSameBits(IntegerPercentage.probabilityNearInteger((int) kn[1], kn[0] / kn[1], TOL),
                    memo.probability(kn[0], kn[1]), kn[0] + "/" + kn[1]);
        }
        // only the whole pair in range was stored
        assertEquals(3, memo.size(), "500/500, 600/500 and 1000/3001");
    }

    @Test
    void realisticStationPairsAgreeBitForBit() {
        // turnout-like pairs of stations of 100 to 3,000 voters, each asked twice
        IntegerPercentageMemo memo = new IntegerPercentageMemo(TOL);
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            int n = 100 + rnd.nextInt(2900);
            int k = (int) (n * (0.3 + 0.6 * rnd.nextDouble()));
            double direct = IntegerPercentage.probabilityNearInteger(n, k / (double) n, TOL);
            assertSameBits(direct, memo.probability(k, n), k + "/" + n);
            assertSameBits(direct, memo.probability(k, n), k + "/" + n + " again");
        }
    }

    @Test
    void aToleranceThatIsNotAFiniteNumberAtLeastZeroIsRefused() {
        refuses("tolerance = -0.01 is not a finite number ≥ 0", () -> new IntegerPercentageMemo(-0.01));
        refuses("tolerance = NaN", () -> new IntegerPercentageMemo(Double.NaN));
        refuses("tolerance = Infinity", () -> new IntegerPercentageMemo(Double.POSITIVE_INFINITY));
    }
}
