package org.exitpollaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.exitpollaudit.reconcile.DataIssue;

/**
 * A header row and the data rows below it, read lazily from a CSV file (UTF-8, optional BOM, RFC 4180)
 * or from the first sheet of an XLSX workbook. Blank rows are skipped.
 */
public interface Table extends Closeable, Iterator<TableRow> {

    List<String> header();

    /** Notes about how cells were read (for example a formula whose cached value was used). */
    List<DataIssue> notes();

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
        throw new InputException(DataIssue.fatal("UNSUPPORTED_FILE", display, null, null,
                "unsupported file type: results files must be .csv or .xlsx"));
    }

    /** Reads the whole file: fine for manifests and small results files. */
    static List<TableRow> readAll(Table table) {
        List<TableRow> rows = new java.util.ArrayList<>();
        table.forEachRemaining(rows::add);
        return rows;
    }
}
