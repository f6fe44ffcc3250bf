package org.exitpollaudit.report;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.election.Candidate;

/**
 * Forensics: the screening of each official station-level release — the integer-percentage test, the digit tests per
 * candidate and the turnout and leader-share distributions with their charts. The 2-D fingerprint has its own
 * sheet ({@link FingerprintSheet}).
 */
final class ForensicsSheet {

    static final String NAME = "Forensics";

    private ForensicsSheet() {
    }

    /** Official sources that were screened. */
    static List<String> sources(ReportData data) {
        return data.figures().stream().filter(f -> Figure.FORENSICS.equals(f.section())).map(Figure::source).distinct()
                .toList();
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        List<String> sources = sources(data);
        if (sources.isEmpty()) {
            return;
        }
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        w.title("Forensics: screening the official station results");
        w.line("A screen, not a verdict: each test flags patterns that honest counts rarely produce. See Methods for the"
                + " tests, their references and their calibrated false-positive rates.");
        for (String src : sources) {
            w.skip();
            w.text(w.row(), 0, "Release " + src, styles.subtitle);
            int h = w.header("Measure", "Value", "Meaning");
            row(w, "Stations with figures", f, src, "stations_with_figures", Styles.INTEGER, "stations whose protocol has every figure");
            row(w, "Turnout", f, src, "turnout_pct", "0.00\" %\"", "ballots cast / registered, all stations");
            row(w, "Leader's share", f, src, "leader_share_pct", "0.00\" %\"", "leader's votes / ballots found (valid + invalid)");
            row(w, "Stations in the integer test", f, src, "integer_stations_included", Styles.INTEGER,
                    "found > 0, registered ≥ 100, turnout ≤ 99 %, leader share ≤ 99 % (Kobak et al.)");
            row(w, "… integer turnout", f, src, "integer_turnout_observed", Styles.INTEGER, "turnout within ±0.05 pp of a whole percent");
            row(w, "… integer leader share", f, src, "integer_leader_observed", Styles.INTEGER, "leader share within ±0.05 pp of a whole percent");
            row(w, "… either (observed)", f, src, "integer_either_observed", Styles.INTEGER, "stations with either");
            row(w, "… either (expected)", f, src, "integer_either_expected", "#,##0.0", "exact binomial expectation under honest counting");
            row(w, "… excess", f, src, "integer_either_excess", "+#,##0.0;-#,##0.0", "observed − expected");
            row(w, "… z", f, src, "integer_either_z", "0.00", "excess / its standard deviation");
            row(w, "… p (one-sided)", f, src, "integer_either_p", Styles.P_VALUE, "chance of so large an excess by rounding luck");
            w.table(h, 2);
            w.skip();
            int dh = w.header("Candidate", "2BL counts", "2BL mean (4.187)", "2BL χ²", "2BL p", "Last-digit counts",
                    "Last-digit χ²", "Last-digit p");
            for (Candidate c : data.pkg().candidates()) {
                Double n = get(f, src, Figure.NATIONAL, null, c.id(), "benford2_n");
                if (n == null) {
                    continue;
                }
                Row r = w.row();
                w.text(r, 0, c.name());
                w.number(r, 1, n, Styles.INTEGER);
                w.number(r, 2, get(f, src, Figure.NATIONAL, null, c.id(), "benford2_mean"), "0.000");
                w.number(r, 3, get(f, src, Figure.NATIONAL, null, c.id(), "benford2_chi2"), "0.00");
                w.number(r, 4, get(f, src, Figure.NATIONAL, null, c.id(), "benford2_p"), Styles.P_VALUE);
                w.number(r, 5, get(f, src, Figure.NATIONAL, null, c.id(), "last_digit_n"), Styles.INTEGER);
                w.number(r, 6, get(f, src, Figure.NATIONAL, null, c.id(), "last_digit_chi2"), "0.00");
                w.number(r, 7, get(f, src, Figure.NATIONAL, null, c.id(), "last_digit_p"), Styles.P_VALUE);
            }
            w.skip();
            distributions(w, f, src);
        }
        w.widths(30, 14, 16, 12, 12, 16, 14, 12);
    }

    private static void row(SheetWriter w, String label, FigureIndex f, String src, String metric, String format,
                            String meaning) {
        Row r = w.row();
        w.text(r, 0, label);
        w.number(r, 1, get(f, src, Figure.NATIONAL, null, null, metric), format);
        w.text(r, 2, meaning);
    }

    private static Double get(FigureIndex f, String src, String level, String unit, String candidate, String metric) {
        return f.get(Figure.FORENSICS, src, null, level, unit, candidate, metric);
    }

    /** Station counts per 1-point bin of turnout and of the leader's share, and a chart of each. */
    private static void distributions(SheetWriter w, FigureIndex f, String src) {
        w.text(w.row(), 0, "Distributions (stations per 1-point bin)", w.styles.subtitle);
        int h = w.header("Percent", "Stations by turnout", "Stations by leader share");
        int first = w.nextRow();
        for (int i = 0; i <= 100; i++) {
            Row r = w.row();
            w.text(r, 0, Integer.toString(i));
            w.number(r, 1, get(f, src, Figure.NATIONAL, Integer.toString(i), null, "turnout_histogram"), Styles.INTEGER);
            w.number(r, 2, get(f, src, Figure.NATIONAL, Integer.toString(i), null, "leader_share_histogram"), Styles.INTEGER);
        }
        int last = w.nextRow() - 1;
        Charts.clusteredBars(w.xssf(), new Charts.Block(h, first, last, 0, List.of(1)), new Charts.Place(4, first, 14, first + 20),
                "Turnout", "turnout, percent (bin start)", "stations", "#,##0");
        Charts.clusteredBars(w.xssf(), new Charts.Block(h, first, last, 0, List.of(2)), new Charts.Place(4, first + 22, 14,
                first + 42), "Leader's share", "leader's share, percent (bin start)", "stations", "#,##0");
        w.skip();
    }
}
