package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The integer-percentage test of Kobak, Shpilkin &amp; Pshenichnikov (2016, "Integer percentages as electoral
 * falsification fingerprints", Annals of Applied Statistics 10:54). A reported fraction k / n is "near an integer
 * percentage" when 100 k / n lies within {@code tolerance} percentage points of an integer. Under honest counting
 * the number of such stations is a sum of Bernoulli variables whose probabilities follow from resampling each
 * station binomially, k* ~ Binomial(n, k / n):
 * <pre>
 *   P(near) = Σ_j Σ_{k : |100 k / n − j| ≤ tol} C(n, k) p^k (1 − p)^(n − k),   p = k_observed / n
 * </pre>
 * computed exactly here ({@link BinomialWindow}), not by simulation. With two fractions per station
 * (turnout and the leader's share) a station counts when either is near an integer, with probability
 * 1 − (1 − P_t)(1 − P_l) (the two resamplings are independent).
 */
public final class IntegerPercentage {

    /** Slack for the floating-point comparison of 100 k / n with j ± tol. */
    private static final double EPS = 1e-9;

    private IntegerPercentage() {
    }

    /**
     * Whether 100 k / n is within {@code tolerance} percentage points of an integer, the window closed; false when n
     * is 0 (no fraction) or k or n is NaN. Comparisons alone are checked: this runs for two fractions of every
     * station.
     *
     * @param k         a count ≥ 0, or NaN
     * @param n         a count ≥ 0, or NaN
     * @param tolerance in percentage points, a finite number ≥ 0
     * @throws IllegalArgumentException a negative k or n, a tolerance that is not a finite number ≥ 0
     */
    public static boolean nearInteger(double k, double n, double tolerance) {
        Check.notNegative("k", k);
        Check.notNegative("n", n);
        Check.finiteNonNegative("tolerance", tolerance);
        double pct = 100 * k / n;
        return Math.abs(pct - Math.rint(pct)) <= tolerance + EPS;
    }

    /**
     * {@link #nearInteger} for a whole count k of a whole n, decided in integers: 100 k / n is within the tolerance
     * of an integer exactly when the remainder r = 100 k mod n lies within (tolerance + slack) · n of 0 or of n.
     * Both decide alike whenever the distance is not within about 1e-14 of the bound, which a fraction with a
     * denominator below 10^7 never is (the test checks every k of every n up to 3,000).
     */
    static boolean nearIntegerCount(long k, long n, double tolerance) {
        return nearZero(100 * k % n, n, (tolerance + EPS) * n);
    }

    /**
     * Where {@link #probabilityNearInteger}'s walks over Binomial(n, p) go: the counts within 12 standard deviations
     * of the mean, lo … hi, from the most likely count, mode, outwards.
     */
    record Walk(int lo, int hi, int mode) {
        static Walk of(int n, double p) {
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            int lo = (int) Math.max(0, Math.floor(mean - 12 * sd - 1));
            int hi = (int) Math.min(n, Math.ceil(mean + 12 * sd + 1));
            return new Walk(lo, hi, BinomialWindow.mode(n, p, lo, hi));
        }
    }

    /** Whether a remainder r of division by n lies within {@code within} of 0 or of n. */
    static boolean nearZero(long r, long n, double within) {
        return r <= within || n - r <= within;
    }

    /**
     * {@link #nearZero} in integers: a whole r in 0 … n − 1 lies within {@code within} of 0 or of n exactly when
     * r ≤ b or r ≥ n − b for b = ⌊within⌋; b = −1 (no remainder) when {@code within} is below 0 or not a number.
     */
    static long nearBound(double within) {
        return within >= 0 ? (long) Math.floor(within) : -1;
    }

    /**
     * Probability that a Binomial(n, p) count, as a percentage of n, is within {@code tolerance} points of an
     * integer: the sum of P(K = k) over the counts k that {@link #nearInteger} accepts. The terms are walked
     * outwards from the most likely count with {@link BinomialWindow}'s ratio of neighbouring terms (summed, not
     * stored: this runs for every station of every release), within 12 standard deviations of the mean, and
     * each walk stops once a term falls below 1e-20 of the largest: the terms only shrink from there on, by a
     * factor that makes the rest of that tail smaller still, far below the precision of the sum. Which counts are
     * near an integer follows the remainder of {@link #nearIntegerCount} as it steps by 100 mod n from count to
     * count, in integer arithmetic.
     *
     * @param n         the trials: n ≤ 0 has no fraction and gives 0, whatever p (then k / 0 or 0 / 0)
     * @param p         the binomial's p, k / n: p ≤ 0 or ≥ 1 gives 1 (a count of 0 % or 100 % is a whole percentage,
     *                  and a count outside 0 … n is taken as one of them)
     * @param tolerance in percentage points, a finite number ≥ 0
     * @throws IllegalArgumentException a tolerance that is not a finite number ≥ 0, p NaN for n &gt; 0
     */
    public static double probabilityNearInteger(int n, double p, double tolerance) {
        Check.finiteNonNegative("tolerance", tolerance);
        if (n <= 0) {
            return 0;
        }
        Check.number("p", p);
        if (p <= 0 || p >= 1) {
            return 1; // a degenerate count is 0 % or 100 %: always an integer percentage
        }
        Walk walk = Walk.of(n, p);
        int lo = walk.lo();
        int hi = walk.hi();
        int mode = walk.mode();
        double odds = p / (1 - p);
        double top = BinomialDistribution.of(n, p).probability(mode);
        double negligible = top * 1e-20;
        double within = (tolerance + EPS) * n;
        // nearZero's comparisons in integers, with no int converted at each step (BinomialWindow.up says why): a whole
        // r ≥ 0 is within `within` of 0 exactly when r ≤ ⌊within⌋, and of n exactly when r ≥ n − ⌊within⌋ (none when
        // `within` is below 0 or not a number)
        long low = nearBound(within);
        long high = n - low;
        int step = 100 % n;
        int atMode = (int) (100L * mode % n);
        double total = atMode <= low || atMode >= high ? top : 0;
        double term = top;
        int r = atMode;
        // the count walks as a double beside k (BinomialWindow.up says why)
        double whole = n;
        double count = mode;
        for (int k = mode; k < hi && term >= negligible; k++, count++) {
            term = BinomialWindow.up(term, whole, count, odds);
            r += step;
            if (r >= n) {
                r -= n;
            }
            if (r <= low || r >= high) {
                total += term;
            }
        }
        term = top;
        r = atMode;
        count = mode;
        for (int k = mode; k > lo && term >= negligible; k--, count--) {
            term = BinomialWindow.down(term, whole, count, odds);
            r -= step;
            if (r < 0) {
                r += n;
            }
            if (r <= low || r >= high) {
                total += term;
            }
        }
        return Math.min(1, total);
    }

    /**
     * How far the count of stations near an integer lies above its expectation, in standard deviations. The count is
     * a sum of independent Bernoulli variables with probabilities P_i ({@link #probabilityNearInteger}, or
     * {@link #either} of two), so its expectation is Σ P_i and its variance Σ P_i (1 − P_i), and as that variance
     * grows (the terms are bounded, so Lindeberg's condition holds exactly when it grows without bound)
     * <pre>
     *   z = (observed − Σ P_i) / √(Σ P_i (1 − P_i))
     * </pre>
     * is approximately standard normal (Lindeberg 1922, "Eine neue Herleitung des Exponentialgesetzes in der
     * Wahrscheinlichkeitsrechnung", Mathematische Zeitschrift 15:211–225). NaN when the variance is 0 (every P_i is 0
     * or 1) or any argument is NaN.
     *
     * @throws IllegalArgumentException a negative count, expectation or variance
     */
    public static double excessZ(double observed, double expected, double variance) {
        Check.notNegative("observed", observed);
        Check.notNegative("expected", expected);
        Check.notNegative("variance", variance);
        double sd = Math.sqrt(variance);
        double excess = observed - expected;
        return sd > 0 ? excess / sd : Double.NaN;
    }

    /**
     * Probability that at least one of two independent events of probabilities a and b happens; NaN when either is
     * NaN.
     *
     * @throws IllegalArgumentException a or b outside [0, 1]
     */
    public static double either(double a, double b) {
        Check.probability("a", a);
        Check.probability("b", b);
        return 1 - (1 - a) * (1 - b);
    }
}
