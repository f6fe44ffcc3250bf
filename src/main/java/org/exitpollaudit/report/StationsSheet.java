package org.exitpollaudit.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Stations: every flagged polling station with its reasons, streamed (SXSSF) so that any number fits in bounded
 * memory; beyond Excel's 1,048,576 rows it spills to "Stations 2", "Stations 3", … The full list is also written
 * beside the workbook as {@code stations-flagged.csv}.
 */
final class StationsSheet {

    static final String NAME = "Stations";
    /** Data rows per sheet: Excel's limit less the header. */
    static final int ROWS_PER_SHEET = 1_048_575;

    /** Rows of the list that are printed (the print area); the sheet itself holds them all. */
    static final int PRINTED_ROWS = 40;

    private StationsSheet() {
    }

    static void write(SXSSFWorkbook wb, Styles styles, FlagStream flags, int rowsPerSheet) {
        long count = flags.count();
        if (count == 0) {
            return;
        }
        CellStyle text = styles.text;
        CellStyle quoted = styles.quoted(styles.text);
        CellStyle integer = styles.number(Styles.INTEGER);
        CellStyle pct = styles.number(Styles.PERCENT_OF_100);
        Sheet[] sheet = new Sheet[1];
        long[] i = {0};
        flags.forEach(f -> {
            int row = (int) (i[0] % rowsPerSheet);
            if (row == 0) {
                int s = (int) (i[0] / rowsPerSheet);
                sheet[0] = sheet(wb, styles, s == 0 ? NAME : NAME + " " + (s + 1),
                        (int) Math.min(rowsPerSheet, count - (long) s * rowsPerSheet));
            }
            i[0]++;
            Row r = sheet[0].createRow(row + 1);
            text(r, 0, f.source(), text, quoted);
            text(r, 1, f.file(), text, quoted);
            number(r, 2, (double) f.line(), integer);
            text(r, 3, f.district(), text, quoted);
            text(r, 4, f.station(), text, quoted);
            number(r, 5, f.registered(), integer);
            number(r, 6, f.turnoutPct(), pct);
            number(r, 7, f.leaderSharePct(), pct);
            text(r, 8, f.reasons(), text, quoted);
        });
        if (i[0] != count) {
            throw new IllegalStateException("the flagged stations were counted " + count + " but are " + i[0]);
        }
    }

    private static final String[] HEAD = {"Source", "File", "Line", "District", "Station", "Registered", "Turnout",
        "Leader share", "Why flagged"};

    /** A sheet of {@code rows} flagged stations: its header, frozen and filtered, printed in part; no rows yet. */
    private static Sheet sheet(SXSSFWorkbook wb, Styles styles, String name, int rows) {
        Sheet sheet = wb.createSheet(name);
        SheetWriter print = new SheetWriter(sheet, styles);
        Row h = sheet.createRow(0);
        for (int i = 0; i < HEAD.length; i++) {
            Cell c = h.createCell(i);
            c.setCellValue(HEAD[i]);
            c.setCellStyle(styles.header);
        }
        sheet.createFreezePane(0, 1);
        print.repeatOnEveryPage(0);
        // a list of thousands of stations is for filtering on screen, not for paper: print its first rows only
        int printed = Math.min(rows, PRINTED_ROWS);
        wb.setPrintArea(wb.getSheetIndex(sheet), 0, HEAD.length - 1, 0, Math.max(1, printed));
        sheet.getHeader().setCenter(String.format(java.util.Locale.ROOT, "Printed: the first %,d of %,d flagged"
                + " stations; all of them are on this sheet and in stations-flagged.csv", printed, rows));
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, rows), 0, HEAD.length - 1));
        int[] widths = {14, 26, 8, 10, 16, 11, 10, 12, 90};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        return sheet;
    }

    private static void text(Row r, int col, String value, CellStyle style, CellStyle quoted) {
        Cell c = r.createCell(col);
        String v = SheetWriter.cellText(value);
        c.setCellValue(v);
        c.setCellStyle(SheetWriter.looksLikeFormula(v) ? quoted : style);
    }

    private static void number(Row r, int col, Double value, CellStyle style) {
        Cell c = r.createCell(col);
        if (value != null) {
            c.setCellValue(value);
        }
        c.setCellStyle(style);
    }
}
