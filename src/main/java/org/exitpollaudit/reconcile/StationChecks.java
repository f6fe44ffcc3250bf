package org.exitpollaudit.reconcile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.ToLongBiFunction;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Per-unit consistency of a district- or station-level file. A second row for the same station (or district) is
 * rejected — one of the two is wrong and the first is kept. Arithmetic that does not add up (votes vs valid, ballots
 * found vs cast, cast vs registered) is reported with file, line and column and the station is flagged; its
 * figures are kept as published, since the screening is about exactly such stations.
 */
public final class StationChecks {

    private StationChecks() {
    }

    /**
     * The rows kept: indices of the rows without duplicates, ascending. One pass over the table; besides the result,
     * the only memory it takes is the duplicate finder's ({@link Run}).
     */
    static int[] run(Source s, ResultColumns t, List<DataIssue> issues, List<StationFlag> flags) {
        return new Run(s, issues, flags, firstLine -> {
            throw new IllegalStateException("a single table has no earlier block");
        }).next(t);
    }

    /**
     * The checks of one file read a block of rows at a time: a row is a duplicate of any earlier row of the file, in
     * whichever block. What it keeps of the rows is a 64-bit hash of each unit's key with the number of its first row
     * (12 to 24 bytes a station); rows whose hashes agree are compared by their ids, so that a collision of
     * hashes never rejects a row. An earlier block whose rows share a hash with rows of the block at hand is read
     * back once for all of them (a file that lists its stations twice, in another order, reads each earlier block
     * back at most once per block, not once per row).
     *
     * <p>A file of more rows than one pass holds ({@link #shards(long)}) is checked in shards, so that memory stays
     * bounded however many stations it has: the keys are split by their hash into shards, each shard's duplicates
     * are found in a pass of its own over the blocks ({@link #scan}, shards 0 … n − 2, before the last), which
     * notes only the rows found to repeat (8 bytes each), and the last pass ({@link #next}) checks the last shard and
     * gives every row's result, in file order.
     */
    public static final class Run {
        /**
         * The rows whose keys one pass holds, on average: 15/16 of what a table of 2 million slots (24 MB) holds at
         * most, so that a shard whose share of the keys is above the average by chance still fits. A million
         * stations are checked in one pass, ten million in seven (a pass over ten million staged rows takes about a
         * second): the table is the same size for both, so that the analysis needs no more memory for more stations.
         */
        static final long ROWS_PER_SHARD = (3L << 19) / 16 * 15;

        /** A row whose key is of shard q, not of this pass's, is marked {@code OTHER_SHARD − q} by firstLines. */
        private static final int OTHER_SHARD = -2;

        private final Source s;
        private final boolean stations;
        private final String keyColumn;
        private final List<DataIssue> issues;
        private final List<StationFlag> flags;
        private final IntFunction<ResultColumns> earlierBlock;
        private final ToLongBiFunction<String, String> hash;
        /** Whether the hash is {@link #hash}, which {@link #hashNumbered} gives without making ids' text. */
        private final boolean numberedHash;
        private final int shards;
        /** The shard this pass checks: 0 … shards − 1, the last in the pass that gives the results. */
        private int shard;
        /** Slots of a pass's table: room for its share of the rows, where the rows are known. */
        private final int slots;
        private FirstRows seen;
        /** The first row number and the first line of each block (from the first pass). */
        private int[] blockStarts = new int[16];
        private int[] blockLines = new int[16];
        private int blocks;
        /** Blocks read in this pass. */
        private int block;
        /** Rows read so far in this pass (the number of the next row): fewer than 2³¹, as lines are. */
        private int rows;
        /** Per earlier shard, its repeats as (row number · 2³² + first line), ascending; how far each is read. */
        private final long[][] repeats;
        private final int[] repeatCount;
        private final int[] repeatRead;

        /**
         * @param earlierBlock gives back an earlier block of the file by its first line (to compare ids where two
         *                     hashes agree)
         */
        Run(Source s, List<DataIssue> issues, List<StationFlag> flags, IntFunction<ResultColumns> earlierBlock) {
            this(s, issues, flags, earlierBlock, null, -1);
        }

        /**
         * @param hash another hash of the keys (a test's, that collides often); {@code null} for {@link #hash}
         * @param rows the file's rows, −1 when not known: a file of more rows than one pass holds is checked in
         *             {@link #shards(long)} passes
         */
        public Run(Source s, List<DataIssue> issues, List<StationFlag> flags, IntFunction<ResultColumns> earlierBlock,
            ToLongBiFunction<String, String> hash, long rows) {
            this(s, issues, flags, earlierBlock, hash, shards(rows), rows);
        }

        /** With {@code shards} passes, whatever the rows (a test's). */
        Run(Source s, List<DataIssue> issues, List<StationFlag> flags, IntFunction<ResultColumns> earlierBlock,
            ToLongBiFunction<String, String> hash, int shards, long rows) {
            if (shards < 1 || shards > 1 << 16) {
                throw new IllegalArgumentException("shards must lie in 1 … 65536, got " + shards);
            }
            this.hash = hash != null ? hash : Run::hash;
            this.numberedHash = hash == null;
            this.s = s;
            this.stations = s.level() == Source.Level.STATION;
            this.keyColumn = stations ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID;
            this.issues = issues;
            this.flags = flags;
            this.earlierBlock = earlierBlock;
            this.shards = shards;
            // a table at most three quarters full for a shard's share of the rows; grown as needed past it
            long perShard = rows < 0 ? 0 : (rows + shards - 1) / shards;
            int least = (int) Math.min(1 << 30, Math.max(1 << 10, perShard * 4 / 3 + 1));
            this.slots = Integer.highestOneBit(least * 2 - 1);
            seen = new FirstRows(slots);
            repeats = new long[shards - 1][16];
            repeatCount = new int[shards - 1];
            repeatRead = new int[shards - 1];
        }

        /** The shards, one pass over the blocks each, of a check of {@code rows} rows (1 when not known, < 0). */
        static int shards(long rows) {
            return rows <= ROWS_PER_SHARD ? 1
                    : (int) Math.min(1 << 16, (rows + ROWS_PER_SHARD - 1) / ROWS_PER_SHARD);
        }

        /** The passes over the blocks before the last: {@link #scan} each block in each, then {@link #endScan}. */
        public int scans() {
            return shards - 1;
        }

        /** A block of a pass before the last: finds the repeats of this pass's shard of the keys. */
        public void scan(ResultColumns t) {
            requireScan();
            int start = rows;
            int[] first = firstLines(t);
            for (int i = 0; i < first.length; i++) {
                if (first[i] >= 0) {
                    if (repeatCount[shard] == repeats[shard].length) {
                        repeats[shard] = Arrays.copyOf(repeats[shard], 2 * repeatCount[shard]);
                    }
                    repeats[shard][repeatCount[shard]++] = (long) (start + i) << 32 | first[i];
                }
            }
        }

        /** Ends a pass before the last: its table of keys goes, the next shard is checked. */
        public void endScan() {
            requireScan();
            if (block != blocks) {
                throw new IllegalStateException("a pass over the blocks of " + s.file() + " had " + block + " of "
                        + blocks + " blocks");
            }
            shard++;
            block = 0;
            rows = 0;
            seen = new FirstRows(slots);
        }

        private void requireScan() {
            if (shard >= shards - 1) {
                throw new IllegalStateException("the check of " + s.file() + " has had its " + (shards - 1) + " scans");
            }
        }

        /**
         * Ends the last pass: the table of keys and the earlier shards' repeats go (the forensics passes that follow
         * need neither; the table is 24 MB). No block may follow.
         */
        public void end() {
            if (shard != shards - 1) {
                throw new IllegalStateException("the check of " + s.file() + " ended before its last pass");
            }
            if (seen == null) {
                throw new IllegalStateException("the check of " + s.file() + " has ended");
            }
            seen = null;
            Arrays.fill(repeats, null);
        }

        /** The next block's rows kept, as indices into it, ascending (in the last pass). */
        public int[] next(ResultColumns t) {
            if (shard != shards - 1) {
                throw new IllegalStateException("the check of " + s.file() + " has had " + shard + " of its "
                        + (shards - 1) + " scans");
            }
            if (seen == null) {
                throw new IllegalStateException("the check of " + s.file() + " has ended");
            }
            int n = t.size();
            int start = rows;
            int[] firstLine = firstLines(t);
            int[] kept = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int first = firstLine[i];
                if (first <= OTHER_SHARD) {
                    // of an earlier shard: found by that shard's pass, if it repeats
                    int q = OTHER_SHARD - first;
                    int r = repeatRead[q];
                    first = -1;
                    if (r < repeatCount[q] && (int) (repeats[q][r] >>> 32) == start + i) {
                        first = (int) repeats[q][r];
                        repeatRead[q]++;
                    }
                }
                if (first >= 0) {
                    issues.add(DataIssue.error(IssueCode.ROW_REJECTED, s.file(), t.line(i), keyColumn,
                            "row rejected: " + (stations ? "station '" + t.station(i) + "'" : "district '"
                                    + t.district(i) + "'") + " appears again (first at line " + first
                                    + "); the first row is kept"));
                    continue;
                }
                kept[k++] = i;
                if (s.values() == Source.ValueType.VOTES) {
                    arithmetic(s, t, i, issues, flags);
                }
            }
            return Arrays.copyOf(kept, k);
        }

        /**
         * For each row of the next block of this pass: the line of the first row of its key where it repeats one, −1
         * where it is the first, {@link #OTHER_SHARD} − q where its key is of another shard q than this pass's.
         */
        private int[] firstLines(ResultColumns t) {
            int n = t.size();
            int start = rows;
            if (n > 0) {
                if (shard == 0) {
                    if (blocks == blockStarts.length) {
                        blockStarts = Arrays.copyOf(blockStarts, 2 * blocks);
                        blockLines = Arrays.copyOf(blockLines, 2 * blocks);
                    }
                    blockStarts[blocks] = start;
                    blockLines[blocks++] = t.line(0);
                } else if (block >= blocks || blockStarts[block] != start || blockLines[block] != t.line(0)) {
                    throw new IllegalStateException("the blocks of " + s.file() + " changed between two passes");
                }
                block++;
            }
            rows += n;
            int[] firstLine = new int[n];
            long[] h = new long[n];
            for (int i = 0; i < n; i++) {
                h[i] = hash(t, i);
                int q = shardOf(h[i]);
                firstLine[i] = q == shard ? -1 : OTHER_SHARD - q;
            }
            // one probe a row: a row whose hash no row before it has is the first of its key and is recorded at once;
            // the others (duplicates, and the very rare collision of hashes) are decided below, by their ids
            int[] pending = new int[16];
            int waiting = 0;
            for (int i = 0; i < n; i++) {
                if (firstLine[i] == -1 && !seen.addIfNew(h[i], start + i)) {
                    if (waiting == pending.length) {
                        pending = Arrays.copyOf(pending, 2 * waiting);
                    }
                    pending[waiting++] = i;
                }
            }
            int[] earlier = earlierFirstLines(t, h, start, pending, waiting);
            for (int p = 0; p < waiting; p++) {
                int i = pending[p];
                int first = earlier[p];
                if (first < 0) {
                    // no earlier block has its key: recorded as the first of it, unless a row before it in this
                    // block is (those are all recorded by now: a later row with its hash waits too)
                    int j = seen.putIfAbsent(h[i], start + i, e -> e >= start && same(t, e - start, t, i));
                    first = j < 0 ? -1 : t.line(j - start);
                }
                firstLine[i] = first;
            }
            return firstLine;
        }

        /** The shard of the keys a hash belongs to: its high 32 bits, scaled (the table's slots use the low ones). */
        private int shardOf(long h) {
            return shards == 1 ? 0 : (int) ((h >>> 32) * shards >>> 32);
        }

        /**
         * The hash of row {@code i}'s key: for ids held as a prefix and a number, the same as of their text, without
         * making it.
         */
        private long hash(ResultColumns t, int i) {
            if (!stations) {
                return hash.applyAsLong(t.district(i), null);
            }
            String prefix = t.stationPrefix();
            if (prefix == null || !numberedHash) {
                return hash.applyAsLong(t.district(i), t.station(i));
            }
            return hashNumbered(t.district(i), prefix, t.stationNumber(i));
        }

        /**
         * For each of the {@code waiting} rows of block {@code t} listed in {@code pending} (its first row number
         * {@code start}), the line of the row of an earlier block with the same key, −1 where there is none: the rows
         * of earlier blocks with the same hash, compared by their ids, each earlier block read back once.
         */
        private int[] earlierFirstLines(ResultColumns t, long[] h, int start, int[] pending, int waiting) {
            int[] firstLine = new int[waiting];
            Arrays.fill(firstLine, -1);
            // (earlier row, place in pending) pairs with the same hash, as longs that sort by the earlier row
            long[] pairs = new long[16];
            int count = 0;
            for (int p = 0; p < waiting; p++) {
                for (int j : seen.rows(h[pending[p]])) {
                    if (j < start) {
                        if (count == pairs.length) {
                            pairs = Arrays.copyOf(pairs, 2 * count);
                        }
                        pairs[count++] = (long) j << 32 | p;
                    }
                }
            }
            Arrays.sort(pairs, 0, count);
            ResultColumns earlier = null;
            int earlierStart = 0;
            for (int q = 0; q < count; q++) {
                int j = (int) (pairs[q] >>> 32);
                int p = (int) pairs[q];
                int i = pending[p];
                if (earlier == null || j >= earlierStart + earlier.size()) {
                    int b = Arrays.binarySearch(blockStarts, 0, blocks, j);
                    b = b >= 0 ? b : -b - 2;
                    earlier = earlierBlock.apply(blockLines[b]);
                    earlierStart = blockStarts[b];
                    if (earlier == null || earlier.size() == 0 || earlier.line(0) != blockLines[b]) {
                        throw new IllegalStateException("the block of " + s.file() + " at line " + blockLines[b]
                                + " could not be read back");
                    }
                }
                if (firstLine[p] < 0 && same(earlier, j - earlierStart, t, i)) {
                    firstLine[p] = earlier.line(j - earlierStart);
                }
            }
            return firstLine;
        }

        /** Whether row {@code a} of {@code ta} and row {@code b} of {@code tb} are the same unit. */
        private boolean same(ResultColumns ta, int a, ResultColumns tb, int b) {
            return Objects.equals(ta.district(a), tb.district(b))
                    && (!stations || Objects.equals(ta.station(a), tb.station(b)));
        }

        /** A 64-bit hash of a key (FNV-1a over its characters, then MurmurHash3's finalizer). */
        static long hash(String district, String station) {
            long h = 0xcbf29ce484222325L;
            h = mix(h, district);
            h = (h ^ 0x1F) * 0x100000001b3L;
            h = mix(h, station);
            return finish(h);
        }

        /**
         * {@link #hash} of a station id that is {@code prefix} followed by {@code number} (≥ 0) in decimal without
         * leading zeros, as staging holds most ids: the same value, without making the id's text.
         */
        static long hashNumbered(String district, String prefix, long number) {
            long h = 0xcbf29ce484222325L;
            h = mix(h, district);
            h = (h ^ 0x1F) * 0x100000001b3L;
            h = mix(h, prefix);
            long scale = 1;
            while (scale <= number / 10) {
                scale *= 10;
            }
            for (; scale > 0; scale /= 10) {
                h = (h ^ ('0' + number / scale % 10)) * 0x100000001b3L;
            }
            return finish(h);
        }

        private static long finish(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            return h ^ (h >>> 33);
        }

        private static long mix(long h, String id) {
            if (id == null) {
                return (h ^ 0x1E) * 0x100000001b3L;
            }
            for (int c = 0; c < id.length(); c++) {
                h = (h ^ id.charAt(c)) * 0x100000001b3L;
            }
            return h;
        }
    }

    /** The rows without duplicates, in file order (for the small files analysed as rows). */
    public static List<ResultRow> run(Source s, List<ResultRow> rows, List<DataIssue> issues, List<StationFlag> flags) {
        List<ResultRow> kept = new ArrayList<>();
        for (int i : run(s, ResultColumns.of(s.id(), rows), issues, flags)) {
            kept.add(rows.get(i));
        }
        return kept;
    }

    private static void arithmetic(Source s, ResultColumns t, int i, List<DataIssue> issues, List<StationFlag> flags) {
        double votes = t.candidateSum(i) + ResultColumns.zeroIfMissing(t.other(i));
        double valid = t.valid(i);
        double invalid = t.invalid(i);
        double ballots = t.ballotsCast(i);
        double registered = t.registered(i);
        // NaN is a missing figure: every comparison with it is false, so a check needs its figures present
        boolean votesNotValid = Math.abs(valid - votes) > 0.5;
        boolean foundOverCast = valid + invalid > ballots + 0.5;
        boolean castOverRegistered = ballots > registered;
        if (!votesNotValid && !foundOverCast && !castOverRegistered) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        if (votesNotValid) {
            reasons.add(add(issues, s, t, i, IssueCode.VOTES_NE_VALID, ResultsLayout.VALID, String.format(Locale.ROOT,
                    "candidate votes sum to %,.0f but valid is %,.0f", votes, valid)));
        }
        if (foundOverCast) {
            reasons.add(add(issues, s, t, i, IssueCode.FOUND_OVER_CAST, ResultsLayout.BALLOTS_CAST,
                    String.format(Locale.ROOT, "valid + invalid = %,.0f ballots found, more than the %,.0f cast",
                            valid + invalid, ballots)));
        }
        if (castOverRegistered) {
            reasons.add(add(issues, s, t, i, IssueCode.BALLOTS_OVER_REGISTERED, ResultsLayout.BALLOTS_CAST,
                    String.format(Locale.ROOT, "ballots cast %,.0f exceed the %,.0f registered", ballots, registered)));
        }
        Double turnout = registered > 0 && !Double.isNaN(ballots) ? 100 * ballots / registered : null;
        flags.add(new StationFlag(s.id(), s.file(), t.line(i), t.district(i), t.station(i),
                Double.isNaN(registered) ? null : registered, turnout, null, String.join("; ", reasons)));
    }

    private static String add(List<DataIssue> issues, Source s, ResultColumns t, int i, IssueCode code, String column,
                              String text) {
        String unit = t.station(i) != null ? "station " + t.station(i) : "district " + t.district(i);
        issues.add(DataIssue.error(code, s.file(), t.line(i), column, unit + ": " + text));
        return text;
    }

    /**
     * The first row of each unit, as the unit key's 64-bit hash and the row's number: an open-addressing table of two
     * primitive arrays, at most three quarters full, so that finding the duplicates of millions of rows makes no
     * object per row and keeps no ids. Hash 0 marks an empty slot (a key whose hash is 0 is held as 1: rows whose
     * hashes agree are compared by their ids anyway), so that a probe reads the row numbers only where hashes agree.
     */
    private static final class FirstRows {
        private long[] hashes;
        private int[] rows;
        private int size;

        /** @param slots a power of two */
        FirstRows(int slots) {
            hashes = new long[slots];
            rows = new int[slots];
        }

        private static final int[] NONE = {};

        /** The rows recorded with this hash (almost always none or one). */
        int[] rows(long hash) {
            long key = key(hash);
            int mask = hashes.length - 1;
            int at = (int) key & mask;
            int[] out = NONE;
            while (hashes[at] != 0) {
                if (hashes[at] == key) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = rows[at];
                }
                at = (at + 1) & mask;
            }
            return out;
        }

        /** Records {@code row} as the first of its key where no row has this hash yet; whether it did. */
        boolean addIfNew(long hash, int row) {
            long key = key(hash);
            int mask = hashes.length - 1;
            int at = (int) key & mask;
            while (hashes[at] != 0) {
                if (hashes[at] == key) {
                    return false;
                }
                at = (at + 1) & mask;
            }
            add(at, key, row);
            return true;
        }

        /**
         * The row recorded with this hash that {@code same} accepts; where there is none, records {@code row} as the
         * first of its key and returns −1.
         */
        int putIfAbsent(long hash, int row, IntPredicate same) {
            long key = key(hash);
            int mask = hashes.length - 1;
            int at = (int) key & mask;
            while (hashes[at] != 0) {
                if (hashes[at] == key && same.test(rows[at])) {
                    return rows[at];
                }
                at = (at + 1) & mask;
            }
            add(at, key, row);
            return -1;
        }

        private void add(int at, long key, int row) {
            hashes[at] = key;
            rows[at] = row;
            if (4L * ++size > 3L * hashes.length) {
                grow();
            }
        }

        private static long key(long hash) {
            return hash == 0 ? 1 : hash;
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldRows = rows;
            hashes = new long[2 * oldHashes.length];
            rows = new int[hashes.length];
            int mask = hashes.length - 1;
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldHashes[i] != 0) {
                    int at = (int) oldHashes[i] & mask;
                    while (hashes[at] != 0) {
                        at = (at + 1) & mask;
                    }
                    hashes[at] = oldHashes[i];
                    rows[at] = oldRows[i];
                }
            }
        }
    }
}
