package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.election.Source;
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

    /** The rows without duplicates, in file order. */
    static List<ResultRow> run(Source s, List<ResultRow> rows, List<DataIssue> issues, List<StationFlag> flags) {
        Map<StationKey, Integer> seen = new HashMap<>(2 * rows.size());
        List<ResultRow> kept = new ArrayList<>(rows.size());
        String keyColumn = s.level() == Source.Level.STATION ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID;
        for (ResultRow r : rows) {
            StationKey key = s.level() == Source.Level.STATION ? StationKey.of(r) : new StationKey(r.districtId(), null);
            Integer first = seen.putIfAbsent(key, r.line());
            if (first != null) {
                issues.add(DataIssue.error(IssueCode.ROW_REJECTED, s.file(), r.line(), keyColumn, "row rejected: "
                        + (s.level() == Source.Level.STATION ? "station '" + r.stationId() + "'" : "district '"
                        + r.districtId() + "'") + " appears again (first at line " + first + "); the first row is kept"));
                continue;
            }
            kept.add(r);
            if (s.values() == Source.ValueType.VOTES) {
                arithmetic(s, r, issues, flags);
            }
        }
        return kept;
    }

    private static void arithmetic(Source s, ResultRow r, List<DataIssue> issues, List<StationFlag> flags) {
        List<String> reasons = new ArrayList<>();
        double votes = r.candidateSum() + StationAnalysis.nz(r.other());
        if (r.valid() != null && Math.abs(r.valid() - votes) > 0.5) {
            reasons.add(add(issues, s, r, IssueCode.VOTES_NE_VALID, ResultsLayout.VALID, String.format(Locale.ROOT,
                    "candidate votes sum to %,.0f but valid is %,.0f", votes, r.valid())));
        }
        if (r.valid() != null && r.invalid() != null && r.ballotsCast() != null
                && r.valid() + r.invalid() > r.ballotsCast() + 0.5) {
            reasons.add(add(issues, s, r, IssueCode.FOUND_OVER_CAST, ResultsLayout.BALLOTS_CAST, String.format(Locale.ROOT,
                    "valid + invalid = %,.0f ballots found, more than the %,.0f cast", r.valid() + r.invalid(),
                    r.ballotsCast())));
        }
        if (r.ballotsCast() != null && r.registered() != null && r.ballotsCast() > r.registered()) {
            reasons.add(add(issues, s, r, IssueCode.BALLOTS_OVER_REGISTERED, ResultsLayout.BALLOTS_CAST, String.format(
                    Locale.ROOT, "ballots cast %,.0f exceed the %,.0f registered", r.ballotsCast(), r.registered())));
        }
        if (!reasons.isEmpty()) {
            Double turnout = r.registered() != null && r.registered() > 0 && r.ballotsCast() != null
                    ? 100 * r.ballotsCast() / r.registered() : null;
            flags.add(new StationFlag(s.id(), s.file(), r.line(), r.districtId(), r.stationId(), r.registered(), turnout,
                    null, String.join("; ", reasons)));
        }
    }

    private static String add(List<DataIssue> issues, Source s, ResultRow r, IssueCode code, String column, String text) {
        String unit = r.stationId() != null ? "station " + r.stationId() : "district " + r.districtId();
        issues.add(DataIssue.error(code, s.file(), r.line(), column, unit + ": " + text));
        return text;
    }
}
