package org.exitpollaudit.report;

import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.PrintSetup;
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

    /**
     * What each abbreviated column header means, shown as a cell note (comment) wherever that header is written,
     * on every sheet, so an abbreviation is explained where it is read.
     */
    static final Map<String, String> HEADER_NOTES = headerNotes();

    /** header-notes.tsv beside this class: a header, a tab, its note; # starts a comment line. */
    private static Map<String, String> headerNotes() {
        try (var in = SheetWriter.class.getResourceAsStream("header-notes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("header-notes.tsv missing from the build");
            }
            Map<String, String> notes = new java.util.HashMap<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    notes.put(line.substring(0, tab), line.substring(tab + 1).strip());
                }
            }
            return Map.copyOf(notes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Header rows below this are not frozen. */
    static final int FREEZE_WITHIN = 12;

    final Sheet sheet;
    final Styles styles;
    private int next;
    private Drawing<?> drawing;

    /** A sheet held in memory (XSSF) or streamed to disk as it is written (SXSSF, for lists of any length). */
    SheetWriter(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
        // printed or exported, a sheet is one page wide, as many pages tall as it needs, numbered
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setMargin(Sheet.LeftMargin, 0.4);
        sheet.setMargin(Sheet.RightMargin, 0.4);
        sheet.setMargin(Sheet.TopMargin, 0.5);
        sheet.setMargin(Sheet.BottomMargin, 0.5);
        sheet.getHeader().setLeft(sheet.getSheetName());
        sheet.getFooter().setRight("page &P of &N");
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
        paragraph(text, lastColumn, charsPerLine, style, 13f);
    }

    /** The same, with the height of one line of the style's font in points. */
    void paragraph(String text, int lastColumn, int charsPerLine, CellStyle style, float lineHeight) {
        Row r = row();
        text(r, 0, text, style);
        if (lastColumn > 0) {
            sheet.addMergedRegion(new CellRangeAddress(r.getRowNum(), r.getRowNum(), 0, lastColumn));
        }
        int lines = Math.max(1, (int) Math.ceil(text.length() / (double) charsPerLine));
        r.setHeightInPoints(lines * lineHeight + 4);
    }

    /** A header row; returns its index. Abbreviated headers carry their note (see {@link #HEADER_NOTES}). */
    int header(String... names) {
        Row r = row();
        r.setHeightInPoints(30);
        for (int i = 0; i < names.length; i++) {
            Cell c = text(r, i, names[i], styles.header);
            String note = HEADER_NOTES.get(names[i]);
            if (note != null) {
                note(c, note);
            }
        }
        return r.getRowNum();
    }

    /** A note (comment) on a cell, shown when the pointer rests on it. */
    void note(Cell cell, String note) {
        if (drawing == null) {
            drawing = sheet.createDrawingPatriarch();
        }
        CreationHelper helper = sheet.getWorkbook().getCreationHelper();
        ClientAnchor anchor = helper.createClientAnchor();
        anchor.setCol1(cell.getColumnIndex());
        anchor.setCol2(cell.getColumnIndex() + 4);
        anchor.setRow1(cell.getRowIndex());
        anchor.setRow2(cell.getRowIndex() + 4);
        Comment comment = drawing.createCellComment(anchor);
        comment.setString(helper.createRichTextString(note));
        comment.setAuthor("exit-poll-audit");
        cell.setCellComment(comment);
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

    /** A 1/0 figure as "yes" / "no" (empty when absent), centred. */
    Cell yesNo(Row r, int col, Double flag, CellStyle style) {
        return text(r, col, flag == null ? "" : FigureIndex.isTrue(flag) ? "yes" : "no", styles.centred(style));
    }

    Cell yesNo(Row r, int col, Double flag) {
        return yesNo(r, col, flag, styles.text);
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

    /**
     * Freeze everything above {@code headerRow + 1}, put a filter on the table below the header, and repeat the
     * header row on every printed page.
     */
    void table(int headerRow, int lastColumn) {
        // frozen only near the top: a pane frozen below the first screenful leaves no room to scroll
        if (headerRow <= FREEZE_WITHIN) {
            sheet.createFreezePane(0, headerRow + 1);
        }
        int last = Math.max(headerRow + 1, next - 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, last, 0, lastColumn));
        repeatOnEveryPage(headerRow);
    }

    /** Print the given row at the top of every page (the header of a long table). */
    void repeatOnEveryPage(int headerRow) {
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
    }

    /** Column widths in characters. */
    void widths(int... chars) {
        for (int i = 0; i < chars.length; i++) {
            sheet.setColumnWidth(i, Math.min(255, chars[i]) * 256);
        }
    }
}
