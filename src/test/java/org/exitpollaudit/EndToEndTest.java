package org.exitpollaudit;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.report.MetricVocabulary;
import org.exitpollaudit.testing.TestPackages;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, end to end, as an analyst and a nightly schedule use it: the embedded Azerbaijan package,
 * another election (Russia 2024, national files) and a package carrying spreadsheet formula payloads.
 */
public class EndToEndTest {

    @TempDir
    Path tmp;

    private static Launch launch(String... args) {
        return capture(() -> ExitPollAuditApplication.run(args));
    }

    /**
     * Runs one of the independent Python checks (src/test/python, standard library only, written from
     * docs/figures.md) on a package and the figures.csv the job wrote for it, and requires 0 mismatches.
     */
    static void independentCheck(String script, Path pkg, Path figuresCsv) throws Exception {
        Process p = new ProcessBuilder("python3", Path.of("src", "test", "python", script).toString(), pkg.toString(),
                figuresCsv.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), script + " found mismatches:\n" + out);
        assertTrue(out.contains(" 0 mismatches"), out);
    }

    /**
     * Calibration is the table shipped in the jar (Methods sheet), not simulated in the run: no simulated election
     * appears as a release in figures.csv, on any sheet or on the console, where it could be taken for a real count.
     */
    static void noSimulatedRelease(Path report, Launch launch) throws IOException {
        assertFalse(Files.readString(report.resolve("figures.csv")).toLowerCase().contains("synthetic"));
        assertFalse(launch.all().toLowerCase().contains("synthetic"), launch.all());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> assertFalse(cell.getCellType() == CellType.STRING
                    && cell.getStringCellValue().toLowerCase().contains("synthetic"),
                    sheet.getSheetName() + "!" + cell.getAddress() + ": " + cell))));
        }
    }

    /** figures.csv as key "section|source|reference|unit|candidate|metric" → value. */
    static Map<String, String> figures(Path csv) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (CSVRecord r : records(csv)) {
            out.put(String.join("|", r.get("section"), r.get("source"), r.get("reference"), r.get("unit"),
                    r.get("candidate"), r.get("metric")), r.get("value"));
        }
        return out;
    }

    public static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static double value(Map<String, String> figures, String source, String candidate, String metric) {
        String v = figures.get(String.join("|", "accuracy", source, "cec-final", "", candidate, metric));
        assertNotNull(v, source + " " + candidate + " " + metric);
        return Double.parseDouble(v);
    }

    @Test
    void theAzerbaijanPackageGivesAWorkbookFiguresAndStableReruns() throws Exception {
        Path out = tmp.resolve("out");
        Launch first = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(0, first.code(), first.all());
        Path report = out.resolve("az-2024-presidential").resolve("latest").toRealPath();
        assertTrue(first.out().contains("Report written to " + report), first.out());
        for (String f : List.of("exit-poll-audit.xlsx", "figures.csv", "data-issues.csv", "manifest.json")) {
            assertTrue(Files.isRegularFile(report.resolve(f)), f);
        }

        // Figures against the independent Python implementation (src/test/python/recompute_figures.py, written
        // from docs/figures.md with the standard library only), values printed by it for this package with the
        // default parameters (deff 2.5, 40 respondents per station, tolerance 2 pp):
        independentCheck("recompute_figures.py", TestPackages.AZ, report.resolve("figures.csv"));
        assertEquals(Set.of(), MetricVocabulary.undefined(report.resolve("figures.csv")), "every figure defined");
        Map<String, String> fig = figures(report.resolve("figures.csv"));
        noSimulatedRelease(report, first);
        assertEquals(20000.0, value(fig, "oracle", "", "n"));
        assertEquals(1.0, value(fig, "oracle", "", "n_assumed"));
        assertEquals(47.599283662437, value(fig, "oracle", "", "chi2_rs"), 1e-9);
        assertEquals(1.4207356356790155e-8, value(fig, "oracle", "", "chi2_p"), 1e-15);
        assertEquals(5290.6624952764305, value(fig, "oracle", "", "n_critical"), 1e-7);
        assertEquals(9.450612289980814, value(fig, "oracle", "", "deff_critical"), 1e-9);
        assertEquals(0.27660646439164366, value(fig, "oracle", "", "b_w"), 1e-12);
        assertEquals(1.7763936912044809, value(fig, "oracle", "aliyev-ilham", "deviation_pp"), 1e-12);
        assertEquals(2.1472834934157525, value(fig, "oracle", "", "margin_error"), 1e-12);
        assertEquals(0.0, value(fig, "oracle", "", "verdict"));
        assertEquals(0.0, value(fig, "oracle", "", "coincides"));
        assertEquals(140.76149341134175, value(fig, "rey", "", "chi2_rs"), 1e-9);
        // Rey's 3.88 pp unattributed: differs however it is allocated (its smallest X² / deff is still 16.7)
        assertEquals(16.73597996994811, value(fig, "rey", "", "chi2_rs_min"), 1e-9);
        assertEquals(0.0, value(fig, "rey", "", "verdict"));
        assertEquals(0.03880000000000006, value(fig, "rey", "", "residual_share"), 1e-12);
        assertEquals(4.214304635856991, value(fig, "rey", "aliyev-ilham", "deviation_pp"), 1e-12);
        assertEquals(5012.0, value(fig, "src", "", "n"));
        assertEquals(0.0, value(fig, "src", "", "n_assumed"));
        assertEquals(7.7345114103774435, value(fig, "src", "", "chi2_rs"), 1e-9);
        assertEquals(0.25820605010645664, value(fig, "src", "", "chi2_p"), 1e-12);
        assertEquals(8159.408127702938, value(fig, "src", "", "n_critical"), 1e-7);
        assertEquals(0.21434263502225698, value(fig, "src", "", "mosteller_m3"), 1e-12);
        assertEquals(0.08521283205547153, value(fig, "src", "nurullayev", "p_holm"), 1e-12);
        // consistent as read, but a reading its rounding and 0.3 pp residual allow would differ: it depends
        assertEquals(1.0, value(fig, "src", "", "verdict_consistent"));
        assertEquals(-1.0, value(fig, "src", "", "verdict"));
        assertEquals(25.633840327488475, value(fig, "src", "", "chi2_rs_max"), 1e-9);
        // and its margin error, +0.52 pp (95 %: −1.06 to +2.10), coincides within ±2 pp
        assertEquals(0.5186977361439249, value(fig, "src", "", "margin_error"), 1e-12);
        assertEquals(1.0, value(fig, "src", "", "coincides"));

        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            List<String> sheets = Stream.iterate(0, i -> i < wb.getNumberOfSheets(), i -> i + 1).map(wb::getSheetName).toList();
            for (String s : List.of("Summary", "Poll oracle", "Poll rey", "Poll src", "Releases", "Agreement",
                    "Sensitivity", "Data quality", "Methods", "Provenance")) {
                assertTrue(sheets.contains(s), s + " in " + sheets);
            }
            assertFalse(wb.getSheet("Summary").getDrawingPatriarch().getCharts().isEmpty(), "Summary chart");
            assertFalse(wb.getSheet("Releases").getDrawingPatriarch().getCharts().isEmpty(), "Releases chart");
            XSSFSheet poll = wb.getSheet("Poll src");
            assertTrue(poll.getSheetConditionalFormatting().getNumConditionalFormattings() > 0, "highlighting");
            assertNotNull(poll.getPaneInformation(), "frozen header");
            assertTrue(poll.getPaneInformation().isFreezePane());
            assertNotNull(poll.getCTWorksheet().getAutoFilter(), "filter");
            String summary = text(wb.getSheet("Summary"));
            assertTrue(summary.contains("no (assumed)") && summary.contains("n = 20,000 is assumed (not published)"),
                    "assumed sample sizes are flagged: " + summary);
            String dq = text(wb.getSheet("Data quality"));
            assertTrue(dq.contains("TURNOUT_BELOW_VOTES") && dq.contains("PERCENT_RESIDUAL"), dq);
            String prov = text(wb.getSheet("Provenance"));
            assertTrue(prov.contains("exit-polls/oracle.xlsx") && prov.matches("(?s).*\\b[0-9a-f]{64}\\b.*"), prov);
        }

        // unchanged inputs: no new run, a one-line message naming the report
        Launch again = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(0, again.code(), again.all());
        assertTrue(again.out().startsWith("Inputs unchanged since run ") && again.out().contains(report.toString()),
                again.out());
        assertEquals(1, reportFolders(out.resolve("az-2024-presidential")));

        // a broken package: exit 2, a message naming file, line and column, the last good report untouched
        Path broken = TestPackages.copy(TestPackages.AZ, tmp.resolve("broken"));
        TestPackages.replace(broken, "exit-polls/src.csv", "nurullayev", "nurulayev-razi");
        Launch bad = launch("--input=" + broken, "--output=" + out);
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().contains("exit-polls/src.csv, line 1, column 'nurulayev-razi'"), bad.err());
        assertTrue(bad.err().contains("aliyev-ilham (Ilham Aliyev)"), "lists the known candidates: " + bad.err());
        assertFalse(bad.all().contains("\tat org."), "no stack trace: " + bad.all());
        assertEquals(report, out.resolve("az-2024-presidential").resolve("latest").toRealPath());
        assertEquals(1, reportFolders(out.resolve("az-2024-presidential")));
    }

    @Test
    void anotherElectionWithFivePollsAndBallotBasesRunsWithoutCodeChanges() throws Exception {
        Path out = tmp.resolve("out");
        Path pkg = TestPackages.ru(tmp.resolve("ru"));
        Launch ru = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, ru.code(), ru.all());
        Path report = out.resolve("ru-2024-presidential").resolve("latest");
        independentCheck("recompute_figures.py", pkg, report.resolve("figures.csv"));
        independentCheck("recompute_forensics.py", pkg, report.resolve("figures.csv"));
        assertEquals(Set.of(), MetricVocabulary.undefined(report.resolve("figures.csv")), "every figure defined");
        Map<String, String> fig = figures(report.resolve("figures.csv"));
        noSimulatedRelease(report, ru);
        // FOM published 87.8 / 4.7 / 3.6 / 2.5 with 1.4 % invalid, of all ballots: over the candidates 87.8 / 98.6
        assertEquals(87.8 / 98.6, Double.parseDouble(fig.get("accuracy|fom|cec-final||putin|poll_share")), 1e-12);
        assertEquals(0.014, Double.parseDouble(fig.get("accuracy|fom|cec-final|||invalid_share_published")), 1e-12);

        // Kobak, Shpilkin & Pshenichnikov's published counts (package README, from dkobak/elections
        // analysis/2024/2024.ipynb): 85,345 stations included, 19,375 with an integer turnout or leader share
        // (10,838 by turnout, 10,051 by the leader's share), about 16,444 expected; over all 91,946 stations with
        // figures, turnout 75.40 % and the leader's share of ballots found 86.81 %.
        String k = "forensics|cec-stations||||";
        assertEquals(85345.0, Double.parseDouble(fig.get(k + "integer_stations_included")));
        assertEquals(19375.0, Double.parseDouble(fig.get(k + "integer_either_observed")));
        assertEquals(10838.0, Double.parseDouble(fig.get(k + "integer_turnout_observed")));
        assertEquals(10051.0, Double.parseDouble(fig.get(k + "integer_leader_observed")));
        assertEquals(16444, Double.parseDouble(fig.get(k + "integer_either_expected")), 10);
        assertEquals(91946.0, Double.parseDouble(fig.get(k + "stations_with_figures")));
        assertEquals(75.40, Double.parseDouble(fig.get(k + "turnout_pct")), 0.005);
        assertEquals(86.81, Double.parseDouble(fig.get(k + "leader_share_pct")), 0.005);

        // Shpilkin's slopes, the 0.1-point histograms and the stations at >= 95 % / >= 95 %, as printed for this
        // package by src/test/python/recompute_forensics.py (standard library, written from docs/figures.md; 0
        // mismatches on its 3,499 figures): Putin's votes rise with turnout faster than his share (slope 1.054 against
        // 0.867), the others' fall (-0.037); turnout bins 79.9 / 80.0 / 80.1 hold 163 / 322 / 266 stations
        String putin = "forensics|cec-stations|||putin|";
        assertEquals(1.0538840095011028, Double.parseDouble(fig.get(putin + "turnout_slope")), 1e-9);
        assertEquals(0.0010822550751146982, Double.parseDouble(fig.get(putin + "turnout_slope_se")), 1e-12);
        assertEquals(0.867371940902609, Double.parseDouble(fig.get(putin + "turnout_slope_share")), 1e-9);
        assertEquals(-0.03739747389908183, Double.parseDouble(fig.get(k + "turnout_slope_others")), 1e-9);
        assertEquals(6726.0, Double.parseDouble(fig.get(k + "stations_turnout_and_leader_95")));
        assertEquals(322.0, Double.parseDouble(fig.get("forensics|cec-stations||80.0||turnout_histogram_tenths")));
        assertEquals(163.0, Double.parseDouble(fig.get("forensics|cec-stations||79.9||turnout_histogram_tenths")));
        // the regions significant after Holm, as the README reports them: figures the Forensics sheet shows
        assertEquals(22.0, Double.parseDouble(fig.get(k + "districts_integer_significant")));
        assertEquals(76.0, Double.parseDouble(fig.get(k + "districts_turnout_leader_significant")));
        // the 2,268 stations without figures are rejected rows, each listed with its line; the station files'
        // gap to the final protocol is shown per candidate (final 76,277,708 for Putin minus the stations' sum)
        String issues = Files.readString(report.resolve("data-issues.csv"));
        assertEquals(2268, issues.lines().filter(l -> l.startsWith("ERROR,ROW_REJECTED,official/stations.csv,")).count());
        assertEquals(2268.0, Double.parseDouble(fig.get("reconciliation|cec-stations||||stations_rejected")));
        assertEquals(76277708 - 65246672, Double.parseDouble(fig.get("reconciliation|cec-stations|cec-final||putin|votes_gap")));
        assertTrue(issues.contains("LEVEL_GAP"), issues.substring(0, 300));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            for (String s : List.of("Districts", "Forensics", "Fingerprint", "Reconciliation", "Stations")) {
                assertNotNull(wb.getSheet(s), s);
            }
            // the streamed sheets in their places, in the order an analyst reads them
            List<String> order = new ArrayList<>();
            wb.forEach(sheet -> order.add(sheet.getSheetName()));
            assertEquals(List.of("Summary", "Poll vciom", "Poll fom", "Poll spb-iac", "Releases", "Agreement",
                    "Sensitivity", "Districts", "Forensics", "Fingerprint", "Reconciliation", "Stations", "Data quality",
                    "Methods", "Provenance"), order);
            assertEquals(91, wb.getSheet("Districts").getLastRowNum() - 3, "91 districts below the header (row 4)");
            assertEquals("r05", wb.getSheet("Districts").getRow(8).getCell(0).getStringCellValue());
            assertFalse(wb.getSheet("Forensics").getDrawingPatriarch().getCharts().isEmpty());
            assertFalse(wb.getSheet("Forensics").getRow(3).getCell(0).getStringCellValue().contains("synthetic"));
            // the streamed fingerprint: the leader-share column frozen, a three-colour scale over the 101 × 101 grid of
            // the one station-level release, its header 0 … 100 across and 100 … 0 down, counts as whole numbers
            XSSFSheet fp = wb.getSheet("Fingerprint");
            assertTrue(fp.getPaneInformation().isFreezePane());
            assertEquals(1, fp.getPaneInformation().getVerticalSplitPosition());
            assertEquals(16 * 256, fp.getColumnWidth(0));
            assertEquals(4 * 256, fp.getColumnWidth(101));
            assertEquals(1, fp.getSheetConditionalFormatting().getNumConditionalFormattings());
            var grid = fp.getSheetConditionalFormatting().getConditionalFormattingAt(0);
            CellRangeAddress range = grid.getFormattingRanges()[0];
            assertEquals(List.of(100, 1, 101), List.of(range.getLastRow() - range.getFirstRow(), range.getFirstColumn(),
                    range.getLastColumn()));
            assertEquals(3, grid.getRule(0).getColorScaleFormatting().getNumControlPoints());
            assertEquals(0.0, fp.getRow(range.getFirstRow() - 1).getCell(1).getNumericCellValue());
            assertEquals(100.0, fp.getRow(range.getFirstRow() - 1).getCell(101).getNumericCellValue());
            assertEquals(100.0, fp.getRow(range.getFirstRow()).getCell(0).getNumericCellValue());
            assertEquals(0.0, fp.getRow(range.getLastRow()).getCell(0).getNumericCellValue());
            double stations = 0;
            for (int r = range.getFirstRow(); r <= range.getLastRow(); r++) {
                for (Cell c : fp.getRow(r)) {
                    if (c.getColumnIndex() > 0) {
                        stations += c.getNumericCellValue();
                        assertEquals("0", c.getCellStyle().getDataFormatString());
                    }
                }
            }
            double inFigures = fig.entrySet().stream().filter(e -> e.getKey().startsWith("forensics|cec-stations|")
                    && e.getKey().endsWith("|fingerprint_stations")).mapToDouble(e -> Double.parseDouble(e.getValue()))
                    .sum();
            // 91,939 of the 91,946 stations with figures (those with a turnout and a leader's share to place)
            assertEquals(91939.0, inFigures);
            assertEquals(inFigures, stations, "the grid holds the fingerprint's figures");
        }
        assertTrue(Files.readAllLines(report.resolve("stations-flagged.csv")).size() > 1);

        // two more polls in the same package: five polls, nothing else changes
        TestPackages.write(pkg, "exit-polls/extra-a.csv", "putin,kharitonov,davankov,slutsky\n86,5,5,4\n");
        TestPackages.write(pkg, "exit-polls/extra-b.csv", "Путин,Харитонов,Даванков,Слуцкий,other\n85,4,4,3,4\n");
        String sources = TestPackages.read(pkg, "sources.csv");
        TestPackages.write(pkg, "sources.csv", sources
                + "extra-a,exit_poll,Pollster A,2024-03-17,national,percent,exit-polls/extra-a.csv,2000,,,,,,,,\n"
                + "extra-b,exit_poll,Pollster B,2024-03-17,national,percent,exit-polls/extra-b.csv,,100,,,,,,,\n");
        Launch five5 = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, five5.code(), five5.all());
        Map<String, String> f5 = figures(out.resolve("ru-2024-presidential").resolve("latest").resolve("figures.csv"));
        assertEquals("5.0", f5.get("agreement|||||polls"));
        // 5 polls x 4 candidates: (5 - 1)(4 - 1) = 12 degrees of freedom
        assertEquals("12.0", f5.get("agreement|||||homogeneity_df"));
        assertEquals("4000.0", f5.get("accuracy|extra-b|cec-final|||n"));
        assertEquals(2, reportFolders(out.resolve("ru-2024-presidential")));
    }

    @Test
    void aStationLevelOnlyPackageFromTheBenchmarkGeneratorIsComparedThroughItsSums() throws Exception {
        // the benchmark's package: every official release per station only, five polls with a national topline and
        // a station file each; 3,000 stations, 12 candidates, 300 sampled stations per poll
        Path pkg = tmp.resolve("synthetic");
        SyntheticPackage.write(new SyntheticPackage.Spec(7, 3000, 30, 12, 5, 300, 30), pkg);
        Path out = tmp.resolve("out");
        Launch run = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, run.code(), run.all());
        Path report = out.resolve("synthetic-3000").resolve("latest");
        Map<String, String> fig = figures(report.resolve("figures.csv"));
        assertEquals(Set.of(), MetricVocabulary.undefined(report.resolve("figures.csv")), "every figure defined");

        // the final release's national figures are the sum of its 3,000 station rows, read back here independently
        long[] sum = new long[12];
        for (CSVRecord r : records(pkg.resolve("official/final.csv"))) {
            for (int j = 0; j < 12; j++) {
                sum[j] += Long.parseLong(r.get("c" + (j + 1)));
            }
        }
        long valid = java.util.Arrays.stream(sum).sum();
        assertEquals(sum[0] / (double) valid, Double.parseDouble(fig.get("accuracy|poll1|cec-final||c1|official_share")),
                1e-12);
        // each release of the package is compared, the partial ones too, and the station files are not double
        // counted as polls (their organizations publish national toplines)
        assertNotNull(fig.get("accuracy|poll5|cec-prelim-1|||chi2_p"));
        assertNull(fig.get("accuracy|poll1-stations|cec-final|||chi2_p"));
        // honest polls drawn from the count: the national topline is consistent with it at 5 % for most polls
        long consistent = java.util.stream.IntStream.rangeClosed(1, 5).filter(k -> "1.0".equals(
                fig.get("accuracy|poll" + k + "|cec-final|||verdict_consistent"))).count();
        assertTrue(consistent >= 3, consistent + " of 5 honest polls consistent");
        // forensics, reconciliation (nothing missing: the stations are the whole election) and local comparison
        assertEquals(3000.0, Double.parseDouble(fig.get("forensics|cec-final||||stations_with_figures")));
        assertEquals(0.0, Double.parseDouble(fig.get("reconciliation|cec-final||||stations_missing")));
        assertEquals(300.0, Double.parseDouble(fig.get("district|poll1-stations|cec-final|||stations_compared")));
        assertTrue(Files.readString(report.resolve("data-issues.csv")).contains("no national-level official release"));
        // a station file beside its organization's topline is compared station by station, and said to be so: on the
        // console, on its own sheet (with its local comparison's national figures), and it is not "left out"
        assertTrue(run.out().contains("  poll1-stations  compared station by station only, not nationally (see its"
                + " sheet in the workbook)"), run.out());
        assertFalse(run.all().contains("not compared"), run.all());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            XSSFSheet poll = wb.getSheet("Poll poll1-stations");
            assertEquals("Compared with cec-final station by station, not as a national share. Pollster 1's national"
                    + " figures are poll1's (see its sheet); its design effect is estimated from these stations. The"
                    + " summary of the station by station comparison follows; each unit's figures are in figures.csv"
                    + " (section district), flagged units on the Stations sheet.",
                    poll.getRow(1).getCell(0).getStringCellValue());
            assertEquals("1.0", fig.get("accuracy|poll1|cec-final|||deff_estimated"), "the sentence above is true");
            assertEquals("Polled stations compared", poll.getRow(3).getCell(0).getStringCellValue());
            assertEquals(300.0, poll.getRow(3).getCell(1).getNumericCellValue());
            assertEquals("Mean within-precinct error, WPE (pp)", poll.getRow(5).getCell(0).getStringCellValue());
            assertEquals(Double.parseDouble(fig.get("district|poll1-stations|cec-final|||wpe_mean")),
                    poll.getRow(5).getCell(1).getNumericCellValue());
            StringBuilder summary = new StringBuilder();
            wb.getSheet("Summary").forEach(r -> r.forEach(c -> summary.append(c.toString()).append('\n')));
            assertFalse(summary.toString().contains("left out"), summary.toString());
            assertTrue(wb.getSheet("Summary").getRow(0).getCell(0).getStringCellValue().endsWith(" The station files"
                    + " poll1-stations, poll2-stations, poll3-stations, poll4-stations and poll5-stations are compared"
                    + " with cec-final station by station only, not nationally (see their sheets)."), summary.toString());
        }
        // the Districts sheet screens the final count, district by district, not the first (partial) release
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            XSSFSheet districts = wb.getSheet("Districts");
            assertEquals("Districts (screened release: cec-final)", districts.getRow(0).getCell(0).getStringCellValue());
            Row first = districts.getRow(4);
            String d = first.getCell(0).getStringCellValue();
            double turnout = Double.parseDouble(fig.get("forensics|cec-final||" + d + "||turnout_pct"));
            assertEquals(turnout, first.getCell(4).getNumericCellValue(), 0);
            assertNotEquals(Double.parseDouble(fig.get("forensics|cec-prelim-1||" + d + "||turnout_pct")),
                    turnout, "the releases differ in this district");
        }
    }

    /**
     * A station file whose station ids match none of the count's (written another way) is a source left out: said
     * once as such, on the console, in data-issues.csv and on Summary, with exit code 4, not as a comparison of no
     * stations.
     */
    @Test
    void aStationFileWhoseStationsMatchNoneOfTheCountsIsLeftOut() throws Exception {
        Path pkg = tmp.resolve("synthetic");
        SyntheticPackage.write(new SyntheticPackage.Spec(7, 3000, 30, 12, 5, 300, 30), pkg);
        Path file = pkg.resolve("exit-polls/poll1-stations.csv");
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            cells[1] = "X-" + cells[1];
            lines.set(i, String.join(",", cells));
        }
        Files.write(file, lines);
        Path out = tmp.resolve("out");
        Launch run = launch("--input=" + pkg, "--output=" + out);
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, run.code(), run.all());
        assertTrue(run.out().contains("  poll1-stations  not compared with the final release (see the data issues)"),
                run.out());
        assertTrue(run.out().contains("  poll2-stations  compared station by station only"), run.out());
        String expected = "poll1-stations: none of its 300 stations could be compared with the official figures (their"
                + " ids must be written as in the official station-level file (official/final.csv)); it is left out of"
                + " the station-by-station comparison";
        assertTrue(run.err().contains(expected), run.err());
        Path report = out.resolve("synthetic-3000").resolve("latest");
        assertTrue(Files.readString(report.resolve("data-issues.csv")).contains("SOURCE_NOT_USED,exit-polls/poll1-stations"
                + ".csv,,,\"" + expected), "data-issues.csv");
        Map<String, String> fig = figures(report.resolve("figures.csv"));
        assertNull(fig.get("district|poll1-stations|cec-final|||stations_compared"), "no comparison of no stations");
        assertEquals("300.0", fig.get("district|poll2-stations|cec-final|||stations_compared"));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            StringBuilder summary = new StringBuilder();
            wb.getSheet("Summary").forEach(r -> r.forEach(c -> summary.append(c.toString()).append('\n')));
            assertTrue(summary.toString().contains(expected), summary.toString());
            assertTrue(wb.getSheet("Summary").getRow(0).getCell(0).getStringCellValue().endsWith(" The station files"
                    + " poll2-stations, poll3-stations, poll4-stations and poll5-stations are compared with cec-final"
                    + " station by station only, not nationally (see their sheets). 1 exit poll was left out (below)."),
                    summary.toString());
        }
    }

    @Test
    void textFromInputFilesNeverBecomesAFormula() throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, tmp.resolve("payload"));
        TestPackages.replace(pkg, "sources.csv", "\"\"\"Rey\"\" Monitoring Center\"", "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        TestPackages.replace(pkg, "sources.csv", "\"200 stations in 33", "\"+cmd|' /C calc'!A0 200 stations in 33");
        TestPackages.replace(pkg, "candidates.csv", "Fuad Aliyev,independent,Aliyev Fuad Aghasi oghlu",
                "@SUM(1+1),-2+3,Aliyev Fuad Aghasi oghlu|Fuad Aliyev");
        TestPackages.replace(pkg, "election.yaml", "name: Azerbaijan presidential election 2024", "name: \"=1+1\"");
        Path out = tmp.resolve("out");
        Launch run = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, run.code(), run.all());
        Path report = out.resolve("az-2024-presidential").resolve("latest");
        int texts = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report.resolve("exit-poll-audit.xlsx")))) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                for (Row r : wb.getSheetAt(s)) {
                    for (Cell c : r) {
                        assertNotEquals(CellType.FORMULA, c.getCellType(), wb.getSheetName(s) + "!" + c.getAddress());
                        if (c.getCellType() == CellType.STRING && c.getStringCellValue().startsWith("=HYPERLINK")) {
                            texts++;
                        }
                    }
                }
            }
        }
        assertTrue(texts > 0, "the payload is shown as text");
        for (String csv : List.of("figures.csv", "data-issues.csv")) {
            for (CSVRecord r : records(report.resolve(csv))) {
                for (String field : r) {
                    assertFalse(!field.isEmpty() && "=+@\t\r".indexOf(field.charAt(0)) >= 0, csv + ": " + field);
                    assertFalse(field.startsWith("-") && !field.matches("-[0-9.E-]+"), csv + ": " + field);
                }
            }
        }
    }

    @Test
    void helpAndBadOptions() {
        Launch help = launch("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--input=<folder>") && help.out().contains("Exit codes"), help.out());
        Launch bad = launch("--deff=high");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--deff=high is not a number"), bad.err());
        Launch missing = launch("--input=" + tmp.resolve("nowhere"), "--output=" + tmp.resolve("out"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    private static String text(XSSFSheet sheet) {
        StringBuilder b = new StringBuilder();
        for (Row r : sheet) {
            for (Cell c : r) {
                if (c.getCellType() == CellType.STRING) {
                    b.append(c.getStringCellValue()).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static long reportFolders(Path electionDir) throws IOException {
        try (Stream<Path> s = Files.list(electionDir)) {
            return s.filter(p -> !Files.isSymbolicLink(p) && Files.isDirectory(p)
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
