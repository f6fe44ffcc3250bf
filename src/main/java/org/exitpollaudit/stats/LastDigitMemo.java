package org.exitpollaudit.stats;

/**
 * The last-digit probabilities of each count k out of n ({@link DigitTests#lastDigitProbabilities}), computed once
 * per (k, n) pair and kept in one flat open-addressing table: no key objects, no boxed values, no locks. A memo
 * belongs to one thread; a pair's probabilities do not depend on which memo holds them, so tallies filled on
 * several threads with a memo each add up to the same figures.
 */
public final class LastDigitMemo {

    private long[] keys = new long[1 << 12];
    private double[] probabilities = new double[10 << 12];
    private int size;

    /** Adds P(last digit = d) of Binomial(n, k / n) to {@code into[d]}, d = 0..9. */
    void addTo(double[] into, long k, long n) {
        if (k <= 0 || k >= Integer.MAX_VALUE || n >= Integer.MAX_VALUE) {
            add(into, DigitTests.lastDigitProbabilities(n, k / (double) n), 0);
            return;
        }
        long key = k << 32 | n;
        int slot = slot(key);
        if (keys[slot] != key) {
            if (2 * (size + 1) > keys.length) {
                grow();
                slot = slot(key);
            }
            keys[slot] = key;
            System.arraycopy(DigitTests.lastDigitProbabilities(n, k / (double) n), 0, probabilities, 10 * slot, 10);
            size++;
        }
        add(into, probabilities, 10 * slot);
    }

    /** The slot holding the key, or the empty one where it goes (linear probing; 0 marks an empty slot). */
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
        double[] oldProbabilities = probabilities;
        keys = new long[oldKeys.length * 2];
        probabilities = new double[oldProbabilities.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                System.arraycopy(oldProbabilities, 10 * i, probabilities, 10 * s, 10);
            }
        }
    }

    private static void add(double[] into, double[] p, int from) {
        for (int d = 0; d < 10; d++) {
            into[d] += p[from + d];
        }
    }

    /** Pairs held. */
    int size() {
        return size;
    }
}
