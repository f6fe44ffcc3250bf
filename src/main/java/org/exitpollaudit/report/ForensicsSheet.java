package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.stats.PercentBins;

/**
 * Forensics: the screening of each official station-level release — the headline findings, the integer-percentage
 * test, the turnout–leader correlation and Shpilkin's turnout slopes, the digit tests per candidate and the turnout
 * and leader-share distributions in tenth-of-a-point bins with their charts. The 2-D fingerprint has its own sheet
 * ({@link FingerprintSheet}).
 */
final class ForensicsSheet {

    static final String NAME = "Forensics";

    /** Columns where the histogram charts start, right of the tables. */
    private static final int CHART_COLUMN = 9;

    private ForensicsSheet() {
    }

    /** Official releases of the package that were screened, in figure order (never a simulated source). */
    static List<String> sources(ReportData data) {
        Set<String> releases = data.pkg().officialReleases().stream().map(Source::id).collect(Collectors.toSet());
        return data.figures().stream().filter(f -> Figure.FORENSICS.equals(f.section()) && releases.contains(f.source()))
                .map(Figure::source).distinct().toList();
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
            int chartRow = w.nextRow();
            int fh = w.header("Finding", "Value", "Meaning");
            row(w, "Stations with turnout and leader share both ≥ 95 %", f, src, Metric.Forensics.STATIONS_TURNOUT_AND_LEADER_95,
                    Styles.INTEGER, "stations with ≥ 100 registered voters; listed on the Stations sheet");
            row(w, "Districts screened", f, src, Metric.Forensics.DISTRICTS_SCREENED, Styles.INTEGER, "districts with station rows");
            row(w, "… integer test significant after Holm", f, src, Metric.Forensics.DISTRICTS_INTEGER_SIGNIFICANT, Styles.INTEGER,
                    "districts whose integer-percentage excess survives Holm's correction over the districts");
            row(w, "… turnout–leader correlation significant after Holm", f, src,
                    Metric.Forensics.DISTRICTS_TURNOUT_LEADER_SIGNIFICANT, Styles.INTEGER,
                    "descriptive only: its null (no correlation) fails in honest elections too; not counted as a flag");
            w.skip();
            w.header("Measure", "Value", "Meaning");
            row(w, "Stations with figures", f, src, Metric.Forensics.STATIONS_WITH_FIGURES, Styles.INTEGER, "stations whose protocol has every figure");
            row(w, "Turnout", f, src, Metric.Forensics.TURNOUT_PCT, "0.00\" %\"", "ballots cast / registered, all stations");
            row(w, "Leader's share", f, src, Metric.Forensics.LEADER_SHARE_PCT, "0.00\" %\"", "leader's votes / ballots found (valid + invalid)");
            row(w, "Stations in the integer test", f, src, Metric.Forensics.INTEGER_STATIONS_INCLUDED, Styles.INTEGER,
                    "found > 0, registered ≥ 100, turnout ≤ 99 %, leader share ≤ 99 % (Kobak et al.)");
            row(w, "… integer turnout", f, src, Metric.Forensics.INTEGER_TURNOUT_OBSERVED, Styles.INTEGER, "turnout within ±0.05 pp of a whole percent");
            row(w, "… integer leader share", f, src, Metric.Forensics.INTEGER_LEADER_OBSERVED, Styles.INTEGER, "leader share within ±0.05 pp of a whole percent");
            row(w, "… either (observed)", f, src, Metric.Forensics.INTEGER_EITHER_OBSERVED, Styles.INTEGER, "stations with either");
            row(w, "… either (expected)", f, src, Metric.Forensics.INTEGER_EITHER_EXPECTED, "#,##0.0", "exact binomial expectation under honest counting");
            row(w, "… excess", f, src, Metric.Forensics.INTEGER_EITHER_EXCESS, "+#,##0.0;-#,##0.0", "observed − expected");
            row(w, "… z", f, src, Metric.Forensics.INTEGER_EITHER_Z, "0.00", "excess / its standard deviation");
            row(w, "… p (one-sided)", f, src, Metric.Forensics.INTEGER_EITHER_P, Styles.P_VALUE, "chance of so large an excess by rounding luck");
            row(w, "Turnout–leader r (within districts)", f, src, Metric.Forensics.TURNOUT_LEADER_R, "0.000",
                    "descriptive: correlation of turnout and leader share, district means removed");
            row(w, "… p (one-sided, zero correlation)", f, src, Metric.Forensics.TURNOUT_LEADER_P, Styles.P_VALUE,
                    "against no correlation, which town–village differences alone can violate");
            row(w, "Stations in the turnout slopes", f, src, Metric.Forensics.TURNOUT_SLOPE_STATIONS, Styles.INTEGER,
                    "stations with figures and ≥ 100 registered voters");
            row(w, "Leader's slope − share", f, src, Metric.Forensics.TURNOUT_SLOPE_LEADER_EXCESS, "+0.000;-0.000;0.000",
                    "0 if voters split alike at every turnout; towards 1 − share when added ballots go to the leader");
            row(w, "Other candidates' slope", f, src, Metric.Forensics.TURNOUT_SLOPE_OTHERS, "+0.000;-0.000;0.000",
                    "their share if alike at every turnout; near 0 or below when turnout grows by the leader's votes");
            row(w, "… its SE", f, src, Metric.Forensics.TURNOUT_SLOPE_OTHERS_SE, "0.000", "heteroskedasticity-consistent (HC0)");
            row(w, "… their share of ballots", f, src, Metric.Forensics.TURNOUT_SLOPE_OTHERS_SHARE, "0.000", "Σ votes / Σ ballots cast");
            w.table(fh, 2);
            w.skip();
            w.text(w.row(), 0, "Turnout slopes per candidate (Shpilkin; Kobak, Shpilkin & Pshenichnikov 2016)",
                    styles.subtitle);
            w.header("Candidate", "Share of ballots", "Slope on turnout", "Slope SE", "Slope − share");
            for (Candidate c : data.pkg().candidates()) {
                Double slope = get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.TURNOUT_SLOPE);
                if (slope == null) {
                    continue;
                }
                Double share = get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.TURNOUT_SLOPE_SHARE);
                Row r = w.row();
                w.text(r, 0, c.name());
                w.number(r, 1, share, "0.000");
                w.number(r, 2, slope, "0.000");
                w.number(r, 3, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.TURNOUT_SLOPE_SE), "0.000");
                // shown from the two figures above, both in figures.csv
                w.number(r, 4, share == null ? null : slope - share, "+0.000;-0.000;0.000");
            }
            w.skip();
            int dh = w.header("Candidate", "2BL counts", "2BL mean (4.187)", "2BL χ²", "2BL p", "Last-digit counts",
                    "Last-digit χ²", "Last-digit p");
            for (Candidate c : data.pkg().candidates()) {
                Double n = get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.BENFORD2_N);
                if (n == null) {
                    continue;
                }
                Row r = w.row();
                w.text(r, 0, c.name());
                w.number(r, 1, n, Styles.INTEGER);
                w.number(r, 2, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.BENFORD2_MEAN), "0.000");
                w.number(r, 3, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.BENFORD2_CHI2), "0.00");
                w.number(r, 4, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.BENFORD2_P), Styles.P_VALUE);
                w.number(r, 5, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.LAST_DIGIT_N), Styles.INTEGER);
                w.number(r, 6, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.LAST_DIGIT_CHI2), "0.00");
                w.number(r, 7, get(f, src, Figure.NATIONAL, null, c.id(), Metric.Forensics.LAST_DIGIT_P), Styles.P_VALUE);
            }
            w.skip();
            distributions(w, f, src, chartRow);
        }
        w.widths(44, 14, 16, 12, 12, 16, 14, 12);
    }

    private static void row(SheetWriter w, String label, FigureIndex f, String src, Metric.Forensics metric, String format,
                            String meaning) {
        Row r = w.row();
        w.text(r, 0, label);
        w.number(r, 1, get(f, src, Figure.NATIONAL, null, null, metric), format);
        w.text(r, 2, meaning);
    }

    private static Double get(FigureIndex f, String src, String level, String unit, String candidate,
                              Metric.Forensics metric) {
        return f.get(src, null, level, unit, candidate, metric);
    }

    /**
     * Station counts per tenth-of-a-point bin of turnout and of the leader's share (the table below the release's
     * other tables), and a chart of each to the right of those tables, wide enough that a spike on a whole percent
     * stands out as one bar well above its neighbours.
     */
    private static void distributions(SheetWriter w, FigureIndex f, String src, int chartRow) {
        w.text(w.row(), 0, "Distributions (stations per 0.1-point bin, centred: 60.0 holds 59.95 – 60.05)",
                w.styles.subtitle);
        int h = w.header("Percent", "Stations by turnout", "Stations by leader share");
        int first = w.nextRow();
        double[] turnout = new double[PercentBins.COUNT];
        double[] share = new double[PercentBins.COUNT];
        for (int i = 0; i < PercentBins.COUNT; i++) {
            String bin = PercentBins.label(i);
            Double t = get(f, src, Figure.NATIONAL, bin, null, Metric.Forensics.TURNOUT_HISTOGRAM_TENTHS);
            Double l = get(f, src, Figure.NATIONAL, bin, null, Metric.Forensics.LEADER_SHARE_HISTOGRAM_TENTHS);
            turnout[i] = t == null ? 0 : t;
            share[i] = l == null ? 0 : l;
            Row r = w.row();
            w.text(r, 0, bin);
            w.number(r, 1, t, Styles.INTEGER);
            w.number(r, 2, l, Styles.INTEGER);
        }
        int right = CHART_COLUMN + 18;
        chart(w, h, first, 1, turnout, new Charts.Place(CHART_COLUMN, chartRow, right, chartRow + 22),
                "Turnout of " + src, "turnout, percent (0.1-point bins)");
        chart(w, h, first, 2, share, new Charts.Place(CHART_COLUMN, chartRow + 24, right, chartRow + 46),
                "Leader's share in " + src, "leader's share, percent (0.1-point bins)");
        w.skip();
    }

    /**
     * One histogram chart, readable with up to 1,001 bars: only the bins from the first to the last occupied one, no
     * gaps between bars, and the value axis scaled to the bins between 0 and 100 % — the 0 % and 100 % bins (stations
     * where everyone or no one voted, or voted for the leader) can hold more stations than any other and would
     * flatten the rest; when they go off the scale the title gives their counts.
     */
    private static void chart(SheetWriter w, int header, int firstRow, int column, double[] counts, Charts.Place at,
                              String title, String axis) {
        int lo = 0;
        while (lo < counts.length - 1 && counts[lo] == 0) {
            lo++;
        }
        int hi = counts.length - 1;
        while (hi > lo && counts[hi] == 0) {
            hi--;
        }
        double inner = 0;
        for (int i = Math.max(lo, 1); i <= Math.min(hi, counts.length - 2); i++) {
            inner = Math.max(inner, counts[i]);
        }
        List<String> off = new ArrayList<>();
        if (counts[0] > inner * 1.1) {
            off.add(String.format(Locale.ROOT, "0.0: %,.0f", counts[0]));
        }
        if (counts[counts.length - 1] > inner * 1.1) {
            off.add(String.format(Locale.ROOT, "100.0: %,.0f", counts[counts.length - 1]));
        }
        Charts.clusteredBars(w.xssf(), new Charts.Block(header, firstRow + lo, firstRow + hi, 0, List.of(column)), at,
                off.isEmpty() ? title : title + " (off scale: " + String.join(", ", off) + " stations)", axis,
                "stations", "#,##0");
        XSSFDrawing drawing = w.xssf().getDrawingPatriarch();
        List<XSSFChart> charts = drawing.getCharts();
        XSSFChart chart = charts.get(charts.size() - 1);
        var bar = chart.getCTChart().getPlotArea().getBarChartArray(0);
        (bar.isSetGapWidth() ? bar.getGapWidth() : bar.addNewGapWidth()).setVal(0);
        if (!off.isEmpty() && inner > 0) {
            for (var a : chart.getAxes()) {
                if (a instanceof XDDFValueAxis v) {
                    v.setMinimum(0);
                    v.setMaximum(Math.ceil(inner * 1.1));
                }
            }
        }
    }
}
