package org.exitpollaudit.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.util.WorkbookUtil;
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
            List<Source> polls = data.pkg().exitPolls();
            List<String> names = uniqueSheetNames(polls.stream().map(PollSheet::name).toList());
            for (int i = 0; i < polls.size(); i++) {
                PollSheet.write(wb, styles, data, polls.get(i), names.get(i));
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
            SXSSFWorkbook streaming = new FixedTimeWorkbook(wb, fixed.getTime());
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
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    streaming.write(out);
                }
            } finally {
                streaming.dispose();
            }
        }
    }

    /**
     * POI stamps every part of the package with the time of writing; the same entries, in the same order, with one
     * fixed time make the file a function of its content alone (auditors compare reports byte for byte). The time is
     * set as each part is written, so the workbook is compressed once, not written and then copied.
     */
    private static final class FixedTimeWorkbook extends SXSSFWorkbook {
        private final long time;

        FixedTimeWorkbook(XSSFWorkbook wb, long time) {
            super(wb, 1000);
            this.time = time;
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out) {
                @Override
                public void putArchiveEntry(ZipArchiveEntry entry) throws IOException {
                    entry.setTime(time);
                    super.putArchiveEntry(entry);
                }
            };
            zip.setUseZip64(Zip64Mode.AsNeeded);
            return zip;
        }
    }

    /** Excel's longest sheet name. */
    static final int MAX_SHEET_NAME = 31;

    /**
     * Sheet names for the wanted ones, in order: made safe (no {@code []:*?/\\}), cut to Excel's 31 characters and
     * then made unique, ignoring case as Excel does, by a number in place of their last characters: "Poll
     * exit-poll-organization-a-wave-1" and "...-wave-2" both start with the same 31 characters, and become "Poll
     * exit-poll-organization-a-w" and "Poll exit-poll-organization (2)". Each poll sheet's title gives the full id.
     */
    static List<String> uniqueSheetNames(List<String> wanted) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            String base = WorkbookUtil.createSafeSheetName(w);
            String name = base;
            for (int k = 2; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
                String suffix = " (" + k + ")";
                name = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length())).stripTrailing()
                        + suffix;
            }
            out.add(name);
        }
        return out;
    }

}
