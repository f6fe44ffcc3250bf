package org.exitpollaudit.stats;

/**
 * The last-digit probabilities of each count k out of n ({@link DigitTests#lastDigitProbabilities}), computed once
 * per (k, n) pair ({@link PairTable}). A memo belongs to one thread; a pair's probabilities do not depend on which
 * memo holds them, so tallies filled on several threads with a memo each add up to the same figures.
 */
public final class LastDigitMemo {

    private final PairTable table = new PairTable(10);

    /** Adds P(last digit = d) of Binomial(n, k / n) to {@code into[d]}, d = 0..9. */
    void addTo(double[] into, long k, long n) {
        if (!PairTable.holds(k, n)) {
            add(into, DigitTests.lastDigitProbabilities(n, k / (double) n), 0);
            return;
        }
        int at = table.find(k, n);
        if (at < 0) {
            at = table.insert(k, n);
            System.arraycopy(DigitTests.lastDigitProbabilities(n, k / (double) n), 0, table.values(), at, 10);
        }
        add(into, table.values(), at);
    }

    private static void add(double[] into, double[] p, int from) {
        for (int d = 0; d < 10; d++) {
            into[d] += p[from + d];
        }
    }

    /** Pairs held. */
    int size() {
        return table.size();
    }
}
