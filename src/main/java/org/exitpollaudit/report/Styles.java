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

/** The workbook's shared cell styles and number formats: created once per workbook, used by every sheet. */
final class Styles {

    /** Fraction shown as percent with two decimals. */
    static final String PERCENT = "0.00%";
    /** Signed percentage points. */
    static final String PP = "+0.00\" pp\";-0.00\" pp\";0.00\" pp\"";
    static final String P_VALUE = "[<0.0001]0.00E+00;0.0000";
    static final String DECIMAL = "0.0000";
    static final String INTEGER = "#,##0";
    static final String SIGNED_DECIMAL = "+0.0000;-0.0000;0.0000";

    final XSSFCellStyle title;
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
        title = wb.createCellStyle();
        title.setFont(titleFont);
        XSSFFont boldFont = wb.createFont();
        boldFont.setBold(true);
        subtitle = wb.createCellStyle();
        subtitle.setFont(boldFont);
        bold = wb.createCellStyle();
        bold.setFont(boldFont);
        header = wb.createCellStyle();
        header.setFont(boldFont);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        text = wb.createCellStyle();
        wrap = wb.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        good = fill(IndexedColors.LIGHT_GREEN);
        bad = fill(IndexedColors.ROSE);
        warn = fill(IndexedColors.LIGHT_YELLOW);
        warnLine = fill(IndexedColors.LIGHT_YELLOW);
        warnLine.setWrapText(false);
    }

    private XSSFCellStyle fill(IndexedColors color) {
        XSSFCellStyle s = wb.createCellStyle();
        s.setFillForegroundColor(color.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setWrapText(true);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    /** A numeric style with the given format (cached). */
    XSSFCellStyle number(String format) {
        return numbers.computeIfAbsent(format, f -> {
            XSSFCellStyle s = wb.createCellStyle();
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
