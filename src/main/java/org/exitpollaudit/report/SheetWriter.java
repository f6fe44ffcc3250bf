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
    static final Map<String, String> HEADER_NOTES = Map.ofEntries(
            Map.entry("n", "Sample size: respondents the poll interviewed (published, or ASSUMED where it was not)."),
            Map.entry("n published?", "no = the organization did not publish its sample size; n was assumed (Methods)."),
            Map.entry("Design effect", "deff: how much clustering by polling station inflates the variance over a simple random sample."),
            Map.entry("deff critical", "The design effect above which the χ² test would stop rejecting: X² / χ²₀.₉₅(k − 1)."),
            Map.entry("n critical", "The sample size above which the χ² test would reject at 5 % (X² grows in proportion to n)."),
            Map.entry("χ² (Rao–Scott)", "Pearson X² of the poll against the count, divided by the design effect; df = candidates − 1."),
            Map.entry("χ² p", "p-value of the design-corrected χ² test: the verdict's one test."),
            Map.entry("df", "Degrees of freedom of the χ² test: candidates compared − 1."),
            Map.entry("p", "p-value; '< 0.001' where smaller (exact values in figures.csv)."),
            Map.entry("p (Holm)", "p-value adjusted by Holm's step-down method over the candidates of one comparison."),
            Map.entry("SE", "Standard error of the poll's share, with the design effect: √(deff · p (1 − p) / n)."),
            Map.entry("z", "Deviation divided by its standard error under the hypothesis that the poll matches the count."),
            Map.entry("A' (log odds ratio)", "Arzheimer & Evans' A': ln of the poll's odds for the candidate over the official odds; 0 = no bias."),
            Map.entry("SE(A')", "Standard error of A'."),
            Map.entry("B", "Arzheimer & Evans' B: mean |A'| over the candidates (0 = no bias)."),
            Map.entry("B_w", "Arzheimer & Evans' B_w: |A'| weighted by the official shares."),
            Map.entry("MTK A", "Martin, Traugott & Kennedy's A: ln[(p_a/p_b)/(v_a/v_b)] for winner a and runner-up b; 0 = no bias."),
            Map.entry("M3 (pp)", "Mosteller's measure 3: mean absolute deviation over the candidates, percentage points."),
            Map.entry("M5 (pp)", "Mosteller's measure 5: absolute error on the winner–runner-up margin, percentage points."),
            Map.entry("Mean abs. gap M3 (pp)", "Mosteller's measure 3: mean absolute deviation over the candidates, percentage points."),
            Map.entry("Margin error (pp)", "Signed error on the winner–runner-up margin: (poll margin) − (official margin), percentage points."),
            Map.entry("Margin error, 95 % interval", "Margin error ± 1.96 standard errors (design effect included)."),
            Map.entry("Largest gap (pp)", "The candidate whose poll share is farthest from the count: poll − official, percentage points."),
            Map.entry("Largest gap, 95 % interval", "That deviation ± 1.96 standard errors (design effect included)."),
            Map.entry("Within sampling error?", "yes: the design-corrected χ² test does not reject at 5 % for any reading of what was published;"
                    + " no: it rejects for every reading; depends: the answer turns on an unpublished residual or on rounding."),
            Map.entry("Coincides within ±δ?", "yes if the 90 % intervals of the margin error and of every deviation lie inside ±δ"
                    + " (two one-sided tests): the poll and the count 'almost coincide'."),
            Map.entry("Counted %", "Share of stations counted when the release was published."),
            Map.entry("Winner agrees", "yes if the poll's leader is the official winner."),
            Map.entry("Deviation, 95 % interval", "Poll minus official share ± 1.96 standard errors (design effect included), pp."),
            Map.entry("Admissible range (pp)", "Lowest and highest deviation over every reading of what the poll published:"
                    + " each share anywhere within its rounding, any unpublished residual given to any candidate."),
            Map.entry("Significant", "yes if the candidate's deviation is significant at 5 % after Holm's correction"
                    + " (explains which candidates drive the χ² verdict; it does not decide it)."),
            Map.entry("Pooled z", "Stouffer's z: the polls' z for the candidate summed and divided by √(number of polls)."),
            Map.entry("Pooled p", "Two-sided p-value of the pooled z."),
            Map.entry("MDE (pp)", "Minimum detectable deviation: the smallest gap the test would find 80 % of the time at this n and design effect."));

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

    Cell text(Row r, int col, String value, CellStyle style) {
        Cell c = r.createCell(col);
        String v = value == null ? "" : value;
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
