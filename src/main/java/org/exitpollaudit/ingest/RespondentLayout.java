package org.exitpollaudit.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Header of a respondent-level exit-poll file: {@code respondent_id,district_id,station_id,candidate,weight}, one
 * interview per row. {@code candidate} is required; the others are optional ({@code weight} defaults to 1).
 */
public record RespondentLayout(Map<String, Integer> columns) {

    public static final String RESPONDENT_ID = "respondent_id";
    public static final String CANDIDATE = "candidate";
    public static final String WEIGHT = "weight";
    static final List<String> KNOWN = List.of(RESPONDENT_ID, ResultsLayout.DISTRICT_ID, ResultsLayout.STATION_ID,
            CANDIDATE, WEIGHT);

    public static RespondentLayout resolve(List<String> header, String file, List<DataIssue> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(h)) {
                problems.add(DataIssue.fatal(IssueCode.UNKNOWN_COLUMN, file, 1, header.get(i), "a respondent file has the columns "
                        + String.join(", ", KNOWN) + "; '" + Cells.abbreviate(header.get(i)) + "' is none of them"));
            } else if (columns.putIfAbsent(h, i) != null) {
                problems.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, header.get(i), "the column appears twice"));
            }
        }
        if (!columns.containsKey(CANDIDATE)) {
            problems.add(DataIssue.fatal(IssueCode.MISSING_COLUMN, file, 1, CANDIDATE, "a respondent file needs the column '"
                    + CANDIDATE + "' (the answer of each respondent)"));
        }
        return new RespondentLayout(columns);
    }

    public Integer column(String name) {
        return columns.get(name);
    }
}
