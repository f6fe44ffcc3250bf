package org.exitpollaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * A header row and the data rows below it, read lazily from a CSV file (UTF-8, optional BOM, RFC 4180)
 * or from the first sheet of an XLSX workbook. Blank rows are skipped; a row's line number is its physical line
 * in the file (blank lines and line breaks inside quoted fields counted), or its row number in the sheet.
 */
public interface Table extends Closeable, Iterator<TableRow> {

    List<String> header();

    /** Notes about how cells were read (for example a formula whose cached value was used). */
    List<DataIssue> notes();

    /**
     * The size and SHA-256 of the bytes this table was parsed from. Call it after the last row: it reads what
     * is left of the file, so that the answer covers the whole of it as it was read, not as it is on disk later.
     */
    Content content() throws IOException;

    /** What a table was read from: its size in bytes and the SHA-256 of those bytes, in hex. */
    record Content(long bytes, String sha256) {
    }

    @Override
    void close() throws IOException;

    /**
     * Opens a file by its extension.
     *
     * @param display the file's path relative to the package, for messages
     * @throws InputException when the file cannot be opened or has no header row
     */
    static Table open(Path file, String display) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return XlsxTable.open(file, display);
        }
        if (name.endsWith(".csv")) {
            return CsvTable.open(file, display);
        }
        throw new InputException(DataIssue.fatal(IssueCode.UNSUPPORTED_FILE, display, null, null,
                "unsupported file type: results files must be .csv or .xlsx"));
    }

    /** Reads the whole file: fine for manifests and small results files. */
    static List<TableRow> readAll(Table table) {
        List<TableRow> rows = new java.util.ArrayList<>();
        table.forEachRemaining(rows::add);
        return rows;
    }
}
