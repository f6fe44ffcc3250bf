package org.exitpollaudit.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.exitpollaudit.model.DataIssue;

/**
 * Data quality: every issue and every rejected row, with file, line, column and reason. Streamed (SXSSF), since a
 * bad file can have an issue per row; past Excel's row limit the sheet says how many more there are, and
 * {@code data-issues.csv} beside the workbook has them all.
 */
final class DataQualitySheet {

    static final String NAME = "Data quality";

    private DataQualitySheet() {
    }

    /** Sheet rows, Excel's limit. */
    static final int MAX_ROWS = 1_048_576;

    static void write(SXSSFWorkbook wb, Styles styles, ReportData data) {
        write(wb, styles, data, MAX_ROWS);
    }

    static void write(SXSSFWorkbook wb, Styles styles, ReportData data, int maxRows) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        Map<DataIssue.Severity, Integer> counts = new EnumMap<>(DataIssue.Severity.class);
        data.issues().forEach(i -> counts.merge(i.severity(), 1, Integer::sum));
        long rejected = data.issues().stream().filter(i -> "ROW_REJECTED".equals(i.code()))
                .map(i -> i.file() + "#" + i.line()).distinct().count();
        w.title("Data quality: every issue found in the input, and every rejected row");
        w.line(String.format(Locale.ROOT, "%d errors, %d warnings, %d notes; %d rows rejected, %d rows loaded.",
                counts.getOrDefault(DataIssue.Severity.ERROR, 0), counts.getOrDefault(DataIssue.Severity.WARNING, 0),
                counts.getOrDefault(DataIssue.Severity.INFO, 0), rejected,
                data.rowsLoaded().values().stream().mapToInt(Integer::intValue).sum()));
        w.line("ERROR: a row or source could not be used, or published figures contradict each other."
                + " WARNING: used, but read the note. INFO: how the input was interpreted.");
        w.skip();
        int header = w.header("Severity", "Code", "File", "Line", "Column", "Message");
        List<DataIssue> issues = data.issues();
        // the rows below the header, less one for the note on what did not fit
        int room = maxRows - w.nextRow() - 1;
        for (DataIssue i : issues.size() <= room + 1 ? issues : issues.subList(0, room)) {
            Row r = w.row();
            var style = switch (i.severity()) {
                case FATAL, ERROR -> styles.bad;
                case WARNING -> styles.warn;
                case INFO -> styles.text;
            };
            w.text(r, 0, i.severity().name(), style);
            w.text(r, 1, i.code());
            w.text(r, 2, i.file());
            w.number(r, 3, i.line() == null ? null : i.line().doubleValue(), "0");
            w.text(r, 4, i.column());
            w.text(r, 5, i.message(), styles.wrap);
            r.setHeightInPoints((float) Math.max(1, Math.ceil(i.message().length() / 115.0)) * 13f + 3);
        }
        if (issues.size() > room + 1) {
            w.text(w.row(), 0, String.format(Locale.ROOT, "… and %,d more issues, past the sheet's row limit: every one"
                    + " is in data-issues.csv beside this workbook.", issues.size() - room), styles.warn);
        }
        w.table(header, 5);
        w.widths(10, 24, 30, 7, 24, 120);
    }
}
