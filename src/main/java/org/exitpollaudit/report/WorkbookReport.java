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
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
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
            // the Districts sheet goes here, streamed (below)
            int districtsAt = wb.getNumberOfSheets();
            ForensicsSheet.write(wb, styles, data);
            // the Fingerprint sheet goes here, streamed (below)
            int fingerprintAt = wb.getNumberOfSheets();
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
            // the districts, the station list and the issues may be long (a ten-million-station election has 5,000
            // districts, 120,000 cells, some 90 MB as POI's objects), and the fingerprint grids hold some 10,000 cells
            // a release: streamed sheets, placed where they belong
            SXSSFWorkbook streaming = streaming(wb, fixed.getTime());
            try {
                if (DistrictsSheet.write(streaming, styles, data)) {
                    streaming.setSheetOrder(DistrictsSheet.NAME, districtsAt);
                    fingerprintAt++;
                }
                if (FingerprintSheet.write(streaming, styles, data)) {
                    streaming.setSheetOrder(FingerprintSheet.NAME, fingerprintAt);
                }
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

    /** Writes a sheet's streamed rows. */
    @FunctionalInterface
    interface Rows {
        void write(OutputStream out) throws IOException;
    }

    /** The streaming workbook that writes {@code wb} with every part stamped {@code time}. */
    static SXSSFWorkbook streaming(XSSFWorkbook wb, long time) {
        return new FixedTimeWorkbook(wb, time);
    }

    /**
     * POI stamps every part of the package with the time of writing; the same entries, in the same order, with one
     * fixed time make the file a function of its content alone (auditors compare reports byte for byte). The time is
     * set as each part is written, so the workbook is compressed once, not written and then copied.
     *
     * <p>POI puts the streamed rows into every sheet (the ones it only wraps too) by copying the sheet's XML through
     * an unbuffered character reader and writer, one character at a time, with a char array and a char buffer made for
     * each character (at ten million stations the Districts sheet alone is megabytes). Here the same copy is made of
     * bytes, buffered: its markers ({@code <sheetData}, {@code </sheetData>}) are ASCII, which UTF-8 never uses inside
     * another character, and UTF-8 read and written again is the same bytes. The parts are POI's, byte for byte
     * ({@code WorkbookReportTest} compares them).
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
            // the fastest deflate: the sheets' XML is written once and compresses well at any level, and at the
            // default level compressing it takes 0.18 s of the 1M run's main thread, at this one 0.10 s, for a
            // workbook of 2.25 MB instead of 1.82 (docs/benchmark.md, "the workbook's zip at the fastest deflate level")
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }

        /** POI's {@code injectData}, with {@link #copyAndInject} for its character-by-character copy. */
        @Override
        protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
            ZipArchiveOutputStream zip = createArchiveOutputStream(out);
            try (source) {
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
                            // as POI does: a streamed sheet may be far larger than its template
                            guarded.setGuardState(false);
                        }
                        XSSFSheet sheet = getSheetFromZipEntryName(in.getName());
                        if (sheet != null && !(sheet instanceof XSSFChartSheet)) {
                            copyAndInject(part, zip, createSheetInjector(getSheet(sheet.getSheetName()))::writeSheetData);
                        } else {
                            part.transferTo(zip);
                        }
                    }
                    zip.closeArchiveEntry();
                }
                zip.finish();
            }
        }

    }

    /**
     * POI's {@code copyStreamAndInjectWorksheet} on bytes (see {@link FixedTimeWorkbook}), written in runs: copies a
     * sheet's XML up to its {@code <sheetData/>} or {@code </sheetData>}, writes {@code <sheetData>} and a line break
     * where the sheet had none, the streamed rows, {@code </sheetData>}, then the rest. POI's handling of a
     * {@code <sheetData} followed by anything else is kept too: it writes a {@code /} after it and searches on, and
     * at the end of the part it drops a {@code /} that follows it ({@code WorkbookReportTest} holds the two equal).
     */
    static void copyAndInject(InputStream part, OutputStream out, Rows rows) throws IOException {
        byte[] t = part.readAllBytes();
        int from = 0;
        int at = 0;
        boolean needsStartTag = true;
        while (true) {
            int i = indexOf(t, OPEN, at);
            int j = i + OPEN.length;
            if (i < 0 || j >= t.length) {
                out.write(t, from, t.length - from);
                from = t.length;
                break;
            }
            if (t[j] == '>') {
                // <sheetData>: the sheet's own rows, then the streamed ones before its </sheetData>
                needsStartTag = false;
                int k = indexOf(t, CLOSE, j + 1);
                int end = k < 0 ? t.length : k;
                out.write(t, from, end - from);
                from = k < 0 ? t.length : k + CLOSE.length;
                break;
            }
            if (t[j] == '/' && j + 1 >= t.length) {
                out.write(t, from, j - from);
                from = t.length;
                break;
            }
            if (t[j] == '/' && t[j + 1] == '>') {
                // <sheetData/>
                out.write(t, from, i - from);
                from = j + 2;
                break;
            }
            if (t[j] == '/') {
                // written as it is; the search goes on after the character that follows
                at = j + 2;
                continue;
            }
            out.write(t, from, j - from);
            out.write('/');
            out.write(t[j]);
            from = j + 1;
            at = j + 1;
        }
        if (needsStartTag) {
            out.write(START);
        }
        rows.write(out);
        out.write(CLOSE);
        out.write(t, from, t.length - from);
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

    private static final byte[] OPEN = "<sheetData".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</sheetData>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] START = "<sheetData>\n".getBytes(StandardCharsets.US_ASCII);

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
