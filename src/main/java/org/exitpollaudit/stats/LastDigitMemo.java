package org.exitpollaudit.stats;

/**
 * The last-digit probabilities of each count k out of n ({@link DigitTests#lastDigitProbabilities}), computed once
 * per (k, n) pair. A memo belongs to one thread; a pair's probabilities do not depend on which memo holds them, so
 * tallies filled on several threads with a memo each add up to the same figures. Pairs of a station-sized total are
 * held by total ({@link CountRows}: a station's candidates look up one row), others by pair ({@link PairTable}). Each
 * part is bounded (40 MB and about 1 MB); pairs beyond are computed each time, so that memory stays bounded however
 * many distinct pairs a very large election has.
 */
public final class LastDigitMemo {

    /**
     * The most the pairs held by total take, in bytes (values and rows' indexes): room for some 280,000 pairs of
     * station-sized totals, about what a million stations' three releases have (284,000 pairs, 40 MB); ten million
     * have more distinct pairs (424,000, 55 MB), and the cap keeps the memo the same size whatever the election.
     */
    static final long MOST_BYTES = 40L << 20;
    /** The most pairs of larger totals held (rare: a count is memoised only while its spread is small): about 1 MB. */
    static final int MOST_PAIRS = 1 << 13;

    private final CountRows rows = new CountRows(10);
    private final PairTable table = new PairTable(10);
    /** A pair's probabilities as computed, and the binomial window they are summed from: reused pair after pair. */
    private final double[] computed = new double[10];
    private final double[] window = new double[DigitTests.WINDOW];
    private final long mostBytes;
    private final int mostPairs;

    public LastDigitMemo() {
        this(MOST_BYTES, MOST_PAIRS);
    }

    /** A memo of at most {@code mostBytes} of pairs by total and {@code mostPairs} others. */
    LastDigitMemo(long mostBytes, int mostPairs) {
        this.mostBytes = mostBytes;
        this.mostPairs = mostPairs;
    }

    /** Adds P(last digit = d) of Binomial(n, k / n) to {@code into[d]}, d = 0..9. */
    void addTo(double[] into, long k, long n) {
        if (CountRows.holds(k, n)) {
            int kk = (int) k;
            int nn = (int) n;
            double[] values = rows.find(kk, nn);
            if (values == null) {
                double[] p = compute(k, n);
                if (rows.bytes() + rows.cost(kk, nn) > mostBytes) {
                    add(into, p, 0);
                    return;
                }
                values = rows.insert(kk, nn);
                System.arraycopy(p, 0, values, rows.offset(kk, nn), 10);
            }
            add(into, values, rows.offset(kk, nn));
            return;
        }
        if (!PairTable.holds(k, n)) {
            add(into, compute(k, n), 0);
            return;
        }
        int entry = table.find(k, n);
        if (entry < 0) {
            double[] p = compute(k, n);
            if (table.size() >= mostPairs) {
                add(into, p, 0);
                return;
            }
            entry = table.insert(k, n);
            System.arraycopy(p, 0, table.page(entry), table.offset(entry), 10);
        }
        add(into, table.page(entry), table.offset(entry));
    }

    /** The probabilities of pair (k, n), in an array the next computed pair overwrites. */
    private double[] compute(long k, long n) {
        DigitTests.lastDigitProbabilities(n, k / (double) n, computed, window);
        return computed;
    }

    private static void add(double[] into, double[] p, int from) {
        for (int d = 0; d < 10; d++) {
            into[d] += p[from + d];
        }
    }

    /** Pairs held. */
    int size() {
        return rows.size() + table.size();
    }
}
