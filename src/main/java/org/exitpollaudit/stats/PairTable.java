package org.exitpollaudit.stats;

/**
 * A flat open-addressing table from a pair of counts (k, n) to a fixed number of doubles, for memos of functions of
 * (k, n) that are costly to compute and repeat across stations ({@link LastDigitMemo}; one double a pair:
 * {@link PairDoubles}):
 * no key objects, no boxed values, no locks (a table belongs to one thread). The pair is packed into one long,
 * k · 2³² + n, so both must lie in 1 … 2³¹ − 2 ({@link #holds}); key 0 marks an empty slot. Linear probing, kept
 * at most half full. A slot holds the key and, next to it (in the same cache line), the entry's number; the values
 * lie in entry order, so that a table of a few hundred thousand pairs of ten values each takes about 25 MB rather
 * than a value block per slot (80 MB), and more of it stays in cache. The values are kept in pages of
 * {@value #PAGE} entries: a growing table adds a page instead of copying all its values into an array twice as
 * large (at a million pairs of ten values, 40 MB copied into 80 MB, both held at once).
 */
final class PairTable {

    /** Entries per page of values. */
    static final int PAGE = 1 << 10;

    private final int width;
    /** Slot s: the key at 2s, the entry's number at 2s + 1. */
    private long[] slots;
    private double[][] pages = new double[16][];
    private int size;

    /** @param width doubles stored per pair */
    PairTable(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("a pair needs at least one value, got width " + width);
        }
        this.width = width;
        slots = new long[2 << 12];
    }

    /** Whether (k, n) has a key here: both counts in 1 … 2³¹ − 2. */
    static boolean holds(long k, long n) {
        return k > 0 && k < Integer.MAX_VALUE && n > 0 && n < Integer.MAX_VALUE;
    }

    /**
     * The entry of (k, n), or −1 when the pair is not held; its values are {@link #page}(entry) from
     * {@link #offset}(entry). {@code k} and {@code n} must satisfy {@link #holds}.
     */
    int find(long k, long n) {
        int s = slot(key(k, n));
        return slots[s] == 0 ? -1 : (int) slots[s + 1];
    }

    /** Makes room for a pair not held yet and returns its entry, whose {@code width} values the caller fills. */
    int insert(long k, long n) {
        long key = key(k, n);
        if (4 * (size + 1) > slots.length) {
            grow();
        }
        int s = slot(key);
        if (slots[s] == key) {
            throw new IllegalStateException("pair " + k + "/" + n + " is already held");
        }
        slots[s] = key;
        slots[s + 1] = size;
        int page = size / PAGE;
        if (page == pages.length) {
            pages = java.util.Arrays.copyOf(pages, 2 * pages.length);
        }
        if (pages[page] == null) {
            pages[page] = new double[PAGE * width];
        }
        return size++;
    }

    /** The page that holds an entry's values (the table's own array, written by the caller). */
    double[] page(int entry) {
        return pages[entry / PAGE];
    }

    /** Where an entry's values start in its {@link #page}. */
    int offset(int entry) {
        return entry % PAGE * width;
    }

    /** Pairs held. */
    int size() {
        return size;
    }

    /** Where the slot holding the key starts in {@link #slots}, or the empty one where it goes. */
    private int slot(long key) {
        return slot(slots, key);
    }

    private void grow() {
        slots = grown(slots);
    }

    /** The pair (k, n) as a key: k · 2³² + n, never 0 for a pair that {@link #holds}. */
    static long key(long k, long n) {
        return k << 32 | n;
    }

    /**
     * In slots laid out as here (a key at 2s, what goes with it at 2s + 1; key 0 empty; a power of two of slots, at
     * most half full), where the slot holding {@code key} starts, or the empty one where it goes (linear probing).
     */
    static int slot(long[] slots, long key) {
        int mask = slots.length / 2 - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[2 * i] != 0 && slots[2 * i] != key) {
            i = (i + 1) & mask;
        }
        return 2 * i;
    }

    /** Slots laid out as {@link #slot(long[], long)} reads them, twice as many, each key with what goes with it. */
    static long[] grown(long[] old) {
        long[] slots = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int s = slot(slots, old[i]);
                slots[s] = old[i];
                slots[s + 1] = old[i + 1];
            }
        }
        return slots;
    }
}
