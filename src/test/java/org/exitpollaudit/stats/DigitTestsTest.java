package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Invalid input, and the count above its total that the analysis passes on; the laws themselves are in
 * ForensicStatsTest.
 */
class DigitTestsTest {

    @Test
    void refusesACountWithNoSecondDigit() {
        refuses("count = 9 is below 10", () -> DigitTests.secondDigit(9));
        refuses("count = 0 is below 10", () -> DigitTests.secondDigit(0));
        refuses("count = -15 is below 10", () -> DigitTests.secondDigit(-15));
        // the smallest counts that have one, written out: "10" and "19"
        assertEquals(0, DigitTests.secondDigit(10));
        assertEquals(9, DigitTests.secondDigit(19));
    }

    @Test
    void refusesNegativeCounts() {
        refuses("counts[1] = -12 is negative", () -> DigitTests.secondDigit(new long[] {15, -12}));
        refuses("counts[0] = -3 is negative", () -> DigitTests.lastDigit(new long[] {-3}));
    }

    @Test
    void refusesCountsThatAreNoCountsOfTheirTotals() {
        refuses("counts has 2 entries, totals has 1",
                () -> DigitTests.lastDigit(new long[] {10, 11}, new long[] {20}));
        refuses("totals[1] = -20 is negative", () -> DigitTests.lastDigit(new long[] {10, 0}, new long[] {20, -20}));
        refuses("counts[0] = -10 is not in 0 … totals[0] = 20",
                () -> DigitTests.lastDigit(new long[] {-10}, new long[] {20}));
        refuses("counts[1] = 25 is not in 0 … totals[1] = 20",
                () -> DigitTests.lastDigit(new long[] {10, 25}, new long[] {20, 20}));
    }

    @Test
    void aTallyRefusesANegativeCountOrTotalAndTalliesNothingOfIt() {
        DigitTests.Tally t = new DigitTests.Tally();
        LastDigitMemo memo = new LastDigitMemo();
        refuses("count = -12 is negative", () -> t.add(-12, 100, memo));
        refuses("total = -100 is negative", () -> t.add(12, -100, memo));
        assertEquals(0, t.second().n());
        assertEquals(0, t.last().n());
    }

    /**
     * A count above its total (a station whose candidates' votes exceed its valid votes, which the analysis keeps and
     * flags) is tallied: its digits are observed, and its last digit is expected uniform. 60 counts of 25 out of 20:
     * second digit 5 sixty times; last digit 5 sixty times against E_d = 60 / 10 = 6 for every d, so
     * X² = (60 − 6)² / 6 + 9 · (0 − 6)² / 6 = 486 + 54 = 540. Out of a total of 0 (valid votes missing, a candidate's
     * cell empty) the second digit is tallied and the last is not.
     */
    @Test
    void aTallyTakesACountAboveItsTotal() {
        DigitTests.Tally t = new DigitTests.Tally();
        LastDigitMemo memo = new LastDigitMemo();
        for (int i = 0; i < 60; i++) {
            t.add(25, 20, memo);
        }
        t.add(25, 0, memo);
        DigitTests.Result second = t.second();
        assertEquals(61, second.n());
        assertEquals(61, second.frequencies()[5]);
        DigitTests.Result last = t.last();
        assertEquals(60, last.n());
        assertEquals(60, last.frequencies()[5]);
        assertEquals(540.0, last.chi2(), 1e-9);
        double[] uniform = DigitTests.lastDigitProbabilities(20, 25 / 20.0);
        for (int d = 0; d < 10; d++) {
            assertEquals(0.1, uniform[d], 0.0, "digit " + d);
        }
    }
}
