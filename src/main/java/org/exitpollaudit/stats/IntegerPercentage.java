package org.exitpollaudit.stats;

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

    /** Whether 100 k / n is within {@code tolerance} percentage points of an integer. */
    public static boolean nearInteger(double k, double n, double tolerance) {
        double pct = 100 * k / n;
        return Math.abs(pct - Math.rint(pct)) <= tolerance + EPS;
    }

    /**
     * Probability that a Binomial(n, p) count, as a percentage of n, is within {@code tolerance} points of an
     * integer. Only integers within 12 standard deviations of the mean are summed (the rest is below 1e-30).
     */
    public static double probabilityNearInteger(int n, double p, double tolerance) {
        if (n <= 0) {
            return 0;
        }
        if (p <= 0 || p >= 1) {
            return 1; // a degenerate count is 0 % or 100 %: always an integer percentage
        }
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        int lo = (int) Math.max(0, Math.floor(mean - 12 * sd - 1));
        int hi = (int) Math.min(n, Math.ceil(mean + 12 * sd + 1));
        double[] pmf = BinomialWindow.probabilities(n, p, lo, hi);
        int jLo = (int) Math.floor(100.0 * lo / n);
        int jHi = (int) Math.ceil(100.0 * hi / n);
        double total = 0;
        for (int j = jLo; j <= jHi; j++) {
            int kLo = (int) Math.max(lo, Math.ceil((j - tolerance) * n / 100 - EPS));
            int kHi = (int) Math.min(hi, Math.floor((j + tolerance) * n / 100 + EPS));
            for (int k = kLo; k <= kHi; k++) {
                total += pmf[k - lo];
            }
        }
        return Math.min(1, total);
    }

    /** Probability that at least one of two independent events happens. */
    public static double either(double a, double b) {
        return 1 - (1 - a) * (1 - b);
    }
}
