package org.exitpollaudit.report;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A streamed (SXSSF) sheet's test: the sheet written to a file by the report's streaming workbook, and read back. */
final class StreamedSheets {

    private StreamedSheets() {
    }

    /** The workbook {@code write} makes, written to {@code file} as the report writes it, and read back. */
    static XSSFWorkbook written(Path file, BiConsumer<SXSSFWorkbook, Styles> write) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            SXSSFWorkbook streaming = WorkbookReport.streaming(wb, 0);
            try {
                write.accept(streaming, new Styles(wb));
                try (OutputStream out = Files.newOutputStream(file)) {
                    streaming.write(out);
                }
            } finally {
                streaming.dispose();
            }
        }
        return new XSSFWorkbook(file.toFile());
    }
}
