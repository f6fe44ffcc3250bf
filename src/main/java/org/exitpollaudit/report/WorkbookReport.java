package org.exitpollaudit.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
            DataQualitySheet.write(wb, styles, data);
            MethodsSheet.write(wb, styles, data);
            ProvenanceSheet.write(wb, styles, data);
            wb.setActiveSheet(0);
            // fixed document timestamps: the same inputs give the same document
            Date fixed = Date.from(data.pkg().election().date().atStartOfDay().toInstant(ZoneOffset.UTC));
            var core = wb.getProperties().getCoreProperties();
            core.setCreated(Optional.of(fixed));
            core.setModified(Optional.of(fixed));
            core.setCreator("exit-poll-audit " + data.version().version());
            core.setTitle("Exit-poll audit: " + data.pkg().election().name());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            wb.write(bytes);
            try (OutputStream out = Files.newOutputStream(file)) {
                withFixedEntryTimes(bytes.toByteArray(), fixed.getTime(), out);
            }
        }
    }

    /**
     * POI stamps every part of the package with the time of writing; the same entries, in the same order, with
     * one fixed time make the file a function of its content alone (auditors compare reports byte for byte).
     */
    static void withFixedEntryTimes(byte[] zip, long time, OutputStream target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(target)) {
            out.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(time);
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }
}
