package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BinomialWindowTest {

    @Test
    void smallCaseByHand() {
        // Binomial(4, 1/2): 1/16, 4/16, 6/16, 4/16, 1/16
        double[] p = BinomialWindow.probabilities(4, 0.5, 0, 4);
        double[] expected = {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0};
        for (int k = 0; k <= 4; k++) {
            assertEquals(expected[k], p[k], 1e-15, "k = " + k);
        }
        // Binomial(3, 0.2), k = 2..3: 3 · 0.04 · 0.8 = 0.096 and 0.008; the window is clipped at n
        double[] tail = BinomialWindow.probabilities(3, 0.2, 2, 9);
        assertEquals(2, tail.length);
        assertEquals(0.096, tail[0], 1e-15);
        assertEquals(0.008, tail[1], 1e-15);
        // degenerate p: all mass on 0 or n
        assertEquals(1.0, BinomialWindow.probabilities(5, 0, 0, 5)[0]);
        assertEquals(1.0, BinomialWindow.probabilities(5, 1, 0, 5)[5]);
    }

    /**
     * Into an array used before (by a wider window, a degenerate one, another n), the window's entries are the very
     * doubles of a new array's and the ones after it are left alone; an array without room is refused.
     */
    @Test
    void intoAnArrayUsedBeforeTheSameProbabilities() {
        double[] into = new double[40];
        Arrays.fill(into, 7);
        int[][] windows = {{1200, 870, 820, 850}, {30, 0, 0, 30}, {50, 3, 0, 12}, {30, 30, 0, 30}, {9, 4, 2, 6}};
        for (int[] w : windows) {
            int n = w[0];
            double p = w[1] / (double) n;
            double[] alone = BinomialWindow.probabilities(n, p, w[2], w[3]);
            double[] before = into.clone();
            BinomialWindow.probabilities(n, p, w[2], w[3], into);
            assertArrayEquals(alone, Arrays.copyOf(into, alone.length), 0.0, w[1] + "/" + n);
            assertArrayEquals(Arrays.copyOfRange(before, alone.length, into.length),
                    Arrays.copyOfRange(into, alone.length, into.length), 0.0, "after the window");
        }
        refuses("out has room for 40 probabilities, 101 asked", () -> BinomialWindow.probabilities(100, 0.5, 0, 100,
                into));
    }

    @Test
    void refusesWhatIsNoBinomial() {
        double[] into = new double[10];
        refuses("n = -1 is not ≥ 0", () -> BinomialWindow.probabilities(-1, 0.5, 0, 5));
        refuses("n = -3 is not ≥ 0", () -> BinomialWindow.probabilities(-3, 0.5, 0, 5, into));
        refuses("p = NaN is not in [0, 1]", () -> BinomialWindow.probabilities(10, Double.NaN, 0, 5));
        refuses("p = 1.5 is not in [0, 1]", () -> BinomialWindow.probabilities(10, 1.5, 0, 5, into));
        refuses("p = -0.1 is not in [0, 1]", () -> BinomialWindow.probabilities(10, -0.1, 0, 5));
        refuses("n = -1 is not ≥ 0", () -> BinomialWindow.mode(-1, 0.5, 0, 0));
        refuses("p = NaN is not in [0, 1]", () -> BinomialWindow.mode(10, Double.NaN, 0, 10));
        refuses("p = 2.0 is not in [0, 1]", () -> BinomialWindow.mode(10, 2, 0, 10));
        refuses("lo = -1 is not ≥ 0", () -> BinomialWindow.mode(10, 0.5, -1, 10));
        refuses("hi = 3 is not in lo … n = 5 … 10", () -> BinomialWindow.mode(10, 0.5, 5, 3));
        refuses("hi = 11 is not in lo … n = 0 … 10", () -> BinomialWindow.mode(10, 0.5, 0, 11));
        // a window that lies outside 0..n is clipped to nothing, not refused (DigitTests asks for counts ≥ 10 of any n)
        assertEquals(0, BinomialWindow.probabilities(10, 0.5, 11, 20).length);
        assertEquals(0, BinomialWindow.probabilities(10, 0.5, 5, 3).length);
    }

    /**
     * ⌊(n + 1) p⌋, against neighbouring terms by hand: Binomial(10, 0.35) has P(k + 1) / P(k) = (10 − k) / (k + 1) ·
     * 0.35 / 0.65, which is 8/3 · 0.53846 = 1.436 at k = 2 and 7/4 · 0.53846 = 0.942 at k = 3: the mode is 3
     * (⌊11 · 0.35⌋ = ⌊3.85⌋). Binomial(4, 1/2): 6/16 at 2; Binomial(3, 0.2): 0.512 at 0. Clipped to a window that
     * leaves it out, the window's nearest end.
     */
    @Test
    void modeByHand() {
        assertEquals(3, BinomialWindow.mode(10, 0.35, 0, 10));
        assertEquals(2, BinomialWindow.mode(4, 0.5, 0, 4));
        assertEquals(0, BinomialWindow.mode(3, 0.2, 0, 3));
        assertEquals(5, BinomialWindow.mode(10, 0.35, 5, 8));
        assertEquals(2, BinomialWindow.mode(10, 0.35, 0, 2));
        assertEquals(0, BinomialWindow.mode(10, 0, 0, 10));
        assertEquals(10, BinomialWindow.mode(10, 1, 0, 10));
    }

    @Test
    void agreesWithCommonsStatisticsPmfTermByTerm() {
        // the reference is Commons Statistics' saddle-point pmf, evaluated independently for every k
        int[][] cases = {{1200, 870}, {50, 3}, {100_000, 51_234}, {7, 7}};
        for (int[] c : cases) {
            int n = c[0];
            double p = c[1] / (double) n;
            double sd = Math.sqrt(n * p * (1 - p));
            int lo = (int) Math.max(0, n * p - 12 * sd - 1);
            int hi = (int) Math.min(n, n * p + 12 * sd + 1);
            double[] w = BinomialWindow.probabilities(n, p, lo, hi);
            BinomialDistribution b = BinomialDistribution.of(n, p);
            for (int k = lo; k <= hi; k++) {
                double ref = b.probability(k);
                assertEquals(ref, w[k - lo], Math.max(1e-300, ref * 1e-11), "n = " + n + ", k = " + k);
            }
        }
    }

    /**
     * The steps on counts held as doubles give the very doubles of the same steps on ints, so that figures.csv does not
     * depend on which a walk keeps: every count below 2³¹ is exact as a double, so n − k, k + 1 and n − k + 1 are the
     * same numbers either way. Every count of every n up to 3,000 (and some larger), at several odds.
     */
    @Test
    void stepsOnDoubleCountsAreTheStepsOnInts() {
        double[] oddsList = {0.5 / 0.5, 0.3 / 0.7, 0.87 / 0.13, 1e-3 / (1 - 1e-3), 0.999 / 0.001, Math.PI / 7};
        int[] large = {65_535, 1_000_003, 2_000_000_000};
        for (int n = 1; n <= 3_000 + large.length; n++) {
            int whole = n <= 3_000 ? n : large[n - 3_001];
            int stride = Math.max(1, whole / 3_000);
            for (double odds : oddsList) {
                for (int k = 0; k <= whole; k += stride) {
                    double pk = 1.0 / (k + 3);
                    // the same steps on ints, written out
                    double upOnInts = pk * ((whole - k) / (k + 1.0) * odds);
                    double downOnInts = pk * (k / ((whole - k + 1.0) * odds));
                    assertEquals(Double.doubleToRawLongBits(upOnInts),
                            Double.doubleToRawLongBits(BinomialWindow.up(pk, whole, k, odds)), whole + ", " + k);
                    assertEquals(Double.doubleToRawLongBits(downOnInts),
                            Double.doubleToRawLongBits(BinomialWindow.down(pk, whole, k, odds)), whole + ", " + k);
                }
            }
        }
    }
}
