package org.exitpollaudit.ingest;

import static org.exitpollaudit.testing.TestPackages.read;
import static org.exitpollaudit.testing.TestPackages.replace;
import static org.exitpollaudit.testing.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.ops.AuditRunner;
import org.exitpollaudit.ops.CliOptions;
import org.exitpollaudit.testing.RunnerTest;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken and hostile election packages, each a change to a copy of the embedded package, with the
 * message it must produce. Fatal ones exit 2 naming file, line and column, write nothing and leave the last good
 * report alone; the others are loaded with the problem listed in data-issues.csv. No case shows a stack trace,
 * and no output cell or CSV field ever starts a formula.
 */
class HostileInputTest extends RunnerTest {

    private static final Path DIR = TestPackages.tempDir("epa-hostile");

    /** One output folder for every fatal case, holding a good report that none of them may touch. */
    private static final Path GOOD_OUTPUT = DIR.resolve("good");

    private static int counter;
    private static String goodLatest;

    record Outcome(int code, String out, String err) {
    }

    private Outcome run(Path pkg, Path output) throws Exception {
        return launch(runner, pkg, output);
    }

    /** One run of the job on {@code pkg} in the calling test's Spring context, with what it printed. */
    static Outcome launch(AuditRunner runner, Path pkg, Path output) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runner.run(CliOptions.parse(new String[] {"--input=" + pkg, "--output=" + output}),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void noReportYet() {
        goodLatest = null;
    }

    private void ensureGoodReport() throws Exception {
        if (goodLatest == null) {
            assertEquals(0, run(TestPackages.AZ, GOOD_OUTPUT).code());
            goodLatest = GOOD_OUTPUT.resolve("az-2024-presidential/latest").toRealPath().toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fatal")
    void fatalInputStopsWithAMessageNamingFileLineAndColumn(Consumer<Path> breakIt, List<String> expected) throws Exception {
        ensureGoodReport();
        Path pkg = TestPackages.copy(TestPackages.AZ, DIR.resolve("case-" + (++counter)));
        breakIt.accept(pkg);
        Outcome o = run(pkg, GOOD_OUTPUT);
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        for (String e : expected) {
            assertTrue(o.err().contains(e), "expected '" + e + "' in:\n" + o.err());
        }
        assertFalse((o.out() + o.err()).contains("\tat "), "no stack trace:\n" + o.err());
        // a folder without election.yaml is refused before anything else runs, the output folder untouched
        assertTrue(o.err().contains("the last good report, if any, was left")
                || o.err().contains("--input names an election package"), o.err());
        assertEquals(goodLatest, GOOD_OUTPUT.resolve("az-2024-presidential/latest").toRealPath().toString());
        try (Stream<Path> s = Files.list(GOOD_OUTPUT.resolve("az-2024-presidential"))) {
            assertEquals(2, s.count(), "only the good report and its latest link");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaded")
    void recoverableInputIsLoadedWithTheProblemListed(Consumer<Path> breakIt, List<String> expected) throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, DIR.resolve("case-" + (++counter)));
        breakIt.accept(pkg);
        Path output = DIR.resolve("out-" + counter);
        Outcome o = run(pkg, output);
        Path report = output.resolve("az-2024-presidential/latest");
        String issues = Files.readString(report.resolve("data-issues.csv"));
        // a report is written either way; the exit code says whether it left a whole source out
        boolean leftOut = issues.contains(",SOURCE_NOT_USED,") || issues.contains(",NO_COMMON_CANDIDATES,");
        assertEquals(leftOut ? ExitCodes.SOURCE_LEFT_OUT : ExitCodes.OK, o.code(), o.out() + o.err());
        for (String e : expected) {
            assertTrue(issues.contains(e), "expected '" + e + "' in data-issues.csv:\n" + issues);
        }
        noFormulaAnywhere(report);
    }

    static void noFormulaAnywhere(Path report) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                for (Row r : wb.getSheetAt(s)) {
                    for (Cell c : r) {
                        assertFalse(c.getCellType() == CellType.FORMULA, wb.getSheetName(s) + "!" + c.getAddress());
                    }
                }
            }
        }
        for (String csv : List.of("figures.csv", "data-issues.csv")) {
            for (String line : Files.readAllLines(report.resolve(csv))) {
                for (String field : line.split(",")) {
                    String f = field.startsWith("\"") ? field.substring(1) : field;
                    assertFalse(!f.isEmpty() && "=+@\t\r".indexOf(f.charAt(0)) >= 0, csv + ": " + line);
                    assertFalse(f.startsWith("-") && !f.matches("-[0-9.E-]+"), csv + ": " + line);
                }
            }
        }
    }

    private static Arguments fatalCase(String name, Consumer<Path> breakIt, String... expected) {
        return Arguments.of(Named.of(name, breakIt), List.of(expected));
    }

    static Stream<Arguments> fatal() {
        List<Arguments> c = new ArrayList<>();
        c.add(fatalCase("election.yaml missing", p -> delete(p, "election.yaml"), "has no election.yaml"));
        c.add(fatalCase("candidates.csv missing", p -> delete(p, "candidates.csv"), "candidates.csv", "not found"));
        c.add(fatalCase("sources.csv missing", p -> delete(p, "sources.csv"), "sources.csv", "not found"));
        c.add(fatalCase("data file missing", p -> delete(p, "exit-polls/rey.csv"),
                "sources.csv, line 6, column 'file'", "'exit-polls/rey.csv' does not exist"));
        c.add(fatalCase("data file is a folder", p -> {
            delete(p, "exit-polls/rey.csv");
            mkdir(p, "exit-polls/rey.csv");
        }, "sources.csv, line 6, column 'file'"));
        c.add(fatalCase("sources.csv without the kind column", p -> replace(p, "sources.csv", "source_id,kind,", "source_id,"),
                "sources.csv, line 1, column 'kind'"));
        c.add(fatalCase("candidates.csv with a wrong header", p -> replace(p, "candidates.csv", "candidate_id,", "id,"),
                "candidates.csv, line 1, column 'candidate_id'"));
        c.add(fatalCase("unknown candidate in a poll", p -> replace(p, "exit-polls/rey.csv", "Fazil Mustafa", "Fazil Mustafayev"),
                "exit-polls/rey.csv, line 1, column 'Fazil Mustafayev'", "matches no candidate", "mustafa (Fazil Mustafa)"));
        c.add(fatalCase("bare surname shared by two candidates", p -> replace(p, "exit-polls/rey.csv", "Fuad Aliyev", "Aliyev"),
                "exit-polls/rey.csv, line 1, column 'Aliyev'", "matches no candidate"));
        c.add(fatalCase("duplicate candidate id", p -> replace(p, "candidates.csv", "aliyev-fuad,Fuad", "oruj,Fuad"),
                "candidates.csv, line 8, column 'candidate_id'"));
        c.add(fatalCase("alias shared by two candidates", p -> replace(p, "candidates.csv",
                "Aliyev Fuad Aghasi oghlu", "Aliyev Fuad Aghasi oghlu|Ilham Aliyev"), "candidates.csv", "column 'aliases'",
                "'Ilham Aliyev'"));
        c.add(fatalCase("reserved candidate id", p -> replace(p, "candidates.csv", "aliyev-fuad,Fuad", "other,Fuad"),
                "candidates.csv, line 8, column 'candidate_id'"));
        c.add(fatalCase("no candidates", p -> write(p, "candidates.csv", "candidate_id,name,party,aliases\n"),
                "no candidates"));
        c.add(fatalCase("duplicate source id", p -> replace(p, "sources.csv", "\ncec-prelim-2,", "\ncec-prelim-1,"),
                "sources.csv, line 3, column 'source_id'"));
        c.add(fatalCase("bad source id", p -> replace(p, "sources.csv", "\nrey,", "\nRey Center,"),
                "sources.csv, line 6, column 'source_id'"));
        c.add(fatalCase("no final release", p -> replace(p, "sources.csv", ",6537,100,true,", ",6537,100,false,"),
                "no official source is marked final"));
        c.add(fatalCase("two final releases", p -> replace(p, "sources.csv", ",6102,93.35,false,", ",6102,93.35,true,"),
                "column 'final'", "more than one"));
        c.add(fatalCase("final is not a boolean", p -> replace(p, "sources.csv", ",6537,100,true,", ",6537,100,maybe,"),
                "sources.csv, line 4, column 'final'"));
        c.add(fatalCase("no exit poll", p -> write(p, "sources.csv", String.join("\n",
                read(p, "sources.csv").lines().filter(l -> !l.contains("exit_poll")).toList()) + "\n"),
                "no exit_poll source"));
        c.add(fatalCase("unknown kind", p -> replace(p, "sources.csv", "\nrey,exit_poll,", "\nrey,exitpoll,"),
                "sources.csv, line 6, column 'kind'"));
        c.add(fatalCase("unknown level", p -> replace(p, "sources.csv", ",national,percent,exit-polls/rey.csv",
                ",precinct,percent,exit-polls/rey.csv"), "sources.csv, line 6, column 'level'"));
        c.add(fatalCase("path leaving the package", p -> replace(p, "sources.csv", "exit-polls/rey.csv", "../../etc/passwd"),
                "sources.csv, line 6, column 'file'", "outside the package"));
        c.add(fatalCase("absolute path", p -> replace(p, "sources.csv", "exit-polls/rey.csv", "/etc/passwd"),
                "sources.csv, line 6, column 'file'", "outside the package"));
        c.add(fatalCase("symbolic link out of the package", p -> {
            delete(p, "exit-polls/rey.csv");
            try {
                Files.createSymbolicLink(p.resolve("exit-polls/rey.csv"), Path.of("/etc/hostname"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "sources.csv, line 6, column 'file'"));
        c.add(fatalCase("empty results file", p -> write(p, "exit-polls/rey.csv", ""),
                "exit-polls/rey.csv, line 1", "empty"));
        c.add(fatalCase("Windows-1251 file", p -> bytes(p, "exit-polls/rey.csv",
                "Ильхам Алиев,Zahid Orudj,Fazil Mustafa,Gudrat Hasanguliev,Razi Nurullaev,Elshad Musaev,Fuad Aliyev\n92.6,0.37,0.58,0.46,1.16,0.11,0.84\n"
                        .getBytes(Charset.forName("windows-1251"))), "exit-polls/rey.csv", "not valid UTF-8"));
        c.add(fatalCase("semicolon-separated file", p -> write(p, "exit-polls/rey.csv",
                read(p, "exit-polls/rey.csv").replace(',', ';').replace("92.6", "92,6")),
                "exit-polls/rey.csv, line 1", "semicolon"));
        c.add(fatalCase("unsupported file type", p -> {
            write(p, "exit-polls/rey.txt", read(p, "exit-polls/rey.csv"));
            replace(p, "sources.csv", "exit-polls/rey.csv", "exit-polls/rey.txt");
        }, "exit-polls/rey.txt", "must be .csv or .xlsx"));
        c.add(fatalCase("text file named .xlsx", p -> write(p, "exit-polls/oracle.xlsx", "93.9,1.8\n"),
                "exit-polls/oracle.xlsx", "is not an XLSX workbook"));
        c.add(fatalCase("XLSX zip bomb", HostileInputTest::zipBomb, "exit-polls/oracle.xlsx", "zip bomb"));
        c.add(fatalCase("empty header cell", p -> replace(p, "exit-polls/rey.csv", "Fuad Aliyev", ""),
                "exit-polls/rey.csv, line 1, column '#7'"));
        c.add(fatalCase("one candidate in two columns", p -> replace(p, "exit-polls/rey.csv", "Zahid Orudj", "Zahid Oruj,Zahid Oruc")
                , "exit-polls/rey.csv, line 1, column 'Zahid Oruc'"));
        c.add(fatalCase("election.yaml not YAML", p -> write(p, "election.yaml", "id: [unclosed\n"), "election.yaml",
                "cannot be read as YAML"));
        c.add(fatalCase("election id with spaces", p -> replace(p, "election.yaml", "id: az-2024-presidential", "id: AZ 2024"),
                "election.yaml, column 'id'"));
        c.add(fatalCase("election date not a date", p -> replace(p, "election.yaml", "date: 2024-02-07", "date: 7 Feb 2024"),
                "election.yaml, column 'date'"));
        c.add(fatalCase("final release with a negative count", p -> replace(p, "official/cec-final.csv", ",26517", ",-26517"),
                "official/cec-final.csv, line 2, column 'Aliyev Fuad Aghasi oghlu'", "negative"));
        c.add(fatalCase("final release with a thousands separator", p -> replace(p, "official/cec-final.csv", ",26517",
                ",\"26,517\""), "official/cec-final.csv, line 2, column 'Aliyev Fuad Aghasi oghlu'", "'26,517' is not a number"));
        c.add(fatalCase("formula payload as a candidate header", p -> replace(p, "exit-polls/rey.csv", "Fuad Aliyev",
                "\"=HYPERLINK(\"\"http://x\"\")\""), "exit-polls/rey.csv, line 1, column '=HYPERLINK"));
        return c.stream();
    }

    static Stream<Arguments> loaded() {
        List<Arguments> c = new ArrayList<>();
        c.add(fatalCase("non-numeric share in a poll", p -> replace(p, "exit-polls/rey.csv", "0.58", "n/a"),
                "ROW_REJECTED,exit-polls/rey.csv,2,Fazil Mustafa", "'n/a' is not a number", "SOURCE_NOT_USED"));
        c.add(fatalCase("negative share", p -> replace(p, "exit-polls/rey.csv", "0.58", "-0.58"),
                "ROW_REJECTED,exit-polls/rey.csv,2,Fazil Mustafa", "negative figure -0.58"));
        c.add(fatalCase("percent over 100", p -> replace(p, "exit-polls/src.csv", "92.4", "192.4"),
                "ROW_REJECTED,exit-polls/src.csv,2,aliyev-ilham", "percent 192.4 is over 100"));
        c.add(fatalCase("missing figure", p -> replace(p, "exit-polls/src.csv", ",0.3,", ",,"),
                "ROW_REJECTED,exit-polls/src.csv,2,nurullayev", "no figure for candidate"));
        c.add(fatalCase("fractional vote count", p -> replace(p, "official/cec-prelim-2.csv", ",24799", ",24799.5"),
                "ROW_REJECTED,official/cec-prelim-2.csv,2,Aliyev Fuad Aghasi oghlu", "not a whole number"));
        c.add(fatalCase("row with more cells than columns", p -> replace(p, "exit-polls/src.csv", "0.8,0.4", "0.8,0.4,0.1"),
                "ROW_REJECTED,exit-polls/src.csv,2,\"#8\"", "8 cells but the header has 7 columns"));
        c.add(fatalCase("votes that do not add up to valid", p -> replace(p, "official/cec-prelim-2.csv", "4651473", "4651000"),
                "VOTES_NE_VALID,official/cec-prelim-2.csv,2,valid"));
        c.add(fatalCase("BOM and CRLF line ends", p -> bytes(p, "exit-polls/src.csv",
                ("\uFEFF" + read(p, "exit-polls/src.csv").replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8)),
                "PERCENT_ROUNDING,exit-polls/src.csv,2"));
        c.add(fatalCase("same figures delivered twice", p -> write(p, "exit-polls/rey.csv", read(p, "exit-polls/src.csv")),
                "DUPLICATE_FIGURES,exit-polls/src.csv,2"));
        c.add(fatalCase("XLSX with a formula", p -> xlsx(p, sheet -> {
            Cell cell = sheet.getRow(1).getCell(0);
            cell.setCellFormula("93.8+0.1");
            cell.setCellValue(93.9);
        }), "XLSX_FORMULA,exit-polls/oracle.xlsx,2", "A2 holds a formula (93.8+0.1)"));
        c.add(fatalCase("XLSX with several sheets", p -> xlsx(p, sheet -> sheet.getWorkbook().createSheet("notes")),
                "XLSX_SHEETS,exit-polls/oracle.xlsx", "only the first"));
        c.add(fatalCase("XLSX with merged cells", p -> xlsx(p, sheet -> {
            sheet.createRow(3).createCell(0).setCellValue("source: Oracle");
            sheet.getRow(3).createCell(1);
            sheet.addMergedRegion(new CellRangeAddress(3, 3, 0, 1));
        }), "XLSX_MERGED,exit-polls/oracle.xlsx", "A4:B4"));
        c.add(fatalCase("XLSX with a date in a number column", p -> xlsx(p, sheet -> {
            Cell cell = sheet.getRow(1).getCell(1);
            var style = sheet.getWorkbook().createCellStyle();
            style.setDataFormat(sheet.getWorkbook().getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            cell.setCellStyle(style);
        }), "ROW_REJECTED,exit-polls/oracle.xlsx,2", "is not a number"));
        c.add(fatalCase("formula payloads in every text field", p -> {
            replace(p, "election.yaml", "name: Azerbaijan presidential election 2024", "name: \"=1+1\"");
            replace(p, "candidates.csv", "Zahid Oruj,independent", "\"+SUM(1,1)\",\"-1+1\"");
            replace(p, "candidates.csv", "Zahid Orudj", "Zahid Orudj|@SUM(A1)|Zahid Oruj");
            replace(p, "sources.csv", "\"\"\"Rey\"\" Monitoring Center\"", "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
            replace(p, "sources.csv", "\"200 stations in 33", "\"\tcmd 200 stations in 33");
            replace(p, "sources.csv", ",https://www.msk.gov.az/en/news/view/1285,", ",\"\r=1+2\",");
            replace(p, "exit-polls/rey.csv", "Zahid Orudj", "@SUM(A1)");
        }, "PERCENT_RESIDUAL"));
        return c.stream();
    }

    private static void delete(Path pkg, String file) {
        try {
            Files.delete(pkg.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdir(Path pkg, String dir) {
        try {
            Files.createDirectories(pkg.resolve(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bytes(Path pkg, String file, byte[] content) {
        try {
            Files.write(pkg.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the package's oracle.xlsx after a change to its first sheet. */
    private static void xlsx(Path pkg, Consumer<XSSFSheet> change) {
        Path file = pkg.resolve("exit-polls/oracle.xlsx");
        try {
            XSSFWorkbook wb;
            try (var in = Files.newInputStream(file)) {
                wb = new XSSFWorkbook(in);
            }
            change.accept(wb.getSheetAt(0));
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            wb.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** oracle.xlsx with 20 MB of blanks in its sheet: about 20 kB compressed, far beyond POI's inflate ratio. */
    private static void zipBomb(Path pkg) {
        Path file = pkg.resolve("exit-polls/oracle.xlsx");
        try {
            ByteArrayOutputStream bomb = new ByteArrayOutputStream();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file));
                 ZipOutputStream out = new ZipOutputStream(bomb)) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    byte[] content = in.readAllBytes();
                    out.write(content);
                    if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                        byte[] blanks = new byte[1 << 20];
                        java.util.Arrays.fill(blanks, (byte) ' ');
                        for (int i = 0; i < 20; i++) {
                            out.write(blanks);
                        }
                    }
                    out.closeEntry();
                }
            }
            Files.write(file, bomb.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
