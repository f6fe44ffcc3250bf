package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tenth-of-a-point bins, against percentages worked out by hand, and what is no fraction. */
class PercentBinsTest {

    /**
     * Bins centred on tenths, bin k holding [k/10 − 0.05, k/10 + 0.05) %: 3/5 = 60 % and 1,499/2,500 = 59.96 % both in
     * 60.0 (whole-percent stations fall in one bin, whichever side of the whole percent rounding put them);
     * 1,498/2,500 = 59.92 % in 59.9; 1,001/2,000 = 50.05 % at the upper edge of 50.0, so in 50.1; 1/3 = 33.33 % in
     * 33.3 and 2/3 = 66.67 % in 66.7; 100 % in 100.0; 0 in 0.0.
     */
    @Test
    void wholeCountsByHand() {
        assertEquals(600, PercentBins.tenth(3, 5));
        assertEquals(600, PercentBins.tenth(1499, 2500));
        assertEquals(599, PercentBins.tenth(1498, 2500));
        assertEquals(501, PercentBins.tenth(1001, 2000));
        assertEquals(333, PercentBins.tenth(1, 3));
        assertEquals(667, PercentBins.tenth(2, 3));
        assertEquals(1000, PercentBins.tenth(7, 7));
        assertEquals(0, PercentBins.tenth(0, 7));
    }

    /**
     * Fractional figures and counts of 10¹² or more go through the floating-point form: 1.5 / 4 = 37.5 % in 37.5;
     * 1 / 2.5 = 40 % in 40.0; 3·10¹² / 5·10¹² = 60 % in 60.0. A numerator above the denominator (6 / 5 = 120 %, a
     * turnout above 100 %) goes in the last bin.
     */
    @Test
    void fractionsAndLargeCountsAndMoreThanTheWhole() {
        assertEquals(375, PercentBins.tenth(1.5, 4));
        assertEquals(400, PercentBins.tenth(1, 2.5));
        assertEquals(600, PercentBins.tenth(3e12, 5e12));
        assertEquals(1000, PercentBins.tenth(6, 5));
        assertEquals(1000, PercentBins.tenth(6.5, 5));
    }

    @Test
    void labels() {
        assertEquals("60.0", PercentBins.label(600));
        assertEquals("100.0", PercentBins.label(1000));
        assertEquals("0.5", PercentBins.label(5));
        assertEquals("0.0", PercentBins.label(0));
    }

    @Test
    void refusesWhatIsNoFraction() {
        refuses("b = 0.0 is not a finite number > 0", () -> PercentBins.tenth(1, 0));
        refuses("b = -5.0 is not a finite number > 0", () -> PercentBins.tenth(1, -5));
        refuses("b = NaN", () -> PercentBins.tenth(1, Double.NaN));
        refuses("b = Infinity", () -> PercentBins.tenth(1, Double.POSITIVE_INFINITY));
        refuses("a = -1.0 is not a finite number ≥ 0", () -> PercentBins.tenth(-1, 5));
        refuses("a = NaN", () -> PercentBins.tenth(Double.NaN, 5));
        refuses("a = Infinity", () -> PercentBins.tenth(Double.POSITIVE_INFINITY, 5));
    }

    @Test
    void refusesABinThatIsNotThere() {
        refuses("k = 1001 is not one of the 1001 bins (0 … 1000)", () -> PercentBins.label(1001));
        refuses("k = -1 is not one of the 1001 bins", () -> PercentBins.label(-1));
    }
}
