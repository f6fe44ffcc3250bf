package org.exitpollaudit.report;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A streamed (SXSSF) sheet's test: the sheet written to a file as the report writes it, and read back. */
final class StreamedSheets {

    private StreamedSheets() {
    }

    /** The workbook {@code write} makes, keeping {@code window} rows in memory, written to {@code file} and read back. */
    static XSSFWorkbook written(Path file, int window, BiConsumer<SXSSFWorkbook, Styles> write) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            SXSSFWorkbook streaming = new SXSSFWorkbook(wb, window);
            write.accept(streaming, new Styles(wb));
            try (OutputStream out = Files.newOutputStream(file)) {
                streaming.write(out);
            }
            streaming.dispose();
        }
        return new XSSFWorkbook(file.toFile());
    }
}
