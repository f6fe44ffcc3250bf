package org.exitpollaudit.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Reads a respondent-level exit-poll file and sums the (weighted) answers per polling station, per district and
 * nationally, as rows of counts like any results file's. An answer that names no candidate (nor {@code other},
 * {@code invalid}) is rejected with its line, never guessed.
 */
public final class RespondentAggregator {

    /**
     * Station rows (station_id set), district rows (district_id only), the national row ({@code null}, and no rows,
     * when no answer names a candidate: the poll is then not used), and the rejections.
     */
    public record Result(List<ResultRow> stations, List<ResultRow> districts, ResultRow national, long respondents,
                         List<DataIssue> issues) {
    }

    private RespondentAggregator() {
    }

    public static Result read(Source source, Table table, CandidateResolver resolver, List<String> candidateOrder) {
        List<DataIssue> problems = new ArrayList<>();
        RespondentLayout layout = RespondentLayout.resolve(table.header(), source.file(), problems);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        Map<String, Acc> stations = new LinkedHashMap<>();
        Map<String, Acc> districts = new LinkedHashMap<>();
        Acc national = new Acc(null, null, 0);
        long respondents = 0;
        while (table.hasNext()) {
            TableRow row = table.next();
            String answer = cell(row, layout.column(RespondentLayout.CANDIDATE));
            Optional<String> id = resolver.resolve(answer);
            if (id.isEmpty()) {
                problems.add(DataIssue.error(IssueCode.ROW_REJECTED, source.file(), row.line(), RespondentLayout.CANDIDATE,
                        "row rejected: the answer '" + Cells.abbreviate(answer) + "' names no candidate (write"
                                + " 'other' for refusals and small candidates, or add the spelling as an alias)"));
                continue;
            }
            double weight = 1;
            String w = cell(row, layout.column(RespondentLayout.WEIGHT));
            if (!w.isEmpty()) {
                String why;
                try {
                    weight = Cells.number(w);
                    why = weight > 0 ? Plausibility.count(weight, null) : "it is not a positive number";
                } catch (NumberFormatException e) {
                    why = e.getMessage();
                }
                if (why != null) {
                    problems.add(DataIssue.error(IssueCode.ROW_REJECTED, source.file(), row.line(), RespondentLayout.WEIGHT,
                            "row rejected: weight '" + Cells.abbreviate(w) + "': " + why));
                    continue;
                }
            }
            String district = cell(row, layout.column(ResultsLayout.DISTRICT_ID));
            String station = cell(row, layout.column(ResultsLayout.STATION_ID));
            String tooLong = Plausibility.idLength(district.length() >= station.length() ? district : station,
                    Plausibility.MAX_UNIT_ID_LENGTH);
            if (tooLong != null) {
                problems.add(DataIssue.error(IssueCode.ROW_REJECTED, source.file(), row.line(), district.length()
                        >= station.length() ? ResultsLayout.DISTRICT_ID : ResultsLayout.STATION_ID, "row rejected: "
                        + tooLong));
                continue;
            }
            respondents++;
            national.add(id.get(), weight, row.line());
            if (!district.isEmpty()) {
                districts.computeIfAbsent(district, d -> new Acc(d, null, row.line())).add(id.get(), weight, row.line());
            }
            if (!station.isEmpty()) {
                stations.computeIfAbsent(district + "\u0000" + station, k -> new Acc(district.isEmpty() ? null : district,
                        station, row.line())).add(id.get(), weight, row.line());
            }
        }
        ResultRow nation = national.row(source.id(), candidateOrder);
        if (nation.candidateSum() == 0) {
            // no respondent named a candidate (every row rejected, or every answer other/invalid): no shares exist
            problems.add(DataIssue.error(IssueCode.SOURCE_NOT_USED, source.file(), null, RespondentLayout.CANDIDATE, source.id()
                    + ": no respondent's answer names a candidate (" + respondents + " usable rows); the poll is left"
                    + " out of the comparison"));
            return new Result(List.of(), List.of(), null, respondents, problems);
        }
        return new Result(stations.values().stream().map(a -> a.row(source.id(), candidateOrder)).toList(),
                districts.values().stream().map(a -> a.row(source.id(), candidateOrder)).toList(),
                nation, respondents, problems);
    }

    private static String cell(TableRow row, Integer column) {
        return column == null ? "" : row.cell(column).strip();
    }

    /** Weighted answers of one unit. */
    private static final class Acc {
        private final String district;
        private final String station;
        private final int line;
        private final Map<String, Double> counts = new LinkedHashMap<>();

        Acc(String district, String station, int line) {
            this.district = district;
            this.station = station;
            this.line = line;
        }

        void add(String id, double weight, int atLine) {
            counts.merge(id, weight, Double::sum);
        }

        ResultRow row(String sourceId, List<String> order) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String c : order) {
                values.put(c, counts.getOrDefault(c, 0.0));
            }
            return new ResultRow(sourceId, line, district, station, null, null, counts.get(Candidate.INVALID), null, null,
                    counts.get(Candidate.OTHER), values);
        }
    }
}
