package org.exitpollaudit.stats;

/**
 * A flat open-addressing table from a pair of counts (k, n) to a fixed number of doubles, for memos of functions of
 * (k, n) that are costly to compute and repeat across stations ({@link LastDigitMemo}, {@link IntegerPercentageMemo}):
 * no key objects, no boxed values, no locks (a table belongs to one thread). The pair is packed into one long,
 * k · 2³² + n, so both must lie in 1 … 2³¹ − 2 ({@link #holds}); key 0 marks an empty slot. Linear probing, kept
 * at most half full.
 */
final class PairTable {

    private final int width;
    private long[] keys;
    private double[] values;
    private int size;

    /** @param width doubles stored per pair */
    PairTable(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("a pair needs at least one value, got width " + width);
        }
        this.width = width;
        keys = new long[1 << 12];
        values = new double[width << 12];
    }

    /** Whether (k, n) has a key here: both counts in 1 … 2³¹ − 2. */
    static boolean holds(long k, long n) {
        return k > 0 && k < Integer.MAX_VALUE && n > 0 && n < Integer.MAX_VALUE;
    }

    /**
     * Where the values of (k, n) start in {@link #values}, or −1 when the pair is not held. {@code k} and {@code n}
     * must satisfy {@link #holds}.
     */
    int find(long k, long n) {
        int s = slot(k << 32 | n);
        return keys[s] == 0 ? -1 : width * s;
    }

    /**
     * Makes room for a pair not held yet and returns where its {@code width} values start in {@link #values}, for the
     * caller to fill. Read {@link #values} after this call: growing replaces the array.
     */
    int insert(long k, long n) {
        long key = k << 32 | n;
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int s = slot(key);
        if (keys[s] == key) {
            throw new IllegalStateException("pair " + k + "/" + n + " is already held");
        }
        keys[s] = key;
        size++;
        return width * s;
    }

    /** The values of every pair, {@code width} per slot (the table's own array: written by the caller after insert). */
    double[] values() {
        return values;
    }

    /** Pairs held. */
    int size() {
        return size;
    }

    /** The slot holding the key, or the empty one where it goes. */
    private int slot(long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new double[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                System.arraycopy(oldValues, width * i, values, width * s, width);
            }
        }
    }
}
