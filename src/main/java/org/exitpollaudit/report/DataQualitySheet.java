package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Data quality: the issues found in the input grouped by severity, code and file with a count (so one error is not
 * buried under two thousand identical rejected rows), then the individual issues, up to {@link #PER_GROUP} of each
 * group. Streamed (SXSSF); {@code data-issues.csv} beside the workbook has every issue.
 */
final class DataQualitySheet {

    static final String NAME = "Data quality";
    /** Individual issues shown per code and file; the rest are counted, and all are in data-issues.csv. */
    static final int PER_GROUP = 20;

    private DataQualitySheet() {
    }

    /** Sheet rows, Excel's limit. */
    static final int MAX_ROWS = 1_048_576;

    static void write(SXSSFWorkbook wb, Styles styles, ReportData data) {
        write(wb, styles, data, MAX_ROWS);
    }

    /** One group: issues of one severity, code and file, in input order. */
    private record Group(DataIssue.Severity severity, String code, String file, List<DataIssue> issues) {
    }

    static void write(SXSSFWorkbook wb, Styles styles, ReportData data, int maxRows) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        Map<DataIssue.Severity, Integer> counts = new EnumMap<>(DataIssue.Severity.class);
        data.issues().forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
        long rejected = data.issues().stream().filter(i -> i.is(IssueCode.ROW_REJECTED))
                .map(i -> i.file() + "#" + i.line()).distinct().count();
        w.title("Data quality: every issue found in the input, and every rejected row");
        w.line(String.format(Locale.ROOT, "%,d errors, %,d warnings, %,d notes; %,d rows rejected, %,d rows loaded.",
                counts.getOrDefault(DataIssue.Severity.ERROR, 0) + counts.getOrDefault(DataIssue.Severity.FATAL, 0),
                counts.getOrDefault(DataIssue.Severity.WARNING, 0), counts.getOrDefault(DataIssue.Severity.INFO, 0),
                rejected, data.rowsLoaded().values().stream().mapToInt(Integer::intValue).sum()));
        w.line("ERROR: a row or source could not be used, or published figures contradict each other."
                + " WARNING: used, but read the note. INFO: how the input was interpreted.");

        Map<String, Group> groups = new LinkedHashMap<>();
        for (DataIssue i : data.issues()) {
            groups.computeIfAbsent(i.severity() + "|" + i.code() + "|" + i.file(),
                    k -> new Group(i.severity(), i.code(), i.file(), new ArrayList<>())).issues().add(i);
        }
        List<Group> ordered = groups.values().stream()
                .sorted(Comparator.comparing(Group::severity).thenComparing(g -> g.issues().size())).toList();
        w.skip();
        w.text(w.row(), 0, "Issues by code and file", styles.subtitle);
        w.header("Severity", "Code", "File", "Count", "First at", "Message (the first of its group)");
        for (Group g : ordered) {
            DataIssue first = g.issues().get(0);
            Row r = w.row();
            issueCells(w, r, first, style(styles, g.severity()));
            w.number(r, 3, (double) g.issues().size(), Styles.INTEGER);
            w.text(r, 4, where(first));
        }

        w.skip();
        w.text(w.row(), 0, String.format(Locale.ROOT, "Every issue (up to %d of each code and file; all of them are in"
                + " data-issues.csv beside this workbook)", PER_GROUP), styles.subtitle);
        int header = w.header("Severity", "Code", "File", "Line", "Column", "Message");
        // each group's first issues, then a line counting the rest of the group
        List<Object> entries = new ArrayList<>();
        for (Group g : ordered) {
            int take = Math.min(g.issues().size(), PER_GROUP);
            entries.addAll(g.issues().subList(0, take));
            if (g.issues().size() > take) {
                entries.add(String.format(Locale.ROOT, "… and %,d more %s in %s: see data-issues.csv",
                        g.issues().size() - take, g.code(), g.file()));
            }
        }
        // the rows below the header, less one for the note on what did not fit
        int room = maxRows - w.nextRow() - 1;
        boolean fits = entries.size() <= room + 1;
        int shown = 0;
        for (Object e : fits ? entries : entries.subList(0, room)) {
            Row r = w.row();
            if (e instanceof DataIssue i) {
                issueCells(w, r, i, style(styles, i.severity()));
                w.number(r, 3, i.line() == null ? null : i.line().doubleValue(), "0");
                w.text(r, 4, i.column());
                shown++;
            } else {
                w.text(r, 5, (String) e);
            }
        }
        if (!fits) {
            w.text(w.row(), 0, String.format(Locale.ROOT, "… and %,d more issues, past the sheet's row limit: every"
                    + " one is in data-issues.csv beside this workbook.", data.issues().size() - shown), styles.warn);
        }
        w.sheet.setAutoFilter(new CellRangeAddress(header, Math.max(header + 1, w.nextRow() - 1), 0, 5));
        w.repeatOnEveryPage(header);
        w.widths(10, 24, 30, 8, 12, 130);
    }

    private static void issueCells(SheetWriter w, Row r, DataIssue i, CellStyle style) {
        w.text(r, 0, i.severity().name(), style);
        w.text(r, 1, i.code());
        w.text(r, 2, i.file());
        w.text(r, 5, i.message(), w.styles.wrap);
        r.setHeightInPoints((float) Math.max(1, Math.ceil(i.message().length() / 150.0)) * 13f + 3);
    }

    /** The first issue's line (its column, often a long header from the input, is in the list below). */
    private static String where(DataIssue i) {
        return i.line() == null ? "" : "line " + i.line();
    }

    private static CellStyle style(Styles styles, DataIssue.Severity severity) {
        return switch (severity) {
            case FATAL, ERROR -> styles.bad;
            case WARNING -> styles.warn;
            case INFO -> styles.text;
        };
    }
}
