package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LastDigitMemoTest {

    /**
     * DigitTests.lastDigitProbabilities of six pairs computed each in fresh arrays of its own, printed bit for bit by a
     * separate program: k, n and the ten probabilities' raw bits. The memo's figures go into figures.csv, which must
     * stay byte-identical; the arrays the memo reuses from pair to pair must not change a bit of them, whatever was
     * computed in them for the pair before.
     */
    private static final long[][] RECORDED = {
        {45, 90, 0x3fb90a5aeb133ebfL, 0x3fb925b662f50376L, 0x3fb96d55b7752c67L, 0x3fb9c5dd748307d9L,
            0x3fba0d7cd3013443L, 0x3fba28d8510fe96fL, 0x3fba0d7cd3013441L, 0x3fb9c5dd748307daL, 0x3fb96d55b7752c63L,
            0x3fb925b662f5034dL},
        {14, 15, 0x3f60411cb282461bL, 0x3f89dbf379151272L, 0x3fae2b46b7edeaddL, 0x3fc85e07e353db3fL,
            0x3fd85e07e353db41L, 0x3fd6be297ed6cca5L, 0, 0, 0, 0},
        {300, 300, 0x3ff0000000000000L, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {30, 400, 0x3fb9bbfbc34ff44cL, 0x3fb997d9098e788bL, 0x3fb974642b5a7429L, 0x3fb95f28360a7f69L,
            0x3fb960417ddf41faL, 0x3fb977447a758ea8L, 0x3fb99b66957c59bbL, 0x3fb9bed8ca23fc4bL, 0x3fb9d40a9536ebdbL,
            0x3fb9d2cee4908d1cL},
        {190, 200, 0x3fc0a0785a536b14L, 0x3fc0bf837b952710L, 0x3fbeb76c44fa6b30L, 0x3fb9ed1364761fa0L,
            0x3fb4fb82793ed129L, 0x3fb1d74d86165d28L, 0x3fb1b73c438986b9L, 0x3fb498a08b8f88b9L, 0x3fb954e44b1a4231L,
            0x3fbe23f79135d0f7L},
        {11, 20, 0x3fcb2bc6056a8aa5L, 0x3fce30537a0d2ca5L, 0x3fcbac4c8536be45L, 0x3fc4d05c8ff4a95fL,
            0x3fb9707121b940cbL, 0x3fa8dfb892c083a0L, 0x3f93003b37369d71L, 0x3f75db74a3e7d190L, 0x3f51cf4298840018L,
            0x3f2254926416150fL},
    };

    /** The recorded pairs through one memo, twice over in both orders (so each is computed after another's window). */
    @Test
    void theMemoGivesTheBitsTheComputationGaveBeforeItReusedArrays() {
        for (boolean reversed : new boolean[] {false, true}) {
            LastDigitMemo memo = new LastDigitMemo();
            for (int round = 0; round < 2; round++) {
                for (int r = 0; r < RECORDED.length; r++) {
                    long[] c = RECORDED[reversed ? RECORDED.length - 1 - r : r];
                    double[] viaMemo = new double[10];
                    memo.addTo(viaMemo, c[0], c[1]);
                    double[] direct = DigitTests.lastDigitProbabilities(c[1], c[0] / (double) c[1]);
                    for (int d = 0; d < 10; d++) {
                        assertEquals(c[2 + d], Double.doubleToRawLongBits(viaMemo[d]), c[0] + "/" + c[1] + ", digit " + d);
                        assertEquals(c[2 + d], Double.doubleToRawLongBits(direct[d]), c[0] + "/" + c[1] + ", digit " + d);
                    }
                }
            }
        }
    }

    @Test
    void theMemoAddsWhatTheDirectComputationGivesAcrossGrowthAndRepeats() {
        LastDigitMemo memo = new LastDigitMemo();
        // 3 x 3,000 pairs, rows and chunks made as they come, each asked twice, interleaved
        for (int round = 0; round < 2; round++) {
            for (long n = 100; n < 3100; n += 1) {
                for (long k : new long[] {10, n / 7 + 10, n / 3}) {
                    double[] viaMemo = new double[10];
                    memo.addTo(viaMemo, k, n);
                    assertArrayEquals(DigitTests.lastDigitProbabilities(n, k / (double) n), viaMemo, 0.0, k + "/" + n);
                }
            }
        }
        assertEquals(3 * 3000, memo.size(), "each distinct pair stored once");
        // pairs beyond the packed key's range are computed, not stored
        double[] big = new double[10];
        memo.addTo(big, 3_000_000_000L, 6_000_000_000L);
        assertArrayEquals(new double[] {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1}, big, 0.0);
    }

    @Test
    void aFullMemoComputesNewPairsAndStillFindsItsOwn() {
        // room for the first pair by total and what three more chunks on rows of their own take, and four pairs of
        // larger totals
        CountRows probe = new CountRows(10);
        long budget = probe.bytes() + probe.cost(41, 100);
        probe.insert(41, 100);
        budget += 2 * probe.cost(41, 101) + probe.cost(41, 101) / 2;
        LastDigitMemo memo = new LastDigitMemo(budget, 4);
        for (int round = 0; round < 2; round++) {
            for (long n = 100; n < 200; n++) {
                double[] viaMemo = new double[10];
                memo.addTo(viaMemo, 41, n);
                assertArrayEquals(DigitTests.lastDigitProbabilities(n, 41 / (double) n), viaMemo, 0.0, "41/" + n);
            }
            // the chunk of 41/100 has room for 42/100: held although the rows are full
            double[] viaMemo = new double[10];
            memo.addTo(viaMemo, 42, 100);
            assertArrayEquals(DigitTests.lastDigitProbabilities(100, 42 / 100.0), viaMemo, 0.0, "42/100");
            for (long n = CountRows.MAX_N; n < CountRows.MAX_N + 10; n++) {
                viaMemo = new double[10];
                memo.addTo(viaMemo, 41, n);
                assertArrayEquals(DigitTests.lastDigitProbabilities(n, 41 / (double) n), viaMemo, 0.0, "41/" + n);
            }
        }
        assertEquals(3 + 1 + 4, memo.size(), "41/100 to 41/102 and 42/100 by total, four of the larger totals");
    }
}
