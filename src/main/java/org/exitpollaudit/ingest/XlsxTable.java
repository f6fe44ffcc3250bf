package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * The first sheet of an XLSX workbook, header in row 1. Numbers are read as the values they hold (not as
 * formatted); a formula cell contributes its cached value, noted as a warning; a formula that was never
 * calculated (no cached value, as generated workbooks often have) and an error cell (#DIV/0!) are errors of
 * that cell, never read as 0; a date cell is kept as text so that it is rejected where a number is expected.
 * Blank cells at the end of a row are dropped, so a styled empty cell far to the right (XFD1) adds no columns.
 * The file is read into memory once and hashed ({@link #content()}); POI's zip-bomb guard stays on.
 */
final class XlsxTable extends LookaheadTable {

    private final String display;
    private final XSSFWorkbook workbook;
    private final Iterator<Row> rows;
    private final List<String> header;
    private final List<DataIssue> notes = new ArrayList<>();
    private final DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
    private final Content content;

    private XlsxTable(String display, XSSFWorkbook workbook, Content content) {
        this.display = display;
        this.workbook = workbook;
        this.content = content;
        if (workbook.getNumberOfSheets() > 1) {
            notes.add(DataIssue.warning(IssueCode.XLSX_SHEETS, display, null, null, "the workbook has "
                    + workbook.getNumberOfSheets() + " sheets; only the first, '" + workbook.getSheetName(0)
                    + "', is read"));
        }
        Sheet sheet = workbook.getSheetAt(0);
        if (sheet.getNumMergedRegions() > 0) {
            notes.add(DataIssue.warning(IssueCode.XLSX_MERGED, display, null, null, "merged cells ("
                    + sheet.getMergedRegion(0).formatAsString() + " and others) are read as their first cell only"));
        }
        this.rows = sheet.iterator();
        TableRow h = readNext();
        if (h == null) {
            throw new InputException(DataIssue.fatal(IssueCode.EMPTY_FILE, display, 1, null,
                    "the first sheet is empty: a header row is required"));
        }
        this.header = h.cells().stream().map(String::strip).toList();
    }

    static XlsxTable open(Path file, String display) {
        if (!Files.exists(file)) {
            throw new InputException(DataIssue.fatal(IssueCode.MISSING_FILE, display, null, null, "file not found"));
        }
        try {
            // parsed from the very bytes that were hashed, so the rows match the recorded SHA-256 whatever happens
            // to the file meanwhile
            byte[] bytes;
            Content content;
            try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
                content = in.finish();
            }
            return new XlsxTable(display, new XSSFWorkbook(org.apache.poi.openxml4j.opc.OPCPackage.open(
                    new java.io.ByteArrayInputStream(bytes))), content);
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(DataIssue.fatal(IssueCode.UNREADABLE_FILE, display, null, null, reason(e)));
        }
    }

    /** What went wrong, in words: POI's own messages are long and speak of its internals. */
    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb")) {
                return "refused: the workbook expands to more than 100 times its compressed size, as a zip bomb does;"
                        + " re-save it from a spreadsheet program";
            }
            if (t instanceof org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                    || t instanceof org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException
                    || t instanceof java.util.zip.ZipException) {
                return "is not an XLSX workbook (an old .xls, or another file renamed?); save it as .xlsx or as CSV UTF-8";
            }
        }
        return "cannot be read as an XLSX workbook: " + Cells.abbreviate(String.valueOf(e.getMessage()));
    }

    @Override
    protected TableRow readNext() {
        while (rows.hasNext()) {
            Row r = rows.next();
            List<String> cells = new ArrayList<>();
            int last = 0;
            for (Cell cell : r) {
                int c = cell.getColumnIndex();
                while (cells.size() < c) {
                    cells.add("");
                }
                String text = text(cell, r.getRowNum() + 1);
                cells.add(text);
                if (!text.isBlank()) {
                    last = cells.size();
                }
            }
            // trailing blank cells are formatting, not columns
            cells.subList(last, cells.size()).clear();
            TableRow row = new TableRow(r.getRowNum() + 1, cells);
            if (!row.isBlank()) {
                return row;
            }
        }
        return null;
    }

    private String text(Cell cell, int line) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        String column = CellReference.convertNumToColString(cell.getColumnIndex());
        String where = "cell " + new CellReference(cell).formatAsString(false);
        String formula = null;
        if (type == CellType.FORMULA) {
            formula = cell.getCellFormula();
            if (cell instanceof XSSFCell x && !x.getCTCell().isSetV()) {
                // POI would answer 0 for it: a poll compared at 0 %
                notes.add(DataIssue.error(IssueCode.XLSX_NO_VALUE, display, line, column, where + " holds a formula ("
                        + Cells.abbreviate(formula) + ") that was never calculated, so the file has no value for it;"
                        + " the cell is not used (not read as 0). Open the workbook in a spreadsheet program and"
                        + " save it, which stores the calculated values"));
                return NO_VALUE;
            }
            notes.add(DataIssue.warning(IssueCode.XLSX_FORMULA, display, line, column,
                    where + " holds a formula (" + formula + "); its cached value is used"));
            type = cell.getCachedFormulaResultType();
        }
        if (type == CellType.ERROR) {
            String error = errorText(cell);
            notes.add(DataIssue.error(IssueCode.XLSX_ERROR_CELL, display, line, column, where + " holds the spreadsheet error "
                    + error + (formula == null ? "" : " (formula " + Cells.abbreviate(formula) + ")")
                    + ": the spreadsheet could not compute it, so the cell is not used; fix the formula or its inputs"));
            return error;
        }
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? formatter.formatCellValue(cell)
                    : NumberToTextConverter.toText(cell.getNumericCellValue());
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    /**
     * The text a cell without a value stands for: not a number, so a number column rejects the row naming the cell
     * (an empty text would be taken for a missing figure, with advice to write 0).
     */
    static final String NO_VALUE = "(formula never calculated)";

    private static String errorText(Cell cell) {
        try {
            return org.apache.poi.ss.usermodel.FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException e) {
            return "#ERROR";
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<DataIssue> notes() {
        return notes;
    }

    @Override
    public Content content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
