package org.exitpollaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Source;

/** Assembles the workbook: one owner class per sheet, in the order an analyst reads them. */
public final class WorkbookReport {

    private WorkbookReport() {
    }

    public static void write(ReportData data, Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            SummarySheet.write(wb, styles, data);
            for (Source poll : data.pkg().exitPolls()) {
                PollSheet.write(wb, styles, data, poll);
            }
            ReleasesSheet.write(wb, styles, data);
            AgreementSheet.write(wb, styles, data);
            SensitivitySheet.write(wb, styles, data);
            DistrictsSheet.write(wb, styles, data);
            ForensicsSheet.write(wb, styles, data);
            FingerprintSheet.write(wb, styles, data);
            ReconciliationSheet.write(wb, styles, data);
            MethodsSheet.write(wb, styles, data);
            ProvenanceSheet.write(wb, styles, data);
            // fixed document timestamps: the same inputs give the same document
            Date fixed = Date.from(data.pkg().election().date().atStartOfDay().toInstant(ZoneOffset.UTC));
            var core = wb.getProperties().getCoreProperties();
            core.setCreated(Optional.of(fixed));
            core.setModified(Optional.of(fixed));
            core.setCreator("exit-poll-audit " + data.version().version());
            core.setTitle("Exit-poll audit: " + data.pkg().election().name());
            // the station list and the issues may be long: streamed sheets, placed before Methods
            Path raw = file.resolveSibling(file.getFileName() + ".raw");
            SXSSFWorkbook streaming = new SXSSFWorkbook(wb, 1000);
            try {
                int at = wb.getSheetIndex(MethodsSheet.NAME);
                int before = wb.getNumberOfSheets();
                StationsSheet.write(streaming, styles, data.flags(), StationsSheet.ROWS_PER_SHEET);
                DataQualitySheet.write(streaming, styles, data);
                for (int i = before; i < wb.getNumberOfSheets(); i++) {
                    streaming.setSheetOrder(streaming.getSheetName(i), at + (i - before));
                }
                wb.setActiveSheet(0);
                wb.setSelectedTab(0);
                try (OutputStream out = Files.newOutputStream(raw)) {
                    streaming.write(out);
                }
            } finally {
                streaming.dispose();
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                withFixedEntryTimes(raw, fixed.getTime(), out);
            } finally {
                Files.deleteIfExists(raw);
            }
        }
    }

    /**
     * POI stamps every part of the package with the time of writing; the same entries, in the same order, with
     * one fixed time make the file a function of its content alone (auditors compare reports byte for byte).
     */
    static void withFixedEntryTimes(Path zip, long time, OutputStream target) throws IOException {
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream out = new ZipOutputStream(target)) {
            out.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(time);
                out.putNextEntry(copy);
                try (var content = in.getInputStream(e)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
