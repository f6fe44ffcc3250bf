package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * The cells of the manifest files as the readers of {@code candidates.csv}, {@code districts.csv} and
 * {@code sources.csv} need them: a table's header and rows, ids, whole numbers and numbers, each problem added to
 * the one list of the package's issues (the file, line and column it is about named in it).
 */
final class ManifestCells {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    private final List<DataIssue> issues;

    ManifestCells(List<DataIssue> issues) {
        this.issues = issues;
    }

    /** The manifest's ids: {@code [a-z0-9-]+}, at most {@link Plausibility#MAX_ID_LENGTH} characters. */
    boolean checkId(String id, String file, Integer line, String column) {
        if (!ID.matcher(id).matches()) {
            issues.add(DataIssue.fatal(IssueCode.BAD_ID, file, line, column, "'" + Cells.abbreviate(id)
                    + "' is not a valid id: use lower-case letters, digits and '-'"));
            return false;
        }
        String tooLong = Plausibility.idLength(id, Plausibility.MAX_ID_LENGTH);
        if (tooLong != null) {
            issues.add(DataIssue.fatal(IssueCode.ID_TOO_LONG, file, line, column, "'" + Cells.abbreviate(id) + "': " + tooLong
                    + " (ids name output folders, workbook sheets and the job's steps)"));
            return false;
        }
        return true;
    }

    /** Header name → index, lower-cased; reports missing required columns as fatal. */
    Map<String, Integer> columns(Table t, String file, List<String> required) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < t.header().size(); i++) {
            String h = t.header().get(i).toLowerCase(Locale.ROOT);
            if (cols.putIfAbsent(h, i) != null) {
                issues.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, t.header().get(i), "the column appears twice"));
            }
        }
        for (String r : required) {
            if (!cols.containsKey(r)) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_COLUMN, file, 1, r, "the required column '" + r
                        + "' is missing (header: " + Cells.abbreviate(String.join(",", t.header())) + ")"));
            }
        }
        return cols;
    }

    static String cell(TableRow row, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        return i == null ? "" : row.cell(i).strip();
    }

    List<TableRow> rows(Path root, String file, List<String> required, Map<String, Integer> colsOut) {
        try (Table t = Table.open(root.resolve(file), file)) {
            colsOut.putAll(columns(t, file, required));
            issues.addAll(t.notes());
            return Table.readAll(t);
        } catch (InputException e) {
            issues.addAll(e.problems());
            return List.of();
        } catch (IOException e) {
            issues.add(DataIssue.fatal(IssueCode.UNREADABLE_FILE, file, null, null, e.getMessage()));
            return List.of();
        }
    }

    Long wholeNumber(TableRow r, Map<String, Integer> cols, String file, String col) {
        Double d = number(r, cols, file, col);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, file, r.line(), col, "'" + cell(r, cols, col)
                    + "' is not a whole number; ignored"));
            return null;
        }
        String implausible = Plausibility.count(d, null);
        if (implausible != null) {
            issues.add(DataIssue.error(IssueCode.IMPLAUSIBLE, file, r.line(), col, implausible + "; ignored"));
            return null;
        }
        return d.longValue();
    }

    /**
     * A part cannot exceed the whole election.yaml publishes (a district's voters, a poll's sample or stations):
     * such a value is an ERROR and is not used.
     */
    Long atMost(TableRow r, String file, String col, Long value, Long total, String totalKey) {
        if (value == null || total == null || value <= total) {
            return value;
        }
        issues.add(DataIssue.error(IssueCode.IMPLAUSIBLE, file, r.line(), col, String.format(Locale.ROOT, "%,d is more than"
                + " the whole election's %,d (election.yaml %s); ignored", value, total, totalKey)));
        return null;
    }

    Double number(TableRow r, Map<String, Integer> cols, String file, String col) {
        try {
            Double d = Cells.number(cell(r, cols, col));
            if (d != null && d < 0) {
                issues.add(DataIssue.error(IssueCode.NEGATIVE, file, r.line(), col, "negative value " + d + " ignored"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, file, r.line(), col, e.getMessage() + "; ignored"));
            return null;
        }
    }

    int fatalCount() {
        return (int) issues.stream().filter(i -> i.severity() == DataIssue.Severity.FATAL).count();
    }
}
