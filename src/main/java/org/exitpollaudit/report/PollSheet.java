package org.exitpollaudit.report;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;
import java.util.Locale;

import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;

/**
 * One sheet per exit poll: a row per official release × candidate with every candidate-level metric.
 * Deviations are coloured by sign; each carries its 95 % interval and the range over the admissible readings of
 * what the poll published.
 */
final class PollSheet {

    private PollSheet() {
    }

    /** The sheet's name before it is made unique ({@link WorkbookReport#uniqueSheetNames}). */
    static String name(Source poll) {
        return "Poll " + poll.id();
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data, Source poll, String sheetName) {
        XSSFSheet sheet = wb.createSheet(sheetName);
        SheetWriter w = new SheetWriter(sheet, styles);
        FigureIndex f = data.index();
        String fin = data.pkg().finalRelease().id();
        w.title(poll.organization() + " (" + poll.id() + "), published " + poll.publishedAt());
        Double n = f.accuracy(poll.id(), fin, null, Metric.Accuracy.N);
        String localRef = localReference(f, data.pkg(), poll);
        if (n == null && localRef != null) {
            // a station or district file beside its organization's national topline: compared unit by unit only
            String topline = data.pkg().exitPolls().stream().filter(p -> p != poll
                    && p.organization().equals(poll.organization()) && f.compared(p.id(), fin)).map(Source::id)
                    .findFirst().orElse(null);
            String way = stationByStation(f, poll.id(), localRef) ? "station by station" : "district by district";
            // the topline's design effect comes from its organization's first station-level count file, if estimated
            boolean estimates = topline != null && FigureIndex.isTrue(f.accuracy(topline, fin, null,
                    Metric.Accuracy.DEFF_ESTIMATED)) && data.pkg().exitPolls().stream().filter(p -> p.organization()
                    .equals(poll.organization()) && p.level() == Source.Level.STATION
                    && p.values() == Source.ValueType.VOTES).findFirst().orElse(null) == poll;
            w.paragraph("Compared with " + localRef + " " + way + ", not as a national share. " + (topline == null
                    ? "Its units' figures are not summed to a national share."
                    : poll.organization() + "'s national figures are " + topline + "'s (see its sheet)"
                    + (estimates ? "; its design effect is estimated from these stations." : ".")) + " The summary of"
                    + " the " + way + " comparison follows; each unit's figures are in figures.csv (section district),"
                    + " flagged units on the " + (way.startsWith("station") ? "Stations" : "Districts") + " sheet.",
                    8, 100, styles.wrap);
            w.widths(34, 14);
            local(w, f, poll, localRef);
            return;
        }
        if (n == null) {
            // a poll with no usable figures (its rows rejected) is listed, never shown with figures it does not have
            Row r = w.row();
            w.text(r, 0, "Not compared with the official count: this poll has no usable figures. The Data quality sheet"
                    + " lists why (file " + poll.file() + ").", styles.warnLine);
            w.widths(100);
            return;
        }
        boolean assumed = FigureIndex.isTrue(f.accuracy(poll.id(), fin, null, Metric.Accuracy.N_ASSUMED));
        var sample = org.exitpollaudit.analysis.SampleSize.of(poll, data.params());
        w.line(String.format(Locale.ROOT, "Sample size n = %,.0f (%s); design effect %.2f; effective n = %,.0f.",
                n, sample.basis(), nz(f.accuracy(poll.id(), fin, null, Metric.Accuracy.DEFF)),
                nz(f.accuracy(poll.id(), fin, null, Metric.Accuracy.N_EFF))));
        if (assumed) {
            w.paragraph("n is ASSUMED: the organization did not publish its sample size. See the Sensitivity sheet"
                    + " for how the verdicts change with n and the design effect.", 8, 200, styles.warn);
        }
        Double residual = f.accuracy(poll.id(), fin, null, Metric.Accuracy.RESIDUAL_SHARE);
        w.line(String.format(Locale.ROOT, "Published shares sum to %.2f %%; residual %.2f pp (allocated proportionally;"
                + " 'Admissible range' is the deviation over every reading of the rounding and the residual).",
                100 * (1 - nz(residual)), 100 * nz(residual)));
        w.skip();
        int header = w.header("Official release", "Candidate", "Published share", "Poll share", "Official share",
                "Deviation (pp)", "Deviation, 95 % interval", "Admissible range (pp)", "Relative deviation", "SE",
                "Poll share 95 % CI low", "Poll share 95 % CI high", "z", "p", "p (Holm)", "A' (log odds ratio)", "SE(A')",
                "Significant", "MDE (pp)");
        int first = w.nextRow();
        for (Source release : data.pkg().officialReleases()) {
            if (!f.compared(poll.id(), release.id())) {
                continue;
            }
            for (Candidate c : data.pkg().candidates()) {
                String pid = poll.id();
                String rid = release.id();
                String cid = c.id();
                if (f.accuracy(pid, rid, cid, Metric.Accuracy.POLL_SHARE) == null) {
                    continue;
                }
                Row r = w.row();
                w.text(r, 0, rid + (release.finalRelease() ? " (final)" : ""));
                w.text(r, 1, c.name());
                w.number(r, 2, f.accuracy(pid, rid, cid, Metric.Accuracy.POLL_SHARE_PUBLISHED), Styles.PERCENT);
                w.number(r, 3, f.accuracy(pid, rid, cid, Metric.Accuracy.POLL_SHARE), Styles.PERCENT);
                w.number(r, 4, f.accuracy(pid, rid, cid, Metric.Accuracy.OFFICIAL_SHARE), Styles.PERCENT);
                Double dev = f.accuracy(pid, rid, cid, Metric.Accuracy.DEVIATION_PP);
                w.number(r, 5, dev, Styles.PP);
                Double half = Verdicts.halfWidth(f, pid, rid, cid);
                // intervals centred, apart from the right-aligned deviation beside them
                w.text(r, 6, dev == null || half == null ? "" : Verdicts.interval(dev - half, dev + half),
                        styles.centred(styles.text));
                w.text(r, 7, Verdicts.interval(f.accuracy(pid, rid, cid, Metric.Accuracy.DEVIATION_MIN),
                        f.accuracy(pid, rid, cid, Metric.Accuracy.DEVIATION_MAX)), styles.centred(styles.text));
                w.number(r, 8, f.accuracy(pid, rid, cid, Metric.Accuracy.RELATIVE_DEVIATION), "+0.0%;-0.0%;0.0%");
                w.number(r, 9, f.accuracy(pid, rid, cid, Metric.Accuracy.SE), Styles.PERCENT);
                w.number(r, 10, f.accuracy(pid, rid, cid, Metric.Accuracy.CI_LOW), Styles.PERCENT);
                w.number(r, 11, f.accuracy(pid, rid, cid, Metric.Accuracy.CI_HIGH), Styles.PERCENT);
                w.number(r, 12, f.accuracy(pid, rid, cid, Metric.Accuracy.Z), "+0.00;-0.00;0.00");
                w.number(r, 13, f.accuracy(pid, rid, cid, Metric.Accuracy.P_VALUE), Styles.P_VALUE);
                w.number(r, 14, f.accuracy(pid, rid, cid, Metric.Accuracy.P_HOLM), Styles.P_VALUE);
                w.number(r, 15, f.accuracy(pid, rid, cid, Metric.Accuracy.LOG_ODDS_RATIO), Styles.SIGNED_DECIMAL);
                w.number(r, 16, f.accuracy(pid, rid, cid, Metric.Accuracy.LOG_ODDS_RATIO_SE), Styles.DECIMAL);
                w.yesNo(r, 17, f.accuracy(pid, rid, cid, Metric.Accuracy.SIGNIFICANT));
                w.number(r, 18, f.accuracy(pid, rid, cid, Metric.Accuracy.MDE_PP), "0.00");
            }
        }
        int last = w.nextRow() - 1;
        w.table(header, 18);
        w.widths(20, 22, 10, 9, 9, 10, 21, 21, 10, 8, 10, 10, 7, 9, 9, 10, 8, 11, 8);
        w.sheet.getRow(header).setHeightInPoints(44);
        if (last >= first) {
            highlight(sheet, first, last);
        }
        if (localRef != null) {
            w.skip();
            local(w, f, poll, localRef);
        }
    }

    /**
     * The official release a poll's stations or districts were compared with unit by unit (section {@code district},
     * the final release where it has those units), or {@code null} when the poll has no such comparison.
     */
    static String localReference(FigureIndex f, ElectionPackage pkg, Source poll) {
        for (Source release : pkg.officialReleases()) {
            if (localUnits(f, poll.id(), release.id()) != null) {
                return release.id();
            }
        }
        return null;
    }

    private static Double localUnits(FigureIndex f, String poll, String release) {
        Double stations = f.get(poll, release, Figure.NATIONAL, null, null, Metric.District.STATIONS_COMPARED);
        return stations != null ? stations
                : f.get(poll, release, Figure.NATIONAL, null, null, Metric.District.DISTRICTS_COMPARED);
    }

    /** Whether the poll's units compared with {@code ref} are stations (else districts). */
    private static boolean stationByStation(FigureIndex f, String poll, String ref) {
        return f.get(poll, ref, Figure.NATIONAL, null, null, Metric.District.STATIONS_COMPARED) != null;
    }

    /** The national summary of the unit-by-unit comparison (the units themselves are in figures.csv). */
    private static void local(SheetWriter w, FigureIndex f, Source poll, String ref) {
        String pid = poll.id();
        boolean stations = stationByStation(f, pid, ref);
        String units = stations ? "stations" : "districts";
        w.text(w.row(), 0, (stations ? "Station by station" : "District by district") + " against " + ref
                + " (the Methods sheet defines each figure)", w.styles.subtitle);
        Object[][] rows = {
            {"Polled " + units + " compared", stations ? Metric.District.STATIONS_COMPARED
                    : Metric.District.DISTRICTS_COMPARED, "#,##0"},
            {(stations ? "Stations flagged (Stations" : "Districts flagged (Districts") + " sheet)", stations
                    ? Metric.District.STATIONS_FLAGGED : Metric.District.DISTRICTS_FLAGGED, "#,##0"},
            {"Mean within-precinct error, WPE (pp)", Metric.District.WPE_MEAN, "+0.00;-0.00;0.00"},
            {"Mean ln α", Metric.District.LN_ALPHA_MEAN, Styles.SIGNED_DECIMAL},
            {"SD of ln α", Metric.District.LN_ALPHA_SD, Styles.DECIMAL},
            {"Dispersion φ of the national pair's split", Metric.District.DISPERSION, "0.00"},
            {"Units φ is estimated over", Metric.District.DISPERSION_UNITS, "#,##0"},
        };
        for (Object[] r : rows) {
            Row row = w.row();
            w.text(row, 0, (String) r[0]);
            Double v = f.get(pid, ref, Figure.NATIONAL, null, null, (Metric) r[1]);
            w.number(row, 1, v == null || v.isNaN() ? null : v, (String) r[2]);
        }
    }

    /**
     * The deviation's sign in the colour of its font (over blue, under red), and "yes" in Significant in bold. No
     * row fills: with a large n most candidates are significant, and a sheet of rose rows says nothing; the verdict
     * that matters is on Summary.
     */
    private static void highlight(XSSFSheet sheet, int first, int last) {
        SheetConditionalFormatting cf = sheet.getSheetConditionalFormatting();
        ConditionalFormattingRule significant = cf.createConditionalFormattingRule("$R" + (first + 1) + "=\"yes\"");
        significant.createFontFormatting().setFontStyle(false, true);
        cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 17, 17)}, significant);
        ConditionalFormattingRule over = cf.createConditionalFormattingRule(ComparisonOperator.GT, "0");
        over.createFontFormatting().setFontColorIndex(IndexedColors.DARK_BLUE.getIndex());
        ConditionalFormattingRule under = cf.createConditionalFormattingRule(ComparisonOperator.LT, "0");
        under.createFontFormatting().setFontColorIndex(IndexedColors.DARK_RED.getIndex());
        cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 5, 5)}, over, under);
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }
}
