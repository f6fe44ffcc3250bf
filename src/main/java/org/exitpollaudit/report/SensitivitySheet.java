package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.analysis.SampleSize;
import org.exitpollaudit.election.Source;

/**
 * Sensitivity: for each exit poll against the final release, the χ² p-value over a grid of sample sizes
 * (rows) and design effects (columns), a cell rose where the test rejects at that point. The n and deff the
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
        w.line(String.format(Locale.ROOT, "Cells: p-value of the design-corrected χ² test, the verdict's one test. Rose:"
                + " differs beyond sampling error (p < %s); plain: consistent. The row and column the run used are marked"
                + " ◀ and ▲.", SampleSize.fmt(data.params().alpha())));
        w.widths(30, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        // the grids as the analysis computed them (their n and deff values are figures, not constants of this sheet)
        List<Figure> grids = data.figures().stream().filter(fig -> Figure.SENSITIVITY.equals(fig.section())
                && (Metric.Sensitivity.N.names(fig.metric()) || Metric.Sensitivity.DEFF.names(fig.metric()))).toList();
        for (Source poll : data.pkg().exitPolls()) {
            if (!f.compared(poll.id(), fin)) {
                continue;
            }
            TreeSet<Double> ns = new TreeSet<>();
            TreeSet<Double> deffs = new TreeSet<>();
            for (Figure fig : grids) {
                if (poll.id().equals(fig.source())) {
                    if (Metric.Sensitivity.N.names(fig.metric())) {
                        ns.add(fig.value());
                    } else if (Metric.Sensitivity.DEFF.names(fig.metric())) {
                        deffs.add(fig.value());
                    }
                }
            }
            double usedN = f.accuracy(poll.id(), fin, null, Metric.Accuracy.N);
            double usedDeff = f.accuracy(poll.id(), fin, null, Metric.Accuracy.DEFF);
            boolean assumed = FigureIndex.isTrue(f.accuracy(poll.id(), fin, null, Metric.Accuracy.N_ASSUMED));
            w.skip();
            // merged across the grid, so a highlighted (assumed n) title is highlighted whole
            w.paragraph(String.format(Locale.ROOT, "%s (%s): n %s = %,.0f, deff = %.2f", poll.id(), poll.organization(),
                    assumed ? "ASSUMED" : "published", usedN, usedDeff), deffs.size(), 200,
                    assumed ? styles.warn : styles.subtitle);
            List<String> heads = new ArrayList<>(List.of("n \\ design effect"));
            for (double d : deffs) {
                heads.add(SampleSize.fmt(d) + (d == usedDeff ? " ▲" : ""));
            }
            int header = w.header(heads.toArray(String[]::new));
            w.sheet.getRow(header).setHeightInPoints(16);
            for (double n : ns) {
                Row r = w.row();
                String label = String.format(Locale.ROOT, "%,.0f", n);
                if (poll.stationsSampled() != null && assumed) {
                    label += String.format(Locale.ROOT, " (%s per station)", SampleSize.fmt(n / poll.stationsSampled()));
                }
                w.text(r, 0, label + (n == usedN ? " ◀" : ""), n == usedN ? styles.bold : styles.text);
                int j = 0;
                for (double d : deffs) {
                    String unit = "n=" + SampleSize.fmt(n) + "|deff=" + SampleSize.fmt(d);
                    Double p = f.sensitivity(poll.id(), fin, unit, Metric.Sensitivity.CHI2_P);
                    // the colour is the verdict the analysis wrote for this cell (the χ² test alone, the p shown)
                    boolean differs = p != null
                            && !FigureIndex.isTrue(f.sensitivity(poll.id(), fin, unit, Metric.Sensitivity.VERDICT_CONSISTENT));
                    w.number(r, 1 + j++, p, Styles.P_VALUE, differs ? styles.bad : styles.text);
                }
            }
        }
    }
}
