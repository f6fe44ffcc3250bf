package org.exitpollaudit.analysis;

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
final class StationChecks {

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
     * (some 16 to 24 bytes a station); two rows whose hashes agree are compared by their ids, the earlier one read back
     * from its block if that is gone, so that a collision of hashes never rejects a row.
     */
    static final class Run {
        private final Source s;
        private final boolean stations;
        private final String keyColumn;
        private final List<DataIssue> issues;
        private final List<StationFlag> flags;
        private final IntFunction<ResultColumns> earlierBlock;
        private final ToLongBiFunction<String, String> hash;
        private final FirstRows seen = new FirstRows();
        /** The first row number and the first line of each block so far. */
        private int[] blockStarts = new int[16];
        private int[] blockLines = new int[16];
        private int blocks;
        /** Rows read so far (the number of the next row): fewer than 2³¹, as lines are. */
        private int rows;
        private ResultColumns current;
        private ResultColumns fetched;
        private int fetchedStart;

        /**
         * @param earlierBlock gives back an earlier block of the file by its first line (to compare ids where two
         *                     hashes agree)
         */
        Run(Source s, List<DataIssue> issues, List<StationFlag> flags, IntFunction<ResultColumns> earlierBlock) {
            this(s, issues, flags, earlierBlock, Run::hash);
        }

        /** With another hash of the keys (a test's, that collides often). */
        Run(Source s, List<DataIssue> issues, List<StationFlag> flags, IntFunction<ResultColumns> earlierBlock,
            ToLongBiFunction<String, String> hash) {
            this.hash = hash;
            this.s = s;
            this.stations = s.level() == Source.Level.STATION;
            this.keyColumn = stations ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID;
            this.issues = issues;
            this.flags = flags;
            this.earlierBlock = earlierBlock;
        }

        /** The next block's rows kept, as indices into it, ascending. */
        int[] next(ResultColumns t) {
            if (t.size() > 0) {
                if (blocks == blockStarts.length) {
                    blockStarts = Arrays.copyOf(blockStarts, 2 * blocks);
                    blockLines = Arrays.copyOf(blockLines, 2 * blocks);
                }
                blockStarts[blocks] = rows;
                blockLines[blocks++] = t.line(0);
            }
            current = t;
            int[] kept = new int[t.size()];
            int n = 0;
            for (int i = 0; i < t.size(); i++, rows++) {
                String district = t.district(i);
                String station = stations ? t.station(i) : null;
                int first = seen.putIfAbsent(hash.applyAsLong(district, station), rows, j -> same(j, district, station));
                if (first >= 0) {
                    issues.add(DataIssue.error(IssueCode.ROW_REJECTED, s.file(), t.line(i), keyColumn,
                            "row rejected: " + (stations ? "station '" + station + "'" : "district '" + district
                                    + "'") + " appears again (first at line " + lineOf(first)
                                    + "); the first row is kept"));
                    continue;
                }
                kept[n++] = i;
                if (s.values() == Source.ValueType.VOTES) {
                    arithmetic(s, t, i, issues, flags);
                }
            }
            return Arrays.copyOf(kept, n);
        }

        /** Whether row number {@code j} (an earlier row) has this district and station id. */
        private boolean same(int j, String district, String station) {
            ResultColumns t = blockOf(j);
            int i = index(t, j);
            return Objects.equals(t.district(i), district) && (!stations || Objects.equals(t.station(i), station));
        }

        private int lineOf(int j) {
            ResultColumns t = blockOf(j);
            return t.line(index(t, j));
        }

        /** Row number j's index in its block {@code t}. */
        private int index(ResultColumns t, int j) {
            return j - (t == current ? blockStarts[blocks - 1] : fetchedStart);
        }

        /** The block that holds row number {@code j}: this one, or an earlier one read back (the last kept). */
        private ResultColumns blockOf(int j) {
            if (j >= blockStarts[blocks - 1]) {
                return current;
            }
            if (fetched == null || j < fetchedStart || j >= fetchedStart + fetched.size()) {
                int b = Arrays.binarySearch(blockStarts, 0, blocks, j);
                b = b >= 0 ? b : -b - 2;
                fetched = earlierBlock.apply(blockLines[b]);
                fetchedStart = blockStarts[b];
                if (fetched == null || fetched.size() == 0 || fetched.line(0) != blockLines[b]) {
                    throw new IllegalStateException("the block of " + s.file() + " at line " + blockLines[b]
                            + " could not be read back");
                }
            }
            return fetched;
        }

        /** A 64-bit hash of a key (FNV-1a over its characters, then MurmurHash3's finalizer). */
        static long hash(String district, String station) {
            long h = 0xcbf29ce484222325L;
            h = mix(h, district);
            h = (h ^ 0x1F) * 0x100000001b3L;
            h = mix(h, station);
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
    static List<ResultRow> run(Source s, List<ResultRow> rows, List<DataIssue> issues, List<StationFlag> flags) {
        List<ResultRow> kept = new ArrayList<>();
        for (int i : run(s, ResultColumns.of(s.id(), rows), issues, flags)) {
            kept.add(rows.get(i));
        }
        return kept;
    }

    private static void arithmetic(Source s, ResultColumns t, int i, List<DataIssue> issues, List<StationFlag> flags) {
        double votes = t.candidateSum(i) + Totals.zeroIfMissing(t.other(i));
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
     * object per row and keeps no ids.
     */
    private static final class FirstRows {
        private long[] hashes = new long[1 << 10];
        private int[] rows = filled(1 << 10);
        private int size;

        /**
         * −1 if no earlier row has the key (then row {@code row} is recorded as its first), else the number of the
         * first row that has it; {@code same} tells whether an earlier row with the same hash has the same key.
         */
        int putIfAbsent(long hash, int row, IntPredicate same) {
            int mask = hashes.length - 1;
            int at = (int) hash & mask;
            while (rows[at] >= 0) {
                if (hashes[at] == hash && same.test(rows[at])) {
                    return rows[at];
                }
                at = (at + 1) & mask;
            }
            hashes[at] = hash;
            rows[at] = row;
            if (4 * ++size > 3 * hashes.length) {
                grow();
            }
            return -1;
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldRows = rows;
            hashes = new long[2 * oldHashes.length];
            rows = filled(hashes.length);
            int mask = hashes.length - 1;
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldRows[i] >= 0) {
                    int at = (int) oldHashes[i] & mask;
                    while (rows[at] >= 0) {
                        at = (at + 1) & mask;
                    }
                    hashes[at] = oldHashes[i];
                    rows[at] = oldRows[i];
                }
            }
        }

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }
    }
}
