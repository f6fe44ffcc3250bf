package org.exitpollaudit.stats;

/**
 * The last-digit probabilities of each count k out of n ({@link DigitTests#lastDigitProbabilities}), computed once
 * per (k, n) pair ({@link PairTable}). A memo belongs to one thread; a pair's probabilities do not depend on which
 * memo holds them, so tallies filled on several threads with a memo each add up to the same figures. It holds at
 * most {@link #MOST_PAIRS} pairs (some 110 MB); pairs beyond them are computed each time, so that memory stays
 * bounded however many distinct pairs a very large election has.
 */
public final class LastDigitMemo {

    /** The most pairs held: at 80 bytes of values and some 32 of table each, about 110 MB. */
    static final int MOST_PAIRS = 1 << 20;

    private final PairTable table = new PairTable(10);
    private final int mostPairs;

    public LastDigitMemo() {
        this(MOST_PAIRS);
    }

    /** A memo of at most {@code mostPairs} pairs. */
    LastDigitMemo(int mostPairs) {
        this.mostPairs = mostPairs;
    }

    /** Adds P(last digit = d) of Binomial(n, k / n) to {@code into[d]}, d = 0..9. */
    void addTo(double[] into, long k, long n) {
        if (!PairTable.holds(k, n)) {
            add(into, DigitTests.lastDigitProbabilities(n, k / (double) n), 0);
            return;
        }
        int entry = table.find(k, n);
        if (entry < 0) {
            double[] p = DigitTests.lastDigitProbabilities(n, k / (double) n);
            if (table.size() >= mostPairs) {
                add(into, p, 0);
                return;
            }
            entry = table.insert(k, n);
            System.arraycopy(p, 0, table.page(entry), table.offset(entry), 10);
        }
        add(into, table.page(entry), table.offset(entry));
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
