package org.exitpollaudit.stats;

/**
 * A memo table from a count k out of a total n (0 ≤ k ≤ n &lt; {@link #MAX_N}) to a fixed number of doubles, laid
 * out by n: a row per total, found by indexing, its counts' values side by side in chunks of {@value #CHUNK}
 * consecutive k. A station's candidates share its total, so its look-ups go to one row, where {@link PairTable} sends
 * each pair to a hashed slot and then to its values elsewhere: two memory accesses a pair, both missing the cache once
 * the table holds a few hundred thousand pairs (the last-digit memo of a million-station release). No key objects, no
 * boxed values, no locks (a table belongs to one thread). A row's chunks are made as counts reach them, so memory
 * follows the pairs held, a chunk at a time.
 */
final class CountRows {

    /** Totals below this have a row; others are not held here. */
    static final int MAX_N = 1 << 16;
    /** Counts per chunk of a row (one bit each in its chunk's mask). */
    static final int CHUNK = 16;

    private final int width;
    /** The row of each total, plus one (0: none yet). */
    private final int[] rowOf = new int[MAX_N];
    /** values[row][chunk]: the chunk's counts' values, {@code width} each, in count order. */
    private double[][][] values = new double[64][][];
    /** held[row][chunk]: bit i set when count chunk · CHUNK + i is held. */
    private long[][] held = new long[64][];
    private int rows;
    private int size;
    private int chunks;

    /** @param width doubles stored per pair */
    CountRows(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("a pair needs at least one value, got width " + width);
        }
        this.width = width;
    }

    /** Whether (k, n) can be held here: 0 ≤ k ≤ n &lt; {@link #MAX_N}. */
    static boolean holds(long k, long n) {
        return k >= 0 && k <= n && n < MAX_N;
    }

    /**
     * The array holding (k, n)'s values from {@link #offset}(k), or {@code null} when the pair is not held.
     * {@code k} and {@code n} must satisfy {@link #holds}.
     */
    double[] find(int k, int n) {
        int row = rowOf[n] - 1;
        if (row < 0) {
            return null;
        }
        int chunk = k / CHUNK;
        long[] mask = held[row];
        if (chunk >= mask.length || (mask[chunk] & 1L << (k % CHUNK)) == 0) {
            return null;
        }
        return values[row][chunk];
    }

    /**
     * Makes room for a pair not held yet and returns the array its {@code width} values go in, from
     * {@link #offset}(k); the caller fills them.
     */
    double[] insert(int k, int n) {
        if (find(k, n) != null) {
            throw new IllegalStateException("pair " + k + "/" + n + " is already held");
        }
        int row = rowOf[n] - 1;
        if (row < 0) {
            row = rows++;
            if (row == values.length) {
                values = java.util.Arrays.copyOf(values, 2 * row);
                held = java.util.Arrays.copyOf(held, 2 * row);
            }
            values[row] = new double[0][];
            held[row] = new long[0];
            rowOf[n] = row + 1;
        }
        int chunk = k / CHUNK;
        if (chunk >= held[row].length) {
            // room for this chunk and, as the row grows, for as many more again (a row has at most n / CHUNK + 1)
            int length = Math.min(Math.max(chunk + 1, 2 * held[row].length), n / CHUNK + 1);
            values[row] = java.util.Arrays.copyOf(values[row], length);
            held[row] = java.util.Arrays.copyOf(held[row], length);
        }
        if (values[row][chunk] == null) {
            values[row][chunk] = new double[CHUNK * width];
            chunks++;
        }
        held[row][chunk] |= 1L << (k % CHUNK);
        size++;
        return values[row][chunk];
    }

    /** Where count k's values start in the array {@link #find} and {@link #insert} return. */
    int offset(int k) {
        return k % CHUNK * width;
    }

    /** Pairs held. */
    int size() {
        return size;
    }

    /** Pairs the chunks made so far have room for (what the table's values take, in pairs). */
    int slots() {
        return chunks * CHUNK;
    }

    /** Whether holding (k, n) would make a chunk (the pair's row has none for it yet). */
    boolean needsChunk(int k, int n) {
        int row = rowOf[n] - 1;
        int chunk = k / CHUNK;
        return row < 0 || chunk >= values[row].length || values[row][chunk] == null;
    }
}
