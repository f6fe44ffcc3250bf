package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.SampleSize;
import org.exitpollaudit.analysis.Sensitivity;
import org.exitpollaudit.election.Source;

/**
 * Sensitivity: for each exit poll against the final release, the χ² p-value over a grid of sample sizes
 * (rows) and design effects (columns), each cell coloured by the verdict at that point. The n and deff the
 * run used are marked. This is where an assumed sample size is put to the test.
 */
final class SensitivitySheet {

    static final String NAME = "Sensitivity";

    private SensitivitySheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        String fin = data.pkg().finalRelease().id();
        w.title("How each verdict depends on the sample size and the design effect (against " + fin + ")");
        w.line("Cells: p-value of the Rao–Scott χ² test. Green: consistent with sampling error (χ² p ≥ 0.05 and no"
                + " candidate significant after Holm); rose: not. The row and column the run used are marked ◀ and ▲.");
        w.widths(26, 12, 12, 12, 12, 12, 12, 12);
        for (Source poll : data.pkg().exitPolls()) {
            if (!f.compared(poll.id(), fin)) {
                continue;
            }
            TreeSet<Double> ns = new TreeSet<>();
            for (Figure fig : data.figures()) {
                if (Figure.SENSITIVITY.equals(fig.section()) && poll.id().equals(fig.source()) && "n".equals(fig.metric())) {
                    ns.add(fig.value());
                }
            }
            double usedN = f.accuracy(poll.id(), fin, null, "n");
            double usedDeff = f.accuracy(poll.id(), fin, null, "deff");
            boolean assumed = FigureIndex.isTrue(f.accuracy(poll.id(), fin, null, "n_assumed"));
            w.skip();
            Row t = w.row();
            w.text(t, 0, String.format(Locale.ROOT, "%s (%s): n %s = %,.0f, deff = %.2f", poll.id(), poll.organization(),
                    assumed ? "ASSUMED" : "published", usedN, usedDeff), assumed ? styles.warnLine : styles.subtitle);
            List<String> heads = new ArrayList<>(List.of("n \\ design effect"));
            for (double d : Sensitivity.DEFFS) {
                heads.add(SampleSize.fmt(d) + (d == usedDeff ? " ▲" : ""));
            }
            w.header(heads.toArray(String[]::new));
            for (double n : ns) {
                Row r = w.row();
                String label = String.format(Locale.ROOT, "%,.0f", n);
                if (poll.stationsSampled() != null && assumed) {
                    label += String.format(Locale.ROOT, " (%s per station)", SampleSize.fmt(n / poll.stationsSampled()));
                }
                w.text(r, 0, label + (n == usedN ? " ◀" : ""), n == usedN ? styles.bold : styles.text);
                for (int j = 0; j < Sensitivity.DEFFS.length; j++) {
                    String unit = "n=" + SampleSize.fmt(n) + "|deff=" + SampleSize.fmt(Sensitivity.DEFFS[j]);
                    Double p = f.sensitivity(poll.id(), fin, unit, "chi2_p");
                    boolean ok = FigureIndex.isTrue(f.sensitivity(poll.id(), fin, unit, "verdict_consistent"));
                    w.number(r, 1 + j, p, Styles.P_VALUE, ok ? styles.good : styles.bad);
                }
            }
        }
    }
}
