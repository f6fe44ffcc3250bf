package org.exitpollaudit.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's shared cell styles and number formats: created once per workbook, used by every sheet. Every
 * style is vertically centred, so the cells of a tall row (a wrapped name, a verdict in words) stay on one line
 * with each other whatever style each cell has.
 */
final class Styles {

    /** Fraction shown as percent with two decimals. */
    static final String PERCENT = "0.00%";
    /** Signed percentage points. */
    static final String PP = "+0.00\" pp\";-0.00\" pp\";0.00\" pp\"";
    /**
     * A p-value as an analyst reads it: "< 0.001" below 0.001 (the exact value is in figures.csv), four decimals
     * below 0.1 (so 0.0497 is not rounded to the 0.05 it is compared with), three above. Never scientific: an
     * analyst skimming "4.09E-13" or "0.00E+00" reads a number, not "far below any threshold".
     */
    static final String P_VALUE = "[<0.001]\"< 0.001\";[<0.1]0.0000;0.000";
    static final String DECIMAL = "0.0000";
    static final String INTEGER = "#,##0";
    static final String SIGNED_DECIMAL = "+0.0000;-0.0000;0.0000";
    /** A number that is already in percent (0–100), with a % sign. */
    static final String PERCENT_OF_100 = "0.00\" %\"";

    final XSSFCellStyle title;
    /** The answer in one sentence, in large type (Summary). */
    final XSSFCellStyle headline;
    final XSSFCellStyle subtitle;
    final XSSFCellStyle header;
    final XSSFCellStyle text;
    final XSSFCellStyle wrap;
    final XSSFCellStyle bold;
    final XSSFCellStyle good;
    final XSSFCellStyle bad;
    final XSSFCellStyle warn;
    /** A one-line highlighted note (no wrapping, so it does not need a taller row). */
    final XSSFCellStyle warnLine;
    private final XSSFWorkbook wb;
    private final java.util.Map<String, XSSFCellStyle> numbers = new java.util.HashMap<>();

    Styles(XSSFWorkbook wb) {
        this.wb = wb;
        XSSFFont titleFont = wb.createFont();
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 14);
        title = plain();
        title.setFont(titleFont);
        XSSFFont headlineFont = wb.createFont();
        headlineFont.setBold(true);
        headlineFont.setFontHeightInPoints((short) 16);
        headline = plain();
        headline.setFont(headlineFont);
        headline.setWrapText(true);
        XSSFFont boldFont = wb.createFont();
        boldFont.setBold(true);
        subtitle = plain();
        subtitle.setFont(boldFont);
        bold = plain();
        bold.setFont(boldFont);
        header = plain();
        header.setFont(boldFont);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        text = plain();
        wrap = plain();
        wrap.setWrapText(true);
        good = fill(IndexedColors.LIGHT_GREEN);
        bad = fill(IndexedColors.ROSE);
        warn = fill(IndexedColors.LIGHT_YELLOW);
        warnLine = fill(IndexedColors.LIGHT_YELLOW);
        warnLine.setWrapText(false);
    }

    private XSSFCellStyle plain() {
        XSSFCellStyle s = wb.createCellStyle();
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        return s;
    }

    private XSSFCellStyle fill(IndexedColors color) {
        XSSFCellStyle s = plain();
        s.setFillForegroundColor(color.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setWrapText(true);
        return s;
    }

    /** A numeric style with the given format (cached). */
    XSSFCellStyle number(String format) {
        return numbers.computeIfAbsent(format, f -> {
            XSSFCellStyle s = plain();
            s.setDataFormat(wb.createDataFormat().getFormat(f));
            s.setAlignment(HorizontalAlignment.RIGHT);
            return s;
        });
    }

    /** The same style marked quote-prefixed (text that must stay text even when edited), cached. */
    XSSFCellStyle quoted(CellStyle base) {
        return numbers.computeIfAbsent("quoted|" + base.getIndex(), k -> {
            XSSFCellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(base);
            s.setQuotePrefixed(true);
            return s;
        });
    }

    /** The same style centred horizontally (short answers such as yes / no in a column of their own), cached. */
    XSSFCellStyle centred(CellStyle base) {
        return numbers.computeIfAbsent("centred|" + base.getIndex(), k -> {
            XSSFCellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(base);
            s.setAlignment(HorizontalAlignment.CENTER);
            return s;
        });
    }

    /** A numeric style with a fill, for highlighted grids. */
    XSSFCellStyle number(String format, CellStyle fillFrom) {
        return numbers.computeIfAbsent(format + "|" + fillFrom.getIndex(), f -> {
            XSSFCellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(fillFrom);
            s.setDataFormat(wb.createDataFormat().getFormat(format));
            s.setAlignment(HorizontalAlignment.RIGHT);
            return s;
        });
    }
}
