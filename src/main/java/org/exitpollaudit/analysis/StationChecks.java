package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
        return new Run(s, issues, flags).next(t);
    }

    /**
     * The checks of one file read a block of rows at a time: a row is a duplicate of any earlier row of the file, in
     * whichever block. Besides the issues and flags, the memory it takes is the first row of each unit: its key and
     * line, some 40 bytes a station (a district id is kept once, as a number).
     */
    static final class Run {
        private final Source s;
        private final boolean stations;
        private final String keyColumn;
        private final List<DataIssue> issues;
        private final List<StationFlag> flags;
        private final FirstKeys seen = new FirstKeys();
        private final Map<String, Integer> districtNumbers = new HashMap<>();

        Run(Source s, List<DataIssue> issues, List<StationFlag> flags) {
            this.s = s;
            this.stations = s.level() == Source.Level.STATION;
            this.keyColumn = stations ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID;
            this.issues = issues;
            this.flags = flags;
        }

        /** The next block's rows kept, as indices into it, ascending. */
        int[] next(ResultColumns t) {
            int[] kept = new int[t.size()];
            int n = 0;
            for (int i = 0; i < t.size(); i++) {
                String district = t.district(i);
                int d = district == null ? -1 : districtNumbers.computeIfAbsent(district, x -> districtNumbers.size());
                int first = seen.putIfAbsent(d, stations ? t.station(i) : null, t.line(i));
                if (first >= 0) {
                    issues.add(DataIssue.error(IssueCode.ROW_REJECTED, s.file(), t.line(i), keyColumn,
                            "row rejected: " + (stations ? "station '" + t.station(i) + "'" : "district '"
                                    + district + "'") + " appears again (first at line " + first
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
     * The first row of each unit, a district number and a station id (or none): an open-addressing hash table of
     * entries whose ids lie in one char array, so that finding the duplicates of millions of rows makes no object
     * per row and keeps no row's columns.
     */
    private static final class FirstKeys {
        private int[] slots = filled(1 << 10);
        /** Each slot's key hash: most keys that share a probe sequence are told apart without comparing ids. */
        private int[] hashes = new int[1 << 10];
        private int[] district = new int[1 << 9];
        /** Where an entry's station id starts in {@link #chars}, and its length (−1: no station id). */
        private int[] start = new int[1 << 9];
        private int[] length = new int[1 << 9];
        private int[] line = new int[1 << 9];
        private char[] chars = new char[1 << 12];
        private int size;
        private int used;

        /** −1 if the key is new (then it is recorded with its line), else the line of the first row with it. */
        int putIfAbsent(int d, String station, int lineNo) {
            int h = 31 * d + Objects.hashCode(station);
            int mask = slots.length - 1;
            int at = (h * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(slots.length));
            while (slots[at] >= 0) {
                int e = slots[at];
                if (hashes[at] == h && district[e] == d && same(e, station)) {
                    return line[e];
                }
                at = (at + 1) & mask;
            }
            add(d, station, lineNo);
            slots[at] = size - 1;
            hashes[at] = h;
            if (2 * size > slots.length) {
                rehash();
            }
            return -1;
        }

        private boolean same(int e, String station) {
            if (station == null || length[e] < 0) {
                return station == null && length[e] < 0;
            }
            if (station.length() != length[e]) {
                return false;
            }
            for (int c = 0, from = start[e]; c < length[e]; c++) {
                if (chars[from + c] != station.charAt(c)) {
                    return false;
                }
            }
            return true;
        }

        private void add(int d, String station, int lineNo) {
            if (size == district.length) {
                district = Arrays.copyOf(district, 2 * size);
                start = Arrays.copyOf(start, 2 * size);
                length = Arrays.copyOf(length, 2 * size);
                line = Arrays.copyOf(line, 2 * size);
            }
            district[size] = d;
            line[size] = lineNo;
            start[size] = used;
            length[size] = station == null ? -1 : station.length();
            if (station != null) {
                while (used + station.length() > chars.length) {
                    chars = Arrays.copyOf(chars, 2 * chars.length);
                }
                station.getChars(0, station.length(), chars, used);
                used += station.length();
            }
            size++;
        }

        private void rehash() {
            int[] oldSlots = slots;
            int[] oldHashes = hashes;
            slots = filled(2 * oldSlots.length);
            hashes = new int[slots.length];
            int mask = slots.length - 1;
            int shift = 32 - Integer.numberOfTrailingZeros(slots.length);
            for (int i = 0; i < oldSlots.length; i++) {
                if (oldSlots[i] >= 0) {
                    int at = (oldHashes[i] * 0x9E3779B9) >>> shift;
                    while (slots[at] >= 0) {
                        at = (at + 1) & mask;
                    }
                    slots[at] = oldSlots[i];
                    hashes[at] = oldHashes[i];
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
