package org.exitpollaudit.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Turns a raw row into a {@link ResultRow}, or rejects it with the file, line, column and reason.
 * A row is rejected whole when any of its figures is unusable: a half-read row would make its sums lie.
 * Unusable includes implausible ({@link Plausibility}): a count beyond the electorate, national votes beyond the
 * registered voters, shares adding up to more than 100 % beyond rounding, a poll or national row whose candidates
 * all have 0, an id too long to be one.
 */
public final class RowParser {

    /** Either a loaded row or the reasons it was rejected. */
    public record Parsed(ResultRow row, List<DataIssue> rejections) {
        public boolean loaded() {
            return row != null;
        }
    }

    private final Source source;
    private final ResultsLayout layout;
    private final String file;
    private final Set<String> districts;
    private final String[] candidateIds;
    private final Long electorate;

    public RowParser(Source source, ResultsLayout layout) {
        this(source, layout, Set.of(), null);
    }

    /**
     * @param districts  the ids of districts.csv; when not empty, a district or station row must name one of them
     * @param electorate the election's registered voters (election.yaml), if published: no count can exceed it
     */
    public RowParser(Source source, ResultsLayout layout, Set<String> districts, Long electorate) {
        this.source = source;
        this.layout = layout;
        this.districts = districts;
        this.electorate = electorate;
        this.file = source.file();
        this.candidateIds = layout.candidates().keySet().toArray(new String[0]);
    }

    public Parsed parse(TableRow raw) {
        List<DataIssue> problems = new ArrayList<>();
        for (int i = layout.header().size(); i < raw.cells().size(); i++) {
            if (!raw.cell(i).isBlank()) {
                // a shifted row (an unquoted comma, a missing column) would otherwise be read into the wrong columns
                return new Parsed(null, List.of(reject(raw, "#" + (i + 1), "the row has " + raw.cells().size()
                        + " cells but the header has " + layout.header().size() + " columns")));
            }
        }
        boolean percent = source.values() == Source.ValueType.PERCENT;
        // candidate values in column order, over one id array shared by every row of the file
        double[] values = new double[candidateIds.length];
        int at = 0;
        for (Map.Entry<String, Integer> e : layout.candidates().entrySet()) {
            int before = problems.size();
            Double v = value(raw, e.getValue(), percent, problems);
            if (v == null && problems.size() == before) {
                problems.add(reject(raw, layout.headerOf(e.getValue()), "no figure for candidate '" + e.getKey()
                        + "'; write 0 if the source reported zero"));
            }
            values[at++] = v == null ? Double.NaN : v;
        }
        Double other = layout.other() == null ? null : value(raw, layout.other(), percent, problems);
        Double invalid = layout.invalid() == null ? null : value(raw, layout.invalid(), percent, problems);
        Double registered = count(raw, ResultsLayout.REGISTERED, problems);
        Double ballots = count(raw, ResultsLayout.BALLOTS_CAST, problems);
        Double valid = count(raw, ResultsLayout.VALID, problems);
        Integer t = layout.column(ResultsLayout.TURNOUT_PCT);
        Double turnout = t == null ? null : value(raw, t, true, problems);
        String district = text(raw, ResultsLayout.DISTRICT_ID);
        String station = text(raw, ResultsLayout.STATION_ID);
        for (UnitProblem u : unitProblems(source.level(), district, station, districts)) {
            problems.add(reject(raw, u.column(), u.reason()));
        }
        if (problems.isEmpty()) {
            plausible(raw, values, other, invalid, registered, problems);
        }
        if (problems.size() > 1) {
            // one rejected row, one entry: the first problem's column, every reason
            DataIssue first = problems.get(0);
            String reasons = problems.stream().map(p -> (p.column() == null ? "" : "'" + p.column() + "': ")
                    + p.message().substring("row rejected: ".length())).collect(java.util.stream.Collectors.joining("; "));
            return new Parsed(null, List.of(DataIssue.error(IssueCode.valueOf(first.code()), file, raw.line(), first.column(),
                    "row rejected: " + reasons)));
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        return new Parsed(new ResultRow(source.id(), raw.line(), district.isEmpty() ? null : district,
                station.isEmpty() ? null : station, registered, ballots, invalid, valid, turnout, other,
                CandidateValues.of(candidateIds, values)), List.of());
    }

    /**
     * Checks on the row as a whole, once each figure is readable: what no real count or poll can show. An official
     * district or station may have no votes at all (a station that did not open); a poll unit or a nation cannot.
     */
    private void plausible(TableRow raw, double[] values, Double other, Double invalid, Double registered,
                           List<DataIssue> problems) {
        Implausible why = implausible(values, nan(other), nan(invalid), nan(registered));
        if (why != null) {
            problems.add(reject(raw, why.column(), why.reason()));
        }
    }

    /** Why a row cannot be real, and the column its largest candidate figure is in (the one a message names). */
    record Implausible(String column, String reason) {
    }

    /**
     * The checks of {@link #plausible} on a row's figures ({@code other}, {@code invalid} and {@code registered} NaN
     * where the row has none): why the row cannot be real, or {@code null} when it can be.
     */
    Implausible implausible(double[] values, double other, double invalid, double registered) {
        int largest = 0;
        double candidates = 0;
        for (int i = 0; i < values.length; i++) {
            candidates += values[i];
            largest = values[i] > values[largest] ? i : largest;
        }
        boolean national = source.level() == Source.Level.NATIONAL;
        if (candidates == 0 && (national || source.isExitPoll())) {
            return new Implausible(largestColumn(largest), "every candidate's figure is 0: there are no "
                    + (source.values() == Source.ValueType.PERCENT ? "shares" : "votes") + " to compare");
        }
        double sum = candidates + (Double.isNaN(other) ? 0 : other) + (Double.isNaN(invalid) ? 0 : invalid);
        String why = null;
        if (source.values() == Source.ValueType.PERCENT) {
            // the values published: the candidates' and, where the file has them, other and invalid
            DoubleStream.Builder all = DoubleStream.builder();
            Arrays.stream(values).forEach(all);
            DoubleStream.of(other, invalid).filter(v -> !Double.isNaN(v)).forEach(all);
            why = Plausibility.percentSum(all.build().toArray());
        } else if (national && (electorate != null || !Double.isNaN(registered))) {
            // the electorate as published for the election, else as the row gives it
            why = electorate != null
                    ? Plausibility.votesOverRegistered(sum, electorate, "election.yaml registered_voters")
                    : Plausibility.votesOverRegistered(sum, registered, "column '" + ResultsLayout.REGISTERED + "'");
            why = why == null ? null : why + " The largest figure is in this column";
        }
        return why == null ? null : new Implausible(largestColumn(largest), why);
    }

    private String largestColumn(int candidate) {
        return layout.headerOf(layout.candidates().get(candidateIds[candidate]));
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** Why a row's district or station id is refused: the column and the reason. */
    record UnitProblem(String column, String reason) {
    }

    /**
     * The problems with the unit a row names (empty when there is none): a national row names no unit, a district
     * row its district, a station row its station; a district must be one of districts.csv (when the package has
     * one); ids have a length limit. The one statement of these rules: {@link PlainRowParser} stages a row only when
     * this finds nothing, and hands every other row to this parser for its message.
     */
    static List<UnitProblem> unitProblems(Source.Level level, String district, String station, Set<String> districts) {
        List<UnitProblem> out = new ArrayList<>(0);
        switch (level) {
            case NATIONAL -> {
                if (!district.isEmpty() || !station.isEmpty()) {
                    out.add(new UnitProblem(district.isEmpty() ? ResultsLayout.STATION_ID : ResultsLayout.DISTRICT_ID,
                            "a national-level file has district_id and station_id empty"));
                }
            }
            case DISTRICT -> {
                if (district.isEmpty()) {
                    out.add(new UnitProblem(ResultsLayout.DISTRICT_ID, "a district-level row needs its district_id"));
                }
            }
            case STATION -> {
                if (station.isEmpty()) {
                    out.add(new UnitProblem(ResultsLayout.STATION_ID, "a station-level row needs its station_id"));
                }
            }
            default -> {
            }
        }
        if (!district.isEmpty() && !districts.isEmpty() && !districts.contains(district)) {
            out.add(new UnitProblem(ResultsLayout.DISTRICT_ID, "district '" + Cells.abbreviate(district)
                    + "' is not in districts.csv"));
        }
        idLength(ResultsLayout.DISTRICT_ID, district, out);
        idLength(ResultsLayout.STATION_ID, station, out);
        return out;
    }

    private static void idLength(String column, String id, List<UnitProblem> out) {
        String why = Plausibility.idLength(id, Plausibility.MAX_UNIT_ID_LENGTH);
        if (why != null) {
            out.add(new UnitProblem(column, why + " ('" + Cells.abbreviate(id) + "')"));
        }
    }

    private String text(TableRow raw, String column) {
        Integer i = layout.column(column);
        return i == null ? "" : raw.cell(i).strip();
    }

    private Double count(TableRow raw, String column, List<DataIssue> problems) {
        Integer i = layout.column(column);
        if (i == null) {
            return null;
        }
        Double v = value(raw, i, false, problems);
        if (v != null && v != Math.rint(v)) {
            problems.add(reject(raw, layout.headerOf(i), v + " is not a whole number of ballots"));
            return null;
        }
        return v;
    }

    private Double value(TableRow raw, int index, boolean percent, List<DataIssue> problems) {
        String column = layout.headerOf(index);
        try {
            Double v = Cells.number(raw.cell(index));
            if (v == null) {
                return null;
            }
            if (v < 0) {
                problems.add(reject(raw, column, "negative figure " + Cells.abbreviate(raw.cell(index).strip())));
                return null;
            }
            if (percent && v > 100) {
                problems.add(reject(raw, column, "percent " + Cells.abbreviate(raw.cell(index).strip()) + " is over 100"));
                return null;
            }
            if (!percent && v != Math.rint(v)) {
                problems.add(reject(raw, column, "vote count " + Cells.abbreviate(raw.cell(index).strip())
                        + " is not a whole number (is the source values=percent?)"));
                return null;
            }
            String implausible = percent ? null : Plausibility.count(v, electorate);
            if (implausible != null) {
                problems.add(reject(raw, column, "the count " + implausible));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(reject(raw, column, e.getMessage()));
            return null;
        }
    }

    private DataIssue reject(TableRow raw, String column, String reason) {
        return DataIssue.error(IssueCode.ROW_REJECTED, file, raw.line(), column, "row rejected: " + reason);
    }
}
