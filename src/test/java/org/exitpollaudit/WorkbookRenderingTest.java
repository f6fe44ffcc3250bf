package org.exitpollaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.testing.TestPackages;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook as an analyst sees it printed: rendered by LibreOffice (headless) to PDF and read back with
 * poppler's pdftotext. What a cell-level test cannot see is checked here: that the headline and each poll's row
 * are printed whole (not clipped by a column), that every sheet prints, that no p-value is printed in scientific
 * notation, that no calibration ("synthetic") source shows, and that the Russian workbook prints on few pages.
 * CI installs LibreOffice and poppler (.ci/run); elsewhere the test is skipped with a message when soffice is
 * absent, and with CI=true a machine that cannot render fails it.
 */
class WorkbookRenderingTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsLibreOffice() {
        boolean tools = onPath("soffice") && onPath("pdftotext");
        if (!tools && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but LibreOffice (soffice) or poppler-utils (pdftotext) is not installed: .ci/run installs"
                    + " them with apt-get install libreoffice-calc poppler-utils");
        }
        Assumptions.assumeTrue(tools, "LibreOffice (soffice) or pdftotext not on PATH: the workbook rendering test is"
                + " skipped (apt-get install libreoffice-calc poppler-utils to run it)");
    }

    @Test
    void theDefaultWorkbookPrintsEverySheetItsHeadlineAndEachPollWhole() throws Exception {
        Path out = tmp.resolve("out");
        Launch run = TestPackages.capture(() -> ExitPollAuditApplication.run(new String[] {
            "--input=" + TestPackages.AZ, "--output=" + out}));
        assertEquals(0, run.code(), run.all());
        Path xlsx = out.resolve("az-2024-presidential").resolve("latest").resolve("exit-poll-audit.xlsx");
        Path pdf = render(xlsx);
        String text = pdfText(pdf);

        List<String> sheets = new ArrayList<>();
        List<String> pollRows = new ArrayList<>();
        String headline;
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                sheets.add(wb.getSheetName(i));
            }
            Sheet summary = wb.getSheet("Summary");
            headline = summary.getRow(0).getCell(0).getStringCellValue();
            // the poll rows: below the header whose first cell is "Exit poll", up to the first empty row
            int r = 0;
            while (!"Exit poll".equals(cell(summary.getRow(r), 0))) {
                r++;
            }
            for (r++; summary.getRow(r) != null && !cell(summary.getRow(r), 0).isEmpty(); r++) {
                Row row = summary.getRow(r);
                // the poll's name, its verdict and what the answer depends on, each printed whole
                pollRows.add(cell(row, 0));
                pollRows.add(cell(row, 11));
            }
        }
        assertEquals(3, pollRows.size() / 2, "three polls on Summary: " + pollRows);
        assertTrue(headline.startsWith("Azerbaijan presidential election 2024: ") && headline.contains("exit polls"),
                headline);
        // every sheet is printed: the page header of each printed page names its sheet
        for (String sheet : sheets) {
            assertTrue(text.contains(sheet), "sheet '" + sheet + "' printed; pages begin: " + pageHeads(text));
        }
        // on the Summary page itself (the poll sheets' titles repeat the organizations' names)
        String summaryPage = flat(firstPage(text));
        assertTrue(summaryPage.contains(flat(headline)), "headline printed whole: " + headline + "\n" + firstPage(text));
        for (String cell : pollRows) {
            assertTrue(summaryPage.contains(flat(cell)), "printed whole: '" + cell + "'\n" + firstPage(text));
        }
        // LibreOffice drops the glyphs a neighbouring cell cuts off (so a clipped cell fails the checks above); text that
        // spills over an empty neighbour onto text further on, or a too-short row, prints words over other words
        List<String> overlaps = overlappingWords(pdf, 1);
        assertTrue(overlaps.isEmpty(), "text printed over other text on Summary: " + overlaps);
        assertFalse(text.toLowerCase(Locale.ROOT).contains("synthetic"), "a calibration source printed as data");
        Matcher scientific = Pattern.compile("\\d[.,]?\\d*E[-+]\\d").matcher(text);
        assertFalse(scientific.find(), () -> "a number in scientific notation: " + around(text, scientific.start()));
    }

    @Test
    void theRussianWorkbookPrintsOnFewerThanSixtyPages() throws Exception {
        Path out = tmp.resolve("out");
        Path pkg = TestPackages.ru(tmp.resolve("ru"));
        Launch run = TestPackages.capture(() -> ExitPollAuditApplication.run(new String[] {
            "--input=" + pkg, "--output=" + out}));
        assertEquals(0, run.code(), run.all());
        Path pdf = render(out.resolve("ru-2024-presidential").resolve("latest").resolve("exit-poll-audit.xlsx"));
        String text = pdfText(pdf);
        // pdftotext ends every page with a form feed
        long pages = text.chars().filter(c -> c == '\f').count();
        assertTrue(pages > 5 && pages < 60, "Russian workbook pages: " + pages);
        assertFalse(Pattern.compile("\\d[.,]?\\d*E[-+]\\d").matcher(text).find(), "scientific notation printed");
    }

    private Path render(Path xlsx) throws IOException, InterruptedException {
        Path dir = tmp.resolve("pdf");
        Files.createDirectories(dir);
        // a private LibreOffice profile: no clash with a desktop session or another test run
        run(List.of("soffice", "-env:UserInstallation=" + tmp.resolve("lo-profile").toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString()), 300);
        Path pdf = dir.resolve("exit-poll-audit.pdf");
        assertTrue(Files.isRegularFile(pdf), "LibreOffice wrote no PDF for " + xlsx);
        return pdf;
    }

    private String pdfText(Path pdf) throws IOException, InterruptedException {
        Path txt = pdf.resolveSibling(pdf.getFileName() + ".txt");
        run(List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), txt.toString()), 120);
        return Files.readString(txt, StandardCharsets.UTF_8);
    }

    /** Word boxes from pdftotext -bbox. */
    private record Word(String text, double x0, double y0, double x1, double y1) {
        boolean overlaps(Word o) {
            double w = Math.min(x1, o.x1) - Math.max(x0, o.x0);
            double h = Math.min(y1, o.y1) - Math.max(y0, o.y0);
            // more than a sliver in both directions: glyphs on top of each other, not letters that touch
            return w > 1.0 && h > 0.5 * Math.min(y1 - y0, o.y1 - o.y0);
        }
    }

    private List<String> overlappingWords(Path pdf, int page) throws IOException, InterruptedException {
        Path html = pdf.resolveSibling("page" + page + ".html");
        run(List.of("pdftotext", "-bbox", "-f", Integer.toString(page), "-l", Integer.toString(page), pdf.toString(),
                html.toString()), 120);
        Matcher m = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>")
                .matcher(Files.readString(html, StandardCharsets.UTF_8));
        List<Word> words = new ArrayList<>();
        while (m.find()) {
            words.add(new Word(m.group(5), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        }
        assertTrue(words.size() > 50, "words on page " + page + ": " + words.size());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (int j = i + 1; j < words.size(); j++) {
                if (words.get(i).overlaps(words.get(j))) {
                    out.add(words.get(i).text() + " / " + words.get(j).text());
                }
            }
        }
        return out;
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(0) + " did not finish in " + seconds + " s");
        }
        assertEquals(0, p.exitValue(), command + ": " + output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String cell(Row row, int col) {
        return row == null || row.getCell(col) == null ? "" : row.getCell(col).toString();
    }

    /** Whitespace-insensitive text: a wrapped cell prints its words on several lines. */
    private static String flat(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static String firstPage(String text) {
        int end = text.indexOf('\f');
        return end < 0 ? text : text.substring(0, end);
    }

    private static List<String> pageHeads(String text) {
        return text.lines().filter(l -> !l.isBlank()).limit(200).filter(l -> l.length() < 40).toList();
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
    }
}
