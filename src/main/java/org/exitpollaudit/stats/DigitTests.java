package org.exitpollaudit.stats;

/**
 * Digit tests on vote counts.
 * <p>Second-digit Benford (2BL; Mebane 2006, "Election forensics: vote counts and Benford's law"): the second
 * significant digit d of a count has probability
 * <pre>  q_d = Σ_{k=1..9} log10(1 + 1 / (10 k + d)),   d = 0..9,   mean Σ d q_d = 4.187 </pre>
 * Counts below 10 have no second digit and are left out (Mebane's rule).
 * <p>Last digit (Beber &amp; Scacco 2012, "What the numbers say", Political Analysis 20:211): close to uniform on
 * 0..9, but not exactly for small counts or where the counts' density slopes within a decade. The expected
 * frequencies are therefore computed exactly, as for the integer-percentage test: each count k out of n valid votes
 * is resampled as Binomial(n, k / n) and the probabilities of its last digits are summed,
 * <pre>  E_d = Σ_i P(Binomial(n_i, k_i / n_i) ≡ d mod 10) </pre>
 * (uniform 0.1 when the binomial standard deviation exceeds 10, where the deviation is below 3e-9). Counts below
 * {@link #LAST_DIGIT_MIN} are left out (Beber &amp; Scacco's rule), and the resampling is conditioned on the same
 * rule.
 * <p>Both use Pearson's X² on 9 degrees of freedom; a test with fewer than {@link #MIN_COUNTS} usable counts is not
 * made (expected cells below 5).
 */
public final class DigitTests {

    /** Smallest count whose last digit is tested. */
    public static final long LAST_DIGIT_MIN = 10;
    /** Fewest usable counts for a test: 5 / min q_d ≈ 59 for 2BL; 50 for the last digit. */
    public static final int MIN_COUNTS = 60;

    /** Observed digit frequencies, the test statistic and its p-value (NaN when not tested). */
    public record Result(long[] frequencies, long n, double mean, double chi2, double p) {
        public boolean tested() {
            return !Double.isNaN(p);
        }
    }

    private static final double[] SECOND_DIGIT = new double[10];

    static {
        for (int d = 0; d < 10; d++) {
            double q = 0;
            for (int k = 1; k <= 9; k++) {
                q += Math.log10(1 + 1.0 / (10 * k + d));
            }
            SECOND_DIGIT[d] = q;
        }
    }

    private DigitTests() {
    }

    /** Benford's second-digit probabilities q_0..q_9. */
    public static double[] secondDigitProbabilities() {
        return SECOND_DIGIT.clone();
    }

    /** Σ d q_d = 4.187. */
    public static double secondDigitMean() {
        double m = 0;
        for (int d = 0; d < 10; d++) {
            m += d * SECOND_DIGIT[d];
        }
        return m;
    }

    /**
     * The second significant digit of a count ≥ 10. Counts that fit an int (every vote count) are divided as ints,
     * which the JIT turns into multiplications: this runs for every count of every station.
     *
     * @throws IllegalArgumentException a count below 10, which has no second digit (the tests leave such counts out
     *                                  before they ask)
     */
    public static int secondDigit(long count) {
        if (count < 10) {
            throw new IllegalArgumentException("count = " + count + " is below 10: it has no second digit");
        }
        if (count <= Integer.MAX_VALUE) {
            int c = (int) count;
            while (c >= 100) {
                c /= 10;
            }
            return c % 10;
        }
        long c = count;
        while (c >= 100) {
            c /= 10;
        }
        return (int) (c % 10);
    }

    /**
     * 2BL over the counts ≥ 10 among {@code counts}.
     *
     * @throws IllegalArgumentException a negative count
     */
    public static Result secondDigit(long[] counts) {
        Check.notNegative("counts", counts);
        Tally t = new Tally();
        for (long c : counts) {
            t.addSecond(c);
        }
        return t.second();
    }

    /**
     * Last digits of the counts ≥ {@link #LAST_DIGIT_MIN} against uniform (the large-count approximation).
     *
     * @throws IllegalArgumentException a negative count
     */
    public static Result lastDigit(long[] counts) {
        Check.notNegative("counts", counts);
        long[] f = new long[10];
        long n = 0;
        for (long c : counts) {
            if (c >= LAST_DIGIT_MIN) {
                f[(int) (c % 10)]++;
                n++;
            }
        }
        double[] uniform = new double[10];
        java.util.Arrays.fill(uniform, 0.1);
        return test(f, n, uniform);
    }

    /**
     * Last digits of counts k_i out of totals n_i against their exact binomial-resampling expectation. A total of 0
     * leaves its count out, as in {@link Tally#add}.
     *
     * @param counts each in 0 … its total
     * @param totals one per count, each ≥ 0
     * @throws IllegalArgumentException counts and totals of different lengths, a negative total, a count outside 0 …
     *                                  its total (the tally of the analysis accepts a count above its total, for the
     *                                  rows the station checks flag; these are whole arrays a caller can check)
     */
    public static Result lastDigit(long[] counts, long[] totals) {
        Check.sameLength("counts", counts, "totals", totals);
        Check.notNegative("totals", totals);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0 || counts[i] > totals[i]) {
                throw new IllegalArgumentException("counts[" + i + "] = " + counts[i] + " is not in 0 … totals[" + i
                        + "] = " + totals[i]);
            }
        }
        LastDigitMemo memo = new LastDigitMemo();
        Tally t = new Tally();
        for (int i = 0; i < counts.length; i++) {
            t.addLast(counts[i], totals[i], memo);
        }
        return t.last();
    }

    /**
     * Both tests of one candidate, accumulated count by count: one pass over a set of stations can fill the tallies
     * of every candidate, and the tallies of disjoint sets (districts) add up to the tally of their union (nation).
     */
    public static final class Tally {
        private final long[] second = new long[10];
        private long secondN;
        private final long[] last = new long[10];
        private final double[] expected = new double[10];
        private long lastN;

        /**
         * A count k out of n valid votes, for both tests. {@code memo} keeps the last-digit expectation of each (k, n)
         * pair across tallies (the districts of a release share many pairs); one memo per thread.
         * <p>
         * A count may exceed its total: the analysis keeps a station whose candidates' votes add up to more than its
         * valid votes (the station checks report it as VOTES_NE_VALID), and where the valid votes are missing the
         * total is the sum of the candidates' cells, 0 when one is empty. Such a count is tallied all the same: its
         * second digit as any other's; its last digit, when the total is above 0, against a uniform expectation (there
         * is no Binomial(n, k / n) to resample for k &gt; n); a total of 0 leaves it out of the last-digit test. Only
         * the sign is checked here, a comparison per count: this runs for every count of every station.
         *
         * @throws IllegalArgumentException a negative count or total
         */
        public void add(long count, long total, LastDigitMemo memo) {
            if (count < 0 || total < 0) {
                throw negative(count, total);
            }
            addSecond(count);
            addLast(count, total, memo);
        }

        private static IllegalArgumentException negative(long count, long total) {
            return new IllegalArgumentException(count < 0 ? "count = " + count + " is negative"
                    : "total = " + total + " is negative");
        }

        void addSecond(long c) {
            if (c >= 10) {
                second[secondDigit(c)]++;
                secondN++;
            }
        }

        void addLast(long c, long n0, LastDigitMemo memo) {
            if (c < LAST_DIGIT_MIN || n0 <= 0) {
                return;
            }
            last[(int) (c % 10)]++;
            lastN++;
            double pr = c / (double) n0;
            if (n0 * pr * (1 - pr) > 100) {
                for (int d = 0; d < 10; d++) {
                    expected[d] += UNIFORM[d];
                }
            } else {
                memo.addTo(expected, c, n0);
            }
        }

        /** Adds another tally (of stations not in this one). */
        public void add(Tally o) {
            for (int d = 0; d < 10; d++) {
                second[d] += o.second[d];
                last[d] += o.last[d];
                expected[d] += o.expected[d];
            }
            secondN += o.secondN;
            lastN += o.lastN;
        }

        /** 2BL: the second digits against Benford's q_d. */
        public Result second() {
            return test(second.clone(), secondN, SECOND_DIGIT);
        }

        /** The last digits against their exact expectation. */
        public Result last() {
            double[] q = new double[10];
            for (int d = 0; d < 10 && lastN > 0; d++) {
                q[d] = expected[d] / lastN;
            }
            return test(last.clone(), lastN, q);
        }
    }

    private static final double[] UNIFORM = {.1, .1, .1, .1, .1, .1, .1, .1, .1, .1};

    /** P(last digit = d) of a Binomial(n, p) count; uniform for p &gt; 1 (a count above its total). */
    static double[] lastDigitProbabilities(long n, double p) {
        double[] out = new double[10];
        lastDigitProbabilities(n, p, out, new double[WINDOW]);
        return out;
    }

    /**
     * The binomial window {@link #lastDigitProbabilities(long, double, double[], double[])} needs at most: a spread of
     * at most 10 (beyond, the digits are taken as uniform) from 12 spreads and one count below the mean to as far
     * above it, rounded outwards: at most 24 · 10 + 4 counts.
     */
    static final int WINDOW = 256;

    /**
     * {@link #lastDigitProbabilities(long, double)} into {@code out} (10 entries, overwritten), with {@code window}
     * ({@link #WINDOW} entries) for the binomial probabilities: what a memo that computes hundreds of thousands of
     * pairs calls, with arrays of its own.
     */
    static void lastDigitProbabilities(long n, double p, double[] out, double[] window) {
        if (p > 1) {
            // a count above its total (Tally.add takes one): no Binomial(n, k / n) to resample, the digits uniform
            java.util.Arrays.fill(out, 0.1);
            return;
        }
        double sd = Math.sqrt(n * p * (1 - p));
        if (sd > 10 || n > Integer.MAX_VALUE) {
            java.util.Arrays.fill(out, 0.1);
            return;
        }
        java.util.Arrays.fill(out, 0);
        // conditional on the count being tested at all (k ≥ LAST_DIGIT_MIN), as the observed ones are
        int lo = (int) Math.max(LAST_DIGIT_MIN, Math.floor(n * p - 12 * sd - 1));
        int hi = (int) Math.min(n, Math.ceil(n * p + 12 * sd + 1));
        int width = Math.max(0, hi - lo + 1);
        BinomialWindow.probabilities((int) n, p, lo, hi, window);
        double total = 0;
        for (int i = 0; i < width; i++) {
            out[(lo + i) % 10] += window[i];
            total += window[i];
        }
        for (int d = 0; d < 10; d++) {
            out[d] = total > 0 ? out[d] / total : 0.1;
        }
    }

    private static Result test(long[] f, long n, double[] q) {
        double mean = 0;
        for (int d = 0; d < 10; d++) {
            mean += d * (double) f[d];
        }
        mean = n > 0 ? mean / n : Double.NaN;
        if (n < MIN_COUNTS) {
            return new Result(f, n, mean, Double.NaN, Double.NaN);
        }
        double chi2 = 0;
        for (int d = 0; d < 10; d++) {
            double e = n * q[d];
            if (e > 0) {
                chi2 += (f[d] - e) * (f[d] - e) / e;
            } else if (f[d] > 0) {
                chi2 = Double.POSITIVE_INFINITY; // a digit the expectation rules out
            }
        }
        return new Result(f, n, mean, chi2, GoodnessOfFit.pValue(chi2, 9));
    }
}
