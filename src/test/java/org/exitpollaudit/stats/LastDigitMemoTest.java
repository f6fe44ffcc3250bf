package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LastDigitMemoTest {

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
