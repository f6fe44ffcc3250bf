package org.exitpollaudit.stats;

/**
 * A memo table from a count k out of a total n (0 ≤ k ≤ n &lt; {@link #MAX_N}) to a fixed number of doubles, laid
 * out by n: a row per total, found by indexing, its counts' values side by side in chunks of {@value #CHUNK}
 * consecutive counts. A station's candidates share its total, so its look-ups go to one row, where {@link PairTable}
 * sends each pair to a hashed slot and then to its values elsewhere: two memory accesses a pair, both missing the cache
 * once the table holds a few hundred thousand pairs (the last-digit memo of a million-station release). No key
 * objects, no boxed values, no locks (a table belongs to one thread).
 *
 * <p>A total has two half-rows: one indexed by k for the counts up to n / 2, one by n − k for the others, so that a
 * landslide's large counts (k near n) lie at the start of a row as the small ones do. Chunks are made as counts reach
 * them, and {@link #bytes} counts what the table takes, its rows' indexes included, so that a memo can bound it
 * ({@link #cost}): a sparse row far along its counts costs more than its values.
 */
final class CountRows {

    /** Totals below this have rows; others are not held here. */
    static final int MAX_N = 1 << 16;
    /** Counts per chunk of a row (one bit each in its chunk's mask). */
    static final int CHUNK = 16;
    /** An array's header, and a chunk's reference and mask in its row's index. */
    private static final int HEADER = 16;
    private static final int INDEX_ENTRY = 4 + 8;

    private final int width;
    /** The row of each half-row (2n for k ≤ n − k, 2n + 1 for the others), plus one (0: none yet). */
    private final int[] rowOf = new int[2 * MAX_N];
    /** values[row][c]: the chunk's counts' values, {@code width} each, in index order. */
    private double[][][] values = new double[64][][];
    /** held[row][c]: bit i set when index c · CHUNK + i is held. */
    private long[][] held = new long[64][];
    private int rows;
    private int size;
    private long bytes = 2L * HEADER + 4L * rowOf.length + 2L * 4 * 64;

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

    /** The index of count k in its half-row. */
    private static int index(int k, int n) {
        return k <= n - k ? k : n - k;
    }

    private static int halfRow(int k, int n) {
        return k <= n - k ? 2 * n : 2 * n + 1;
    }

    /**
     * The array holding (k, n)'s values from {@link #offset}(k, n), or {@code null} when the pair is not held.
     * {@code k} and {@code n} must satisfy {@link #holds}.
     */
    double[] find(int k, int n) {
        int row = rowOf[halfRow(k, n)] - 1;
        if (row < 0) {
            return null;
        }
        int j = index(k, n);
        int c = j / CHUNK;
        long[] mask = held[row];
        if (c >= mask.length || (mask[c] & 1L << (j % CHUNK)) == 0) {
            return null;
        }
        return values[row][c];
    }

    /**
     * The bytes holding (k, n) would add to {@link #bytes}: 0 when its chunk exists, else the chunk's values and
     * whatever its row and the row's index grow by.
     */
    long cost(int k, int n) {
        int row = rowOf[halfRow(k, n)] - 1;
        int c = index(k, n) / CHUNK;
        long cost = 0;
        int length = 0;
        if (row < 0) {
            cost += 2 * HEADER + (rows == values.length ? 2L * 4 * rows : 0);
        } else {
            length = held[row].length;
            if (c < length && values[row][c] != null) {
                return 0;
            }
        }
        if (c >= length) {
            cost += (long) (grown(length, c, n) - length) * INDEX_ENTRY;
        }
        return cost + HEADER + 8L * CHUNK * width;
    }

    /** A row's index length to reach chunk c: doubling, within the half-row's n / 2 / CHUNK + 1 chunks. */
    private static int grown(int length, int c, int n) {
        return Math.min(Math.max(c + 1, 2 * length), n / 2 / CHUNK + 1);
    }

    /**
     * Makes room for a pair not held yet and returns the array its {@code width} values go in, from
     * {@link #offset}(k, n); the caller fills them.
     */
    double[] insert(int k, int n) {
        if (find(k, n) != null) {
            throw new IllegalStateException("pair " + k + "/" + n + " is already held");
        }
        bytes += cost(k, n);
        int half = halfRow(k, n);
        int row = rowOf[half] - 1;
        if (row < 0) {
            row = rows++;
            if (row == values.length) {
                values = java.util.Arrays.copyOf(values, 2 * row);
                held = java.util.Arrays.copyOf(held, 2 * row);
            }
            values[row] = new double[0][];
            held[row] = new long[0];
            rowOf[half] = row + 1;
        }
        int j = index(k, n);
        int c = j / CHUNK;
        if (c >= held[row].length) {
            int length = grown(held[row].length, c, n);
            values[row] = java.util.Arrays.copyOf(values[row], length);
            held[row] = java.util.Arrays.copyOf(held[row], length);
        }
        if (values[row][c] == null) {
            values[row][c] = new double[CHUNK * width];
        }
        held[row][c] |= 1L << (j % CHUNK);
        size++;
        return values[row][c];
    }

    /** Where (k, n)'s values start in the array {@link #find} and {@link #insert} return. */
    int offset(int k, int n) {
        return index(k, n) % CHUNK * width;
    }

    /** Pairs held. */
    int size() {
        return size;
    }

    /** About what the table takes in memory, in bytes: its values, its rows' indexes and its own arrays. */
    long bytes() {
        return bytes;
    }
}
