package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.AnalysisParameters;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;

/**
 * Summary from figures written out here (the names of docs/figures.md "Uncertainty, margin and pooled figures"):
 * one poll of each verdict, one poll left out, and a data problem of the count itself.
 */
class SummarySheetTest {

    private static final String FINAL = "count";

    private static Source source(String id, Source.Kind kind, String org, String file, boolean fin) {
        Source.ValueType values = kind == Source.Kind.OFFICIAL ? Source.ValueType.VOTES : Source.ValueType.PERCENT;
        return new Source(id, kind, Source.Level.NATIONAL, values, Source.ShareBase.VALID, file,
                new Source.Published(org, "2025-01-02", null, null, 2), Source.Sample.NONE, Source.Coverage.of(fin));
    }

    private static void add(List<Figure> out, String poll, String candidate, String metric, double value) {
        out.add(new Figure(Figure.ACCURACY, poll, FINAL, Figure.NATIONAL, null, candidate, metric, value));
    }

    /** The figures of a compared poll: n, deff, tolerance 2 pp and the three candidates' deviations. */
    private static void poll(List<Figure> out, String id, double n, boolean assumed, double verdict, double coincides,
                             double chi2p, double deffCritical, double... deviations) {
        add(out, id, null, "n", n);
        add(out, id, null, "n_assumed", assumed ? 1 : 0);
        add(out, id, null, "deff", 1.7);
        add(out, id, null, "chi2_p", chi2p);
        add(out, id, null, "verdict", verdict);
        add(out, id, null, "coincides", coincides);
        add(out, id, null, "tolerance", 2.0);
        add(out, id, null, "deff_critical", deffCritical);
        String[] candidates = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            add(out, id, candidates[i], "deviation_pp", deviations[i]);
            add(out, id, candidates[i], "official_share", 0.5 - 0.2 * i);
            add(out, id, candidates[i], "poll_share", 0.5 - 0.2 * i + deviations[i] / 100);
        }
    }

    static XSSFWorkbook summary() {
        List<Candidate> candidates = List.of(new Candidate("a", "Ann", null, List.of()),
                new Candidate("b", "Bob", null, List.of()), new Candidate("c", "Cid", null, List.of()));
        List<Source> sources = List.of(source(FINAL, Source.Kind.OFFICIAL, "Election Board", "official/count.csv", true),
                source("p1", Source.Kind.EXIT_POLL, "Pollster One", "exit-polls/p1.csv", false),
                source("p2", Source.Kind.EXIT_POLL, "Pollster Two", "exit-polls/p2.csv", false),
                source("p3", Source.Kind.EXIT_POLL, "Pollster Three", "exit-polls/p3.csv", false),
                source("p4", Source.Kind.EXIT_POLL, "Pollster Four", "exit-polls/p4.csv", false));
        ElectionPackage pkg = new ElectionPackage(null, new Election("t", "Testland election 2025",
                LocalDate.of(2025, 1, 1), "TL", null, null, null), candidates, List.of(), sources);
        List<Figure> f = new ArrayList<>();
        // p1: consistent, coincides; interval of the margin error and of Ann's deviation given as bounds
        poll(f, "p1", 1000, false, 1, 1, 0.42, 0.6, 0.5, -0.4, -0.1);
        add(f, "p1", null, "margin_error", 0.5);
        add(f, "p1", null, "margin_error_ci_low", -1.2);
        add(f, "p1", null, "margin_error_ci_high", 2.2);
        add(f, "p1", "a", "deviation_ci_low", -1.46);
        add(f, "p1", "a", "deviation_ci_high", 2.46);
        add(f, "p1", "a", "mde_pp", 1.9);
        add(f, "p1", "b", "mde_pp", 2.4);
        // p2: differs at any design effect the grid shows, n assumed; a p-value far below any threshold
        poll(f, "p2", 20000, true, 0, 0, 4.09e-13, 12, 4.2, -2.0, -2.2);
        // p3: depends on who the unpublished 3.88 pp belong to; Cid's interval from se = 0.005:
        // half-width 1.959964 × 100 × 0.005 = 0.979982 pp, so −3.0 ± 0.98 = −3.98 to −2.02
        poll(f, "p3", 5000, false, -1, 0, 0.03, 3.1, 1.0, 2.0, -3.0);
        add(f, "p3", null, "residual_share", 0.0388);
        add(f, "p3", null, "chi2_rs_min", 1.35);
        add(f, "p3", null, "chi2_rs_max", 210.2);
        add(f, "p3", "c", "se", 0.005);
        List<DataIssue> issues = List.of(
                DataIssue.error(IssueCode.TURNOUT_BELOW_VOTES, "official/count.csv", 2, "turnout_pct",
                        "count: the valid votes alone are 6,355 more than the turnout allows"),
                DataIssue.error(IssueCode.SOURCE_NOT_USED, "exit-polls/p4.csv", 2, null,
                        "p4 has no candidate the count reports; it is left out of the comparison"),
                DataIssue.error(IssueCode.ROW_REJECTED, "official/stations.csv", 7, "valid", "row rejected"),
                DataIssue.warning(IssueCode.VERDICT_DEPENDS_ON_UNPUBLISHED, "exit-polls/p3.csv", null, null, "p3 vs count: the verdict depends"
                        + " on what the poll did not publish; it would be consistent if its shares were Ann −1.00 pp."),
                DataIssue.error(IssueCode.ROW_REJECTED, "official/stations.csv", 8, "valid", "row rejected"));
        ReportData data = new ReportData(pkg, f, issues, List.of(), List.of(), Map.of(), AnalysisParameters.DEFAULTS,
                Map.of(), "", 0, 0, null);
        XSSFWorkbook wb = new XSSFWorkbook();
        SummarySheet.write(wb, new Styles(wb), data);
        return wb;
    }

    private static String text(Row r, int col) {
        return r.getCell(col) == null ? "" : r.getCell(col).getStringCellValue();
    }

    @Test
    void theHeadlineAndOneRowPerPollAnswerTheQuestion() throws Exception {
        try (XSSFWorkbook wb = summary()) {
            XSSFSheet s = wb.getSheet(SummarySheet.NAME);
            assertEquals("Testland election 2025: 1 of 3 exit polls coincides with the official count within ±2 pp;"
                    + " 1 differs from it beyond sampling error; 1 is within sampling error; whether 1 is within sampling"
                    + " error depends on what it did not publish."
                    + " 1 exit poll was left out (below).", s.getRow(0).getCell(0).getStringCellValue());
            Row header = s.getRow(3);
            assertEquals("Within sampling error?", text(header, 9));
            assertEquals("Coincides within ±2 pp?", text(header, 10));
            assertTrue(header.getCell(10).getCellComment().getString().getString().contains("90 % intervals"));
            assertTrue(header.getCell(1).getCellComment() != null, "n carries its note");

            Row p1 = s.getRow(4);
            assertEquals("Pollster One (p1)", text(p1, 0));
            assertEquals("yes", text(p1, 2));
            assertEquals("−1.20 to +2.20 pp", text(p1, 4));
            assertEquals("Ann", text(p1, 5));
            assertEquals("−1.46 to +2.46 pp", text(p1, 7));
            assertEquals("yes", text(p1, 9));
            assertEquals("yes", text(p1, 10));
            // deff_critical below 1: no design effect turns it; the largest MDE over the candidates
            assertEquals("power: gaps up to 2.40 pp could go undetected (80 % power)", text(p1, 11));

            Row p2 = s.getRow(5);
            assertEquals("no (assumed)", text(p2, 2));
            assertEquals("no", text(p2, 9));
            assertEquals("no", text(p2, 10));
            assertEquals("n = 20,000 is assumed (not published); not the design effect (differs up to deff 12.0)",
                    text(p2, 11));
            assertEquals(Styles.P_VALUE, p2.getCell(8).getCellStyle().getDataFormatString());
            assertEquals("< 0.001", new DataFormatter().formatCellValue(p2.getCell(8)));

            Row p3 = s.getRow(6);
            assertEquals("Cid", text(p3, 5));
            assertEquals("−3.98 to −2.02 pp", text(p3, 7));
            assertEquals("depends", text(p3, 9));
            assertEquals("who the unpublished 3.88 pp belong to (χ² from 1.35 to 210.20 over the readings);"
                    + " the design effect: within sampling error as read if deff > 3.10 (1.70 used)", text(p3, 11));
            assertNull(s.getRow(7), "three polls compared, p4 left out: the row below is blank");

            // the count's own arithmetic and the poll left out, on Summary; the station file's rows only counted
            String below = "";
            for (int r = 8; r <= 16; r++) {
                below += text(s.getRow(r) == null ? s.createRow(r) : s.getRow(r), 0) + "\n";
            }
            assertTrue(below.startsWith("p3 vs count: the verdict depends on what the poll did not publish; it would be"
                    + " consistent if its shares were Ann −1.00 pp.\n"), below);
            // where each is, as the Data quality sheet and the console name it
            assertTrue(below.contains("official/count.csv, line 2, column 'turnout_pct': count: the valid votes alone"
                    + " are 6,355 more"), below);
            assertTrue(below.contains("exit-polls/p4.csv, line 2: p4 has no candidate"), below);
            assertTrue(below.contains("Elsewhere in the input (not in the figures above): ROW_REJECTED in"
                    + " official/stations.csv × 2; 0 warnings"), below);
        }
    }

    @Test
    void theForestPlotDrawsEachPollInItsColourWithItsIntervals() throws Exception {
        try (XSSFWorkbook wb = summary()) {
            XSSFSheet s = wb.getSheet(SummarySheet.NAME);
            List<XSSFChart> charts = s.getDrawingPatriarch().getCharts();
            assertEquals(1, charts.size());
            var plot = charts.get(0).getCTChart().getPlotArea();
            var bars = plot.getBarChartArray(0);
            assertEquals(3, bars.sizeOfSerArray(), "one series per compared poll");
            // fixed colours by the poll's place in sources.csv
            assertEquals("1F77B4", hex(bars.getSerArray(0).getSpPr().getSolidFill().getSrgbClr().getVal()));
            assertEquals("2CA02C", hex(bars.getSerArray(2).getSpPr().getSolidFill().getSrgbClr().getVal()));
            // p3's error bars read its half-widths from the cells (column G of the table below the chart)
            var err = bars.getSerArray(2).getErrBars();
            String ref = err.getPlus().getNumRef().getF();
            assertEquals(ref, err.getMinus().getNumRef().getF());
            var range = org.apache.poi.ss.util.CellRangeAddress.valueOf(ref.substring(ref.indexOf('!') + 1));
            assertEquals(0.979982, s.getRow(range.getLastRow()).getCell(range.getFirstColumn()).getNumericCellValue(), 1e-6);
            // the tolerance band: two dashed lines at ±2
            assertEquals(2, plot.getLineChartArray(0).sizeOfSerArray());
            // axis scaled to the data: the farthest end of a bar or interval is p2's +4.2 (no interval given);
            // with 10 % room 4.62, rounded up to the next step of 1, 1.5, 2, 2.5, 3, 4, 5, … : ±5
            var axis = plot.getValAxArray(0).getScaling();
            assertEquals(5.0, axis.getMax().getVal());
            assertEquals(-5.0, axis.getMin().getVal());
        }
    }

    private static String hex(byte[] rgb) {
        return String.format("%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    }
}
