package org.exitpollaudit.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
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
     *
     * <p>POI also copies every sheet of the workbook it wraps through a character reader and writer, one character at
     * a time, to put the streamed rows into it: the sheets it only wraps too, with a char array and a char buffer made
     * for each character (at ten million stations the Districts sheet alone is megabytes). Here the wrapped sheets are
     * copied as bytes, and a streamed sheet gets its rows between its own {@code sheetData} tags, found as bytes: they
     * are ASCII, which UTF-8 never uses inside another character. The parts are the same as POI's.
     */
    private static final class FixedTimeWorkbook extends SXSSFWorkbook {
        private static final byte[] OPEN = "<sheetData".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CLOSE = "</sheetData>".getBytes(StandardCharsets.US_ASCII);

        private final long time;
        /** The sheets made through this workbook, whose rows are streamed into them as it is written. */
        private final Set<String> streamed = new HashSet<>();

        FixedTimeWorkbook(XSSFWorkbook wb, long time) {
            super(wb, 1000);
            this.time = time;
        }

        @Override
        public SXSSFSheet createSheet(String name) {
            SXSSFSheet sheet = super.createSheet(name);
            streamed.add(sheet.getSheetName());
            return sheet;
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

        @Override
        protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
            ZipArchiveOutputStream zip = createArchiveOutputStream(out);
            try {
                Enumeration<? extends ZipArchiveEntry> entries = source.getEntries();
                while (entries.hasMoreElements()) {
                    ZipArchiveEntry in = entries.nextElement();
                    ZipArchiveEntry entry = new ZipArchiveEntry(in.getName());
                    if (in.getSize() >= 0) {
                        entry.setSize(in.getSize());
                    }
                    zip.putArchiveEntry(entry);
                    try (InputStream part = source.getInputStream(in)) {
                        if (part instanceof ZipArchiveThresholdInputStream guarded) {
                            // POI's own copy does the same: a streamed sheet may be far larger than its template
                            guarded.setGuardState(false);
                        }
                        XSSFSheet sheet = getSheetFromZipEntryName(in.getName());
                        if (sheet != null && streamed.contains(sheet.getSheetName())) {
                            inject(part.readAllBytes(), zip, createSheetInjector(getSheet(sheet.getSheetName())));
                        } else {
                            part.transferTo(zip);
                        }
                    } finally {
                        zip.closeArchiveEntry();
                    }
                }
            } finally {
                zip.finish();
                source.close();
            }
        }

        /**
         * A streamed sheet: its template's XML with the streamed rows after the template's own rows, as POI writes
         * it ({@code <sheetData/>} becomes {@code <sheetData>} and a line break, the rows, {@code </sheetData>}).
         */
        private static void inject(byte[] template, OutputStream out, ISheetInjector rows) throws IOException {
            int open = indexOf(template, OPEN, 0);
            int after = open + OPEN.length;
            if (open >= 0 && after + 1 < template.length && template[after] == '/' && template[after + 1] == '>') {
                out.write(template, 0, open);
                out.write("<sheetData>\n".getBytes(StandardCharsets.US_ASCII));
                rows.writeSheetData(out);
                out.write(CLOSE);
                out.write(template, after + 2, template.length - after - 2);
                return;
            }
            int close = open >= 0 && after < template.length && template[after] == '>' ? indexOf(template, CLOSE, after)
                    : -1;
            if (close < 0) {
                throw new IllegalStateException("a streamed sheet's template has no sheetData element");
            }
            out.write(template, 0, close);
            rows.writeSheetData(out);
            out.write(template, close, template.length - close);
        }

        private static int indexOf(byte[] in, byte[] what, int from) {
            outer:
            for (int i = from; i + what.length <= in.length; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (in[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
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
