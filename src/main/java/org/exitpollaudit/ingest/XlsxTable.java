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
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.reconcile.DataIssue;

/**
 * The first sheet of an XLSX workbook, header in row 1. Numbers are read as the values they hold (not as
 * formatted); a formula cell contributes its cached value, noted as a warning; a date cell is kept as
 * text so that it is rejected where a number is expected. POI's zip-bomb guard stays on.
 */
final class XlsxTable extends LookaheadTable {

    private final String display;
    private final XSSFWorkbook workbook;
    private final Iterator<Row> rows;
    private final List<String> header;
    private final List<DataIssue> notes = new ArrayList<>();
    private final DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);

    private XlsxTable(String display, XSSFWorkbook workbook) {
        this.display = display;
        this.workbook = workbook;
        if (workbook.getNumberOfSheets() > 1) {
            notes.add(DataIssue.warning("XLSX_SHEETS", display, null, null, "the workbook has "
                    + workbook.getNumberOfSheets() + " sheets; only the first, '" + workbook.getSheetName(0)
                    + "', is read"));
        }
        Sheet sheet = workbook.getSheetAt(0);
        if (sheet.getNumMergedRegions() > 0) {
            notes.add(DataIssue.warning("XLSX_MERGED", display, null, null, "merged cells ("
                    + sheet.getMergedRegion(0).formatAsString() + " and others) are read as their first cell only"));
        }
        this.rows = sheet.iterator();
        TableRow h = readNext();
        if (h == null) {
            throw new InputException(DataIssue.fatal("EMPTY_FILE", display, 1, null,
                    "the first sheet is empty: a header row is required"));
        }
        this.header = h.cells().stream().map(String::strip).toList();
    }

    static XlsxTable open(Path file, String display) {
        if (!Files.exists(file)) {
            throw new InputException(DataIssue.fatal("MISSING_FILE", display, null, null, "file not found"));
        }
        try {
            return new XlsxTable(display, new XSSFWorkbook(org.apache.poi.openxml4j.opc.OPCPackage.open(
                    file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)));
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(DataIssue.fatal("UNREADABLE_FILE", display, null, null, reason(e)));
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
            for (int c = 0; c < Math.max(0, r.getLastCellNum()); c++) {
                cells.add(text(r.getCell(c), r.getRowNum() + 1));
            }
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
        if (type == CellType.FORMULA) {
            notes.add(DataIssue.warning("XLSX_FORMULA", display, line,
                    CellReference.convertNumToColString(cell.getColumnIndex()),
                    "cell " + new CellReference(cell).formatAsString(false) + " holds a formula ("
                            + cell.getCellFormula() + "); its cached value is used"));
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? formatter.formatCellValue(cell)
                    : NumberToTextConverter.toText(cell.getNumericCellValue());
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
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
    public void close() throws IOException {
        workbook.close();
    }
}
