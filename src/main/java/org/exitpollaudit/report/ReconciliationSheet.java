package org.exitpollaudit.report;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.election.Candidate;

/**
 * Reconciliation of levels: the station files summed and set against the final national protocol (and district
 * files, districts.csv, election.yaml). The gap per candidate is what the station files leave unexplained.
 */
final class ReconciliationSheet {

    static final String NAME = "Reconciliation";

    private ReconciliationSheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        List<Figure> recon = data.figures().stream().filter(f -> Figure.RECONCILIATION.equals(f.section())).toList();
        if (recon.isEmpty()) {
            return;
        }
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        w.title("Reconciliation: station sums against the higher levels");
        w.line("Gap = reference − sum of the loaded stations: votes the station files leave unexplained (remote or"
                + " electronic voting, stations abroad, stations without figures or rejected).");
        for (String src : recon.stream().map(Figure::source).distinct().toList()) {
            String fin = data.pkg().finalRelease().id();
            w.skip();
            w.text(w.row(), 0, "Stations of " + src + " against " + fin, styles.subtitle);
            Row s = w.row();
            w.text(s, 0, "Stations loaded / rejected / expected / missing");
            w.number(s, 1, f.get(src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_LOADED), Styles.INTEGER);
            w.number(s, 2, f.get(src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_REJECTED), Styles.INTEGER);
            w.number(s, 3, f.get(src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_EXPECTED), Styles.INTEGER);
            w.number(s, 4, f.get(src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_MISSING), Styles.INTEGER);
            int h = w.header("Figure", "Sum of stations", "Reference", "Gap", "Gap, share of reference");
            gapRow(w, f, src, fin, null, "Registered voters", Metric.Gap.REGISTERED);
            gapRow(w, f, src, fin, null, "Valid votes", Metric.Gap.VALID);
            for (Candidate c : data.pkg().candidates()) {
                gapRow(w, f, src, fin, c.id(), c.name(), Metric.Gap.VOTES);
            }
            w.table(h, 4);
        }
        w.widths(44, 16, 16, 16, 18);
    }

    private static void gapRow(SheetWriter w, FigureIndex f, String src, String ref, String candidate, String label,
                               Metric.Gap what) {
        Double sum = f.get(src, ref, Figure.NATIONAL, null, candidate, what.stationSum());
        if (sum == null) {
            return;
        }
        Row r = w.row();
        w.text(r, 0, label);
        w.number(r, 1, sum, Styles.INTEGER);
        w.number(r, 2, f.get(src, ref, Figure.NATIONAL, null, candidate, what.reference()), Styles.INTEGER);
        w.number(r, 3, f.get(src, ref, Figure.NATIONAL, null, candidate, what.gap()), "+#,##0;-#,##0;0");
        w.number(r, 4, f.get(src, ref, Figure.NATIONAL, null, candidate, what.gapShare()), "+0.00%;-0.00%;0.00%");
    }
}
