package org.exitpollaudit.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Where each known column of a results file is: the unit columns, the optional totals and one column per
 * candidate (resolved by id, name or alias). Built once per file from its header.
 *
 * <p>{@code turnout_pct} (percent of registered voters who voted, as published) is an optional extension
 * column of this project; see docs/input-format.md.
 */
public record ResultsLayout(Map<String, Integer> fixed, Map<String, Integer> candidates, Integer other,
                            Integer invalid, List<String> header) {

    public static final String DISTRICT_ID = "district_id";
    public static final String STATION_ID = "station_id";
    public static final String REGISTERED = "registered";
    public static final String BALLOTS_CAST = "ballots_cast";
    public static final String VALID = "valid";
    public static final String TURNOUT_PCT = "turnout_pct";
    public static final List<String> FIXED = List.of(DISTRICT_ID, STATION_ID, REGISTERED, BALLOTS_CAST, VALID, TURNOUT_PCT);

    /**
     * Resolves a header.
     *
     * @param problems receives a fatal issue per unusable header cell (unknown, duplicated or empty)
     */
    public static ResultsLayout resolve(List<String> header, CandidateResolver resolver, String file,
                                        List<DataIssue> problems) {
        Map<String, Integer> fixed = new LinkedHashMap<>();
        Map<String, Integer> candidates = new LinkedHashMap<>();
        Integer other = null;
        Integer invalid = null;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            String lower = h.toLowerCase(Locale.ROOT);
            if (h.isEmpty()) {
                problems.add(DataIssue.fatal(IssueCode.EMPTY_HEADER, file, 1, "#" + (i + 1), "column " + (i + 1)
                        + " has no header"));
                continue;
            }
            if (FIXED.contains(lower)) {
                if (fixed.putIfAbsent(lower, i) != null) {
                    problems.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, h, "the column appears twice"));
                }
                continue;
            }
            Optional<String> id = resolver.resolve(h);
            if (id.isEmpty()) {
                problems.add(DataIssue.fatal(IssueCode.UNKNOWN_CANDIDATE, file, 1, h, "the header '" + Cells.abbreviate(h)
                        + "' matches no candidate id, name or alias in candidates.csv"
                        + (header.size() == 1 && (h.contains(";") || h.contains("\t"))
                                ? " (the file looks semicolon- or tab-separated; results files must be comma-separated,"
                                + " as Excel's 'CSV UTF-8 (comma delimited)' writes them)" : "")
                        + ". Known: " + resolver.knownCandidates()));
            } else if (id.get().equals(Candidate.OTHER)) {
                if (other != null) {
                    problems.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, h, "'other' appears twice"));
                }
                other = i;
            } else if (id.get().equals(Candidate.INVALID)) {
                if (invalid != null) {
                    problems.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, h, "'invalid' appears twice"));
                }
                invalid = i;
            } else if (candidates.containsKey(id.get())) {
                problems.add(DataIssue.fatal(IssueCode.DUPLICATE_CANDIDATE, file, 1, h, "'" + Cells.abbreviate(h)
                        + "' names candidate '" + id.get() + "', already given by column '"
                        + header.get(candidates.get(id.get())) + "'"));
            } else {
                candidates.put(id.get(), i);
            }
        }
        if (candidates.isEmpty() && problems.stream().noneMatch(p -> file.equals(p.file()))) {
            problems.add(DataIssue.fatal(IssueCode.NO_CANDIDATE_COLUMNS, file, 1, null,
                    "no candidate columns: a results file needs one column per candidate"));
        }
        return new ResultsLayout(fixed, candidates, other, invalid, List.copyOf(header));
    }

    public Integer column(String fixedName) {
        return fixed.get(fixedName);
    }

    public String headerOf(int index) {
        return header.get(index);
    }

    /** Candidate ids in column order. */
    public List<String> candidateIds() {
        return new ArrayList<>(candidates.keySet());
    }
}
