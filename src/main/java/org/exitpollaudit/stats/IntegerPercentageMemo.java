package org.exitpollaudit.stats;

/**
 * {@link IntegerPercentage#probabilityNearInteger} of a reported fraction k / n, computed once per (k, n) pair
 * ({@link PairDoubles}): the probability is a function of n, p = k / n and the tolerance alone, and stations share
 * pairs (a million stations of a few hundred to a few thousand voters have about half as many distinct
 * (registered, ballots) pairs), so a memo returns the very double the computation gives, at a fraction of the cost.
 * A memo belongs to one thread and one tolerance. It holds at most {@link #MOST_PAIRS} pairs; pairs beyond them are
 * computed each time, so that memory stays bounded however many distinct pairs a very large election has.
 */
public final class IntegerPercentageMemo {

    /**
     * The most pairs held: at 16 bytes a slot and two slots a pair, 32 MB at most (48 MB while the table last grows,
     * its old slots beside its new); a million stations' three releases have some 750,000 distinct pairs.
     */
    static final int MOST_PAIRS = 1 << 20;

    private final double tolerance;
    private final PairDoubles table = new PairDoubles();
    private final int mostPairs;

    /** @param tolerance the test's tolerance in percentage points (finite, ≥ 0) */
    public IntegerPercentageMemo(double tolerance) {
        this(tolerance, MOST_PAIRS);
    }

    /** A memo of at most {@code mostPairs} pairs. */
    IntegerPercentageMemo(double tolerance, int mostPairs) {
        Check.finiteNonNegative("tolerance", tolerance);
        this.tolerance = tolerance;
        this.mostPairs = mostPairs;
    }

    /**
     * {@code IntegerPercentage.probabilityNearInteger((int) n, k / n, tolerance)}, exactly. Whole counts in
     * 1 … 2³¹ − 2 are looked up (k / n is then the same double for the pair whichever station it comes from); any
     * other k or n (0, negative, fractional, NaN, too large) is computed each time.
     */
    public double probability(double k, double n) {
        long kk = (long) k;
        long nn = (long) n;
        if (kk != k || nn != n || !PairTable.holds(kk, nn)) {
            return IntegerPercentage.probabilityNearInteger((int) n, k / n, tolerance);
        }
        int at = table.find(kk, nn);
        if (at >= 0) {
            return table.value(at);
        }
        double p = IntegerPercentage.probabilityNearInteger((int) n, k / n, tolerance);
        if (table.size() < mostPairs) {
            table.put(kk, nn, p);
        }
        return p;
    }

    /** Pairs held. */
    int size() {
        return table.size();
    }
}
