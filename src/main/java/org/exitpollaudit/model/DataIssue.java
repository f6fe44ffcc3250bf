package org.exitpollaudit.model;

import java.util.Comparator;

/**
 * One entry of the data-issue log: a rejected row, a failed consistency check or a note about how the
 * input was interpreted. Every row read is either loaded or listed here with a reason.
 *
 * @param code   an {@link IssueCode}'s name (kept as text: it is what staging and data-issues.csv hold, and a report
 *               read back may carry a code of another version)
 * @param file   path relative to the package ({@code null} for package-wide issues)
 * @param line   1-based line (CSV) or row (XLSX) number; {@code null} for file-wide issues
 * @param column the header of the column concerned; {@code null} for whole-row issues
 */
public record DataIssue(Severity severity, String code, String file, Integer line, String column, String message) {

    public enum Severity {
        /** Stops the job: the comparison would be meaningless. */
        FATAL,
        /** A row or a source could not be used, or figures contradict each other. */
        ERROR,
        /** Used, but an analyst should know (residuals, assumptions, partial data). */
        WARNING,
        /** How the input was interpreted. */
        INFO
    }

    /** Deterministic order for reports: by file, line, column, code, message. */
    public static final Comparator<DataIssue> ORDER = Comparator
            .comparing((DataIssue i) -> i.file() == null ? "" : i.file())
            .thenComparing(i -> i.line() == null ? 0 : i.line())
            .thenComparing(i -> i.column() == null ? "" : i.column())
            .thenComparing(DataIssue::code)
            .thenComparing(DataIssue::message);

    public static DataIssue fatal(IssueCode code, String file, Integer line, String column, String message) {
        return new DataIssue(Severity.FATAL, code.name(), file, line, column, message);
    }

    public static DataIssue error(IssueCode code, String file, Integer line, String column, String message) {
        return new DataIssue(Severity.ERROR, code.name(), file, line, column, message);
    }

    public static DataIssue warning(IssueCode code, String file, Integer line, String column, String message) {
        return new DataIssue(Severity.WARNING, code.name(), file, line, column, message);
    }

    public static DataIssue info(IssueCode code, String file, Integer line, String column, String message) {
        return new DataIssue(Severity.INFO, code.name(), file, line, column, message);
    }

    /** Whether this issue has that code. */
    public boolean is(IssueCode c) {
        return code.equals(c.name());
    }

    /** The most characters of a column's header that {@link #describe} shows. */
    static final int MAX_COLUMN_SHOWN = 60;

    /** "file, line 3, column 'valid': message" — the form every message to a person takes. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
        }
        if (line != null) {
            b.append(b.length() > 0 ? ", " : "").append("line ").append(line);
        }
        if (column != null) {
            // a header can be thousands of characters long: the message names it, data-issues.csv has it whole
            String shown = column.length() <= MAX_COLUMN_SHOWN ? column
                    : column.substring(0, MAX_COLUMN_SHOWN - 3) + "...";
            b.append(b.length() > 0 ? ", " : "").append("column '").append(shown).append('\'');
        }
        return (b.length() > 0 ? b + ": " : "") + message;
    }
}
