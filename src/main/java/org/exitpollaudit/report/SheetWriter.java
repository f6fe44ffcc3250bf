package org.exitpollaudit.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Writes rows top to bottom on one sheet. Text is always written as a string cell, so text from input files
 * is data and never a formula; text that a spreadsheet would take for a formula if retyped (=, +, -, @, tab,
 * CR) is also marked quote-prefixed.
 */
final class SheetWriter {

    final Sheet sheet;
    final Styles styles;
    private int next;

    /** A sheet held in memory (XSSF) or streamed to disk as it is written (SXSSF, for lists of any length). */
    SheetWriter(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
        // printed or exported, a sheet is one page wide, as many pages tall as it needs
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
    }

    /** The sheet as held in memory, for charts (a streamed sheet has none). */
    XSSFSheet xssf() {
        if (sheet instanceof XSSFSheet x) {
            return x;
        }
        throw new IllegalStateException("charts need a sheet held in memory, not a streamed one: " + sheet.getSheetName());
    }

    Row row() {
        return sheet.createRow(next++);
    }

    int nextRow() {
        return next;
    }

    void skip() {
        next++;
    }

    void title(String text) {
        text(row(), 0, text, styles.title);
    }

    void line(String text) {
        text(row(), 0, text, styles.text);
    }

    /**
     * A paragraph of wrapped text across columns 0..lastColumn (merged), its row tall enough for the text
     * at roughly {@code charsPerLine} characters a line.
     */
    void paragraph(String text, int lastColumn, int charsPerLine, CellStyle style) {
        Row r = row();
        text(r, 0, text, style);
        if (lastColumn > 0) {
            sheet.addMergedRegion(new CellRangeAddress(r.getRowNum(), r.getRowNum(), 0, lastColumn));
        }
        int lines = Math.max(1, (int) Math.ceil(text.length() / (double) charsPerLine));
        r.setHeightInPoints(lines * 13f + 3);
    }

    /** A header row; returns its index. */
    int header(String... names) {
        Row r = row();
        r.setHeightInPoints(30);
        for (int i = 0; i < names.length; i++) {
            text(r, i, names[i], styles.header);
        }
        return r.getRowNum();
    }

    static boolean looksLikeFormula(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }

    /** The most characters a spreadsheet cell holds (Excel's specification and limits; POI refuses more). */
    static final int MAX_CELL_TEXT = 32_767;

    /**
     * The text as a cell can hold it: longer text is cut, never in the middle of a character, and ends with a note
     * saying that it was cut and how long it was.
     */
    static String cellText(String value) {
        String v = value == null ? "" : value;
        if (v.length() <= MAX_CELL_TEXT) {
            return v;
        }
        String note = String.format(java.util.Locale.ROOT, " … [cut here: the text has %,d characters, more than a"
                + " spreadsheet cell holds (%,d)]", v.codePointCount(0, v.length()), MAX_CELL_TEXT);
        int end = MAX_CELL_TEXT - note.length();
        if (Character.isHighSurrogate(v.charAt(end - 1))) {
            end--;
        }
        return v.substring(0, end) + note;
    }

    Cell text(Row r, int col, String value, CellStyle style) {
        Cell c = r.createCell(col);
        String v = cellText(value);
        c.setCellValue(v);
        c.setCellStyle(looksLikeFormula(v) ? styles.quoted(style) : style);
        return c;
    }

    Cell text(Row r, int col, String value) {
        return text(r, col, value, styles.text);
    }

    /** A number in the given format; an absent (null) figure leaves the cell empty. */
    Cell number(Row r, int col, Double value, String format) {
        Cell c = r.createCell(col);
        if (value != null) {
            c.setCellValue(value);
        }
        c.setCellStyle(styles.number(format));
        return c;
    }

    Cell number(Row r, int col, Double value, String format, CellStyle fill) {
        Cell c = number(r, col, value, format);
        c.setCellStyle(styles.number(format, fill));
        return c;
    }

    /** Freeze everything above {@code headerRow + 1} and put a filter on the table below the header. */
    void table(int headerRow, int lastColumn) {
        sheet.createFreezePane(0, headerRow + 1);
        int last = Math.max(headerRow + 1, next - 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, last, 0, lastColumn));
    }

    /** Column widths in characters. */
    void widths(int... chars) {
        for (int i = 0; i < chars.length; i++) {
            sheet.setColumnWidth(i, Math.min(255, chars[i]) * 256);
        }
    }
}
