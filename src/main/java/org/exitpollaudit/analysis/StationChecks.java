package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
     * the only memory it takes is the duplicate finder's two int arrays of two to four times the rows' number.
     */
    static int[] run(Source s, ResultColumns t, List<DataIssue> issues, List<StationFlag> flags) {
        boolean stations = s.level() == Source.Level.STATION;
        String keyColumn = stations ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID;
        FirstRows seen = new FirstRows(t, stations);
        int[] kept = new int[t.size()];
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            int first = seen.putIfAbsent(i);
            if (first >= 0) {
                issues.add(DataIssue.error(IssueCode.ROW_REJECTED, s.file(), t.line(i), keyColumn, "row rejected: "
                        + (stations ? "station '" + t.station(i) + "'" : "district '" + t.district(i) + "'")
                        + " appears again (first at line " + t.line(first) + "); the first row is kept"));
                continue;
            }
            kept[n++] = i;
            if (s.values() == Source.ValueType.VOTES) {
                arithmetic(s, t, i, issues, flags);
            }
        }
        return Arrays.copyOf(kept, n);
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
     * The first row of each station (its district and id; or of each district, for a district-level file): an
     * open-addressing hash table of row indices, compared through the table's columns, so that finding the
     * duplicates of a million rows makes no object per row.
     */
    private static final class FirstRows {
        private final ResultColumns t;
        private final boolean stations;
        private final int[] slots;
        /** Each slot's row hash: most rows that share a slot's sequence are told apart without reading their ids. */
        private final int[] hashes;
        private final int mask;
        private final int shift;

        FirstRows(ResultColumns t, boolean stations) {
            this.t = t;
            this.stations = stations;
            // at most half full: short probe sequences
            int capacity = Integer.highestOneBit(Math.max(16, 2 * t.size()) - 1) << 1;
            slots = new int[capacity];
            Arrays.fill(slots, -1);
            hashes = new int[capacity];
            mask = capacity - 1;
            shift = 32 - Integer.numberOfTrailingZeros(capacity);
        }

        /** −1 if row {@code i} is the first of its unit (then it is recorded), else the first row's index. */
        int putIfAbsent(int i) {
            String district = t.district(i);
            String station = stations ? t.station(i) : null;
            int h = 31 * Objects.hashCode(district) + Objects.hashCode(station);
            // Fibonacci hashing: the top bits of h × 2^32/φ, which every bit of h reaches
            int at = (h * 0x9E3779B9) >>> shift;
            while (slots[at] >= 0) {
                int j = slots[at];
                if (hashes[at] == h && Objects.equals(t.district(j), district)
                        && (!stations || Objects.equals(t.station(j), station))) {
                    return j;
                }
                at = (at + 1) & mask;
            }
            slots[at] = i;
            hashes[at] = h;
            return -1;
        }
    }
}
