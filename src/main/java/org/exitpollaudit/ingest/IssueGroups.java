package org.exitpollaudit.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.exitpollaudit.model.DataIssue;

/**
 * Messages to a person, with repeats folded: where more than {@value #KEEP} issues of one file share a code, they
 * become one line with the count, the first {@value #LINES} line numbers and the first message. (The full list is
 * kept where the report has one: data-issues.csv.)
 */
public final class IssueGroups {

    /** Up to this many issues of one code and file are shown one by one. */
    static final int KEEP = 3;
    /** Line numbers shown in a folded group. */
    static final int LINES = 5;

    private IssueGroups() {
    }

    /** The issues in their order, each group of repeats replaced, where its first member stood, by one issue. */
    public static List<DataIssue> grouped(List<DataIssue> issues) {
        Map<List<Object>, List<DataIssue>> groups = new LinkedHashMap<>();
        for (DataIssue i : issues) {
            groups.computeIfAbsent(java.util.Arrays.asList(i.severity(), i.code(), i.file()), k -> new ArrayList<>()).add(i);
        }
        List<DataIssue> out = new ArrayList<>();
        for (List<DataIssue> g : groups.values()) {
            if (g.size() <= KEEP) {
                out.addAll(g);
                continue;
            }
            DataIssue first = g.get(0);
            List<Integer> lines = g.stream().map(DataIssue::line).filter(Objects::nonNull).distinct().toList();
            StringBuilder where = new StringBuilder();
            if (!lines.isEmpty()) {
                where.append(", lines ");
                lines.stream().limit(LINES).forEach(l -> where.append(l).append(", "));
                where.setLength(where.length() - 2);
                if (lines.size() > LINES) {
                    where.append(" and ").append(String.format(java.util.Locale.ROOT, "%,d", lines.size() - LINES))
                            .append(" more");
                }
            }
            boolean oneColumn = g.stream().map(DataIssue::column).distinct().count() == 1;
            out.add(new DataIssue(first.severity(), first.code(), first.file(), null, oneColumn ? first.column() : null,
                    String.format(java.util.Locale.ROOT, "%,d times", g.size()) + where + "; the first"
                            + (first.line() == null ? "" : " (line " + first.line() + ")") + ": " + first.message()));
        }
        return out;
    }
}
