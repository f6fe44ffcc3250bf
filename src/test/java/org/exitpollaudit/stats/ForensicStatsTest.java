package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForensicStatsTest {

    /**
     * Benford's second-digit probabilities as tabulated by Nigrini (2012, "Benford's Law", table 5.1) and used by
     * Mebane (2006) for 2BL: .11968 .11389 .10882 .10433 .10031 .09668 .09337 .09035 .08757 .08500, mean 4.187.
     */
    @Test
    void secondDigitLawMatchesThePublishedTable() {
        double[] published = {.11968, .11389, .10882, .10433, .10031, .09668, .09337, .09035, .08757, .08500};
        double[] q = DigitTests.secondDigitProbabilities();
        for (int d = 0; d < 10; d++) {
            assertEquals(published[d], q[d], 5e-6, "digit " + d);
        }
        assertEquals(4.187, DigitTests.secondDigitMean(), 5e-4);
        assertEquals(2, DigitTests.secondDigit(1234));
        assertEquals(0, DigitTests.secondDigit(10));
        assertEquals(9, DigitTests.secondDigit(99));
    }

    @Test
    void digitTestsCountByHand() {
        // counts 10..109, one each: second digits 0..9 ten times each (10-19 -> 0..9, ..., 100-109 -> 0 for 100..109)
        long[] counts = new long[100];
        for (int i = 0; i < 100; i++) {
            counts[i] = 10 + i;
        }
        DigitTests.Result second = DigitTests.secondDigit(counts);
        assertEquals(100, second.n());
        // 10..99 give second digits 0..9 nine times each; 100..109 give 0 ten times: f0 = 19, f1..f9 = 9
        assertEquals(19, second.frequencies()[0]);
        assertEquals(9, second.frequencies()[5]);
        // last digit: counts below 10 are left out (a one-digit count's last digit is its only digit); 10..109 are
        // all kept and their last digits are 0..9 ten times each, so X² = 0 against uniform
        DigitTests.Result last = DigitTests.lastDigit(counts);
        assertEquals(100, last.n());
        assertTrue(last.tested());
        assertEquals(0.0, last.chi2(), 1e-12);
        assertEquals(1, DigitTests.lastDigit(new long[] {3, 7, 9, 10}).n());
        // a perfectly uniform last digit: X² = 0, p = 1
        long[] uniform = new long[100];
        for (int i = 0; i < 100; i++) {
            uniform[i] = 100 + i;
        }
        DigitTests.Result u = DigitTests.lastDigit(uniform);
        assertEquals(0.0, u.chi2(), 1e-12);
        assertEquals(1.0, u.p(), 1e-12);
        // all last digits 0 out of 100: X² = (100 - 10)²/10 + 9 · 10²/10 = 810 + 90 = 900
        long[] round = new long[100];
        for (int i = 0; i < 100; i++) {
            round[i] = 100 + 10L * i;
        }
        assertEquals(900.0, DigitTests.lastDigit(round).chi2(), 1e-9);
    }

    @Test
    void lastDigitExpectationOfASmallBinomialByHand() {
        // Binomial(10, 1/2) conditioned on k >= 10: only k = 10, so the last digit is 0 with probability 1
        double[] ten = DigitTests.lastDigitProbabilities(10, 0.5);
        assertEquals(1.0, ten[0], 1e-12);
        assertEquals(0.0, ten[1], 1e-12);
        // Binomial(11, 1/2) conditioned on k >= 10: P(10) = 11/2048, P(11) = 1/2048, so P(0) = 11/12, P(1) = 1/12
        double[] eleven = DigitTests.lastDigitProbabilities(11, 0.5);
        assertEquals(11.0 / 12, eleven[0], 1e-12);
        assertEquals(1.0 / 12, eleven[1], 1e-12);
        // a wide binomial (sd > 10) has a uniform last digit
        double[] wide = DigitTests.lastDigitProbabilities(10_000, 0.5);
        assertEquals(0.1, wide[7], 1e-12);
        // sixty counts of 10 out of 10 against that expectation: all digits 0, as expected, X² = 0
        long[] k = new long[60];
        long[] n = new long[60];
        java.util.Arrays.fill(k, 10);
        java.util.Arrays.fill(n, 10);
        DigitTests.Result r = DigitTests.lastDigit(k, n);
        assertEquals(60, r.n());
        assertEquals(0.0, r.chi2(), 1e-9);
    }

    /** The second significant digit is the second character of the count written out, in the int range and beyond. */
    @Test
    void secondDigitIsTheSecondCharacterOfTheCount() {
        java.util.Random rnd = new java.util.Random(9);
        for (int i = 0; i < 100_000; i++) {
            long c = i < 50_000 ? 10 + i : 10 + (rnd.nextLong() >>> (1 + rnd.nextInt(50)));
            assertEquals(Long.toString(c).charAt(1) - '0', DigitTests.secondDigit(c), Long.toString(c));
        }
        for (long c : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 19_999_999_999L, Long.MAX_VALUE}) {
            assertEquals(Long.toString(c).charAt(1) - '0', DigitTests.secondDigit(c), Long.toString(c));
        }
    }

    @Test
    void talliesOfDisjointSetsAddUpToTheTallyOfTheirUnion() {
        // 30 counts of 10/10 (digit 0 for sure) and 40 of 11/11 (digit 1 for sure: Binomial(11, 1) is 11): apart,
        // each set is below the 60 counts a test needs; together, 70 counts whose digits are exactly as expected
        DigitTests.Tally a = new DigitTests.Tally();
        DigitTests.Tally b = new DigitTests.Tally();
        LastDigitMemo memo = new LastDigitMemo();
        for (int i = 0; i < 30; i++) {
            a.add(10, 10, memo);
        }
        for (int i = 0; i < 40; i++) {
            b.add(11, 11, memo);
        }
        assertFalse(a.last().tested());
        a.add(b);
        DigitTests.Result last = a.last();
        assertEquals(70, last.n());
        assertEquals(30, last.frequencies()[0]);
        assertEquals(40, last.frequencies()[1]);
        assertEquals(0.0, last.chi2(), 1e-9);
        // second digits: 10 -> 0 (30 times), 11 -> 1 (40 times), the same as the array form over all 70 counts
        long[] all = new long[70];
        java.util.Arrays.fill(all, 0, 30, 10);
        java.util.Arrays.fill(all, 30, 70, 11);
        assertEquals(DigitTests.secondDigit(all).chi2(), a.second().chi2(), 1e-9);
        assertEquals(70, a.second().n());
    }

    @Test
    void excessOfWholePercentStationsInStandardDeviations() {
        // 130 stations near an integer where Σ P_i = 100 and Σ P_i (1 − P_i) = 90: z = 30 / √90 = 3.1622776601683795;
        // its upper tail, SciPy 1.10.1 scipy.stats.norm.sf(30 / numpy.sqrt(90)): 0.000782701129001274
        double z = IntegerPercentage.excessZ(130, 100, 90);
        assertEquals(3.1622776601683795, z, 1e-15);
        assertEquals(0.000782701129001274, Normal.upperTail(z), 1e-17);
        // fewer than expected: −10 / √90 = −1.0540925533894598 (10 / 9.4868329805051379)
        assertEquals(-1.0540925533894598, IntegerPercentage.excessZ(90, 100, 90), 1e-15);
        // no variance (every probability 0 or 1): no test
        assertTrue(Double.isNaN(IntegerPercentage.excessZ(5, 5, 0)));
        assertTrue(Double.isNaN(IntegerPercentage.excessZ(5, Double.NaN, 1)));
        Refusals.refuses("variance = -1.0", () -> IntegerPercentage.excessZ(5, 5, -1));
        Refusals.refuses("observed = -1.0", () -> IntegerPercentage.excessZ(-1, 5, 1));
        Refusals.refuses("expected = -2.0", () -> IntegerPercentage.excessZ(5, -2, 1));
    }

    @Test
    void theIntegerRemainderDecidesAsTheFloatingPointPercentage() {
        // every count of every n up to 3,000 (the walk of probabilityNearInteger uses the remainder form), and
        // the counts around each whole percent of some large n, where the two forms are closest to disagreeing
        for (int n = 1; n <= 3000; n++) {
            for (int k = 0; k <= n; k++) {
                assertEquals(IntegerPercentage.nearInteger(k, n, 0.05), IntegerPercentage.nearIntegerCount(k, n, 0.05),
                        k + "/" + n);
            }
        }
        for (int n : new int[] {9_999_991, 10_000_000, 2_000_000, 123_457}) {
            for (int j = 0; j <= 100; j++) {
                long centre = (long) j * n / 100;
                long edge = n / 2000; // 0.05 points of n: the counts either side of the bound
                for (long side : new long[] {-edge, edge}) {
                    for (long k = Math.max(0, centre + side - 60); k <= Math.min(n, centre + side + 60); k++) {
                        assertEquals(IntegerPercentage.nearInteger(k, n, 0.05),
                                IntegerPercentage.nearIntegerCount(k, n, 0.05), k + "/" + n);
                    }
                }
            }
        }
    }

    /**
     * The walk decides which remainders are near 0 or n in integers (nearBound); nearZero decides the same in doubles.
     * They agree for every remainder of every n up to 3,000 at tolerances from none to all, below 0 and NaN (what
     * nearBound is documented to take); and at every tolerance probabilityNearInteger accepts, its probabilities are,
     * bit for bit, those of the same walk deciding with nearZero.
     */
    @Test
    void theWalksIntegerBoundDecidesAsTheDoubleComparison() {
        double[] accepted = {0, 0.01, 0.05, 0.3, 2, 49.9, 60};
        double[] tolerances = {0, 0.01, 0.05, 0.3, 2, 49.9, 60, -1e-9, -0.5, Double.NaN, Double.POSITIVE_INFINITY};
        for (double tol : tolerances) {
            for (int n = 1; n <= 3000; n++) {
                double within = (tol + 1e-9) * n;
                long b = IntegerPercentage.nearBound(within);
                for (int r = 0; r < n; r++) {
                    assertEquals(IntegerPercentage.nearZero(r, n, within), r <= b || r >= n - b, r + " of " + n);
                }
            }
        }
        java.util.Random rnd = new java.util.Random(20240207);
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + rnd.nextInt(4000);
            double p = rnd.nextInt(n + 1) / (double) n;
            double tol = accepted[i % accepted.length];
            assertEquals(Double.doubleToRawLongBits(walkComparingDoubles(n, p, tol)),
                    Double.doubleToRawLongBits(IntegerPercentage.probabilityNearInteger(n, p, tol)), n + ", " + p);
        }
    }

    /**
     * probabilityNearInteger with each remainder compared as a double by nearZero, over the same window: the reference
     * that the walk's integer bound must reproduce bit for bit.
     */
    private static double walkComparingDoubles(int n, double p, double tolerance) {
        if (n <= 0) {
            return 0;
        }
        if (p <= 0 || p >= 1) {
            return 1;
        }
        IntegerPercentage.Walk walk = IntegerPercentage.Walk.of(n, p);
        int mode = walk.mode();
        double odds = p / (1 - p);
        double top = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p).probability(mode);
        double within = (tolerance + 1e-9) * n;
        int step = 100 % n;
        int atMode = (int) (100L * mode % n);
        double total = IntegerPercentage.nearZero(atMode, n, within) ? top : 0;
        double term = top;
        int r = atMode;
        for (int k = mode; k < walk.hi() && term >= top * 1e-20; k++) {
            term = BinomialWindow.up(term, n, k, odds);
            r = (r + step) % n;
            total += IntegerPercentage.nearZero(r, n, within) ? term : 0;
        }
        term = top;
        r = atMode;
        for (int k = mode; k > walk.lo() && term >= top * 1e-20; k--) {
            term = BinomialWindow.down(term, n, k, odds);
            r = (r - step + n) % n;
            total += IntegerPercentage.nearZero(r, n, within) ? term : 0;
        }
        return Math.min(1, total);
    }

    @Test
    void exactProbabilityOfAnIntegerPercentage() {
        // n = 100: every k is an integer percentage, so the probability is 1 for any p
        assertEquals(1.0, IntegerPercentage.probabilityNearInteger(100, 0.37, 0.05), 1e-12);
        // n = 200, p = 0.5: only even k are whole percents (k/200 = j/100 <=> k = 2j), and the tolerance
        // 0.05 pp = 0.1 votes adds no odd k; P(k even) for Binomial(200, 1/2) = 1/2 exactly
        assertEquals(0.5, IntegerPercentage.probabilityNearInteger(200, 0.5, 0.05), 1e-12);
        // n = 3: k = 0 (0 %) and k = 3 (100 %) only; p = 0.5 -> 1/8 + 1/8 = 0.25
        assertEquals(0.25, IntegerPercentage.probabilityNearInteger(3, 0.5, 0.05), 1e-12);
        // station-sized n, against the sum of Commons Statistics' own pmf over every k in 0..n (no recurrence,
        // no window, no early stop): the walk must lose nothing that matters
        for (int[] c : new int[][] {{2000, 1200}, {1537, 1001}, {731, 702}, {12000, 5999}, {150, 3}}) {
            int n = c[0];
            double p = c[1] / (double) n;
            org.apache.commons.statistics.distribution.BinomialDistribution b =
                    org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p);
            double brute = 0;
            for (int k = 0; k <= n; k++) {
                if (IntegerPercentage.nearInteger(k, n, 0.05)) {
                    brute += b.probability(k);
                }
            }
            assertEquals(brute, IntegerPercentage.probabilityNearInteger(n, p, 0.05), 1e-12 * brute, n + "/" + c[1]);
        }
        // either of two independent events: 1 - (1 - .1)(1 - .2) = .28
        assertEquals(0.28, IntegerPercentage.either(0.1, 0.2), 1e-12);
    }

    @Test
    void withinPrecinctErrorByHand() {
        // poll 55 / 40, official 50 / 45: poll margin 15, official margin 5, WPE = +10 points;
        // ln α = ln((.55/.40) / (.50/.45)) = ln(1.375 / 1.1111111) = ln(1.2375) = 0.2131
        assertEquals(10.0, WithinPrecinctError.wpe(0.55, 0.40, 0.50, 0.45), 1e-12);
        assertEquals(Math.log(1.2375), WithinPrecinctError.lnAlpha(0.55, 0.40, 0.50, 0.45), 1e-12);
        assertEquals(0.21309, WithinPrecinctError.lnAlpha(0.55, 0.40, 0.50, 0.45), 1e-5);
        assertTrue(Double.isNaN(WithinPrecinctError.lnAlpha(0.55, 0, 0.50, 0.45)));
    }
}
