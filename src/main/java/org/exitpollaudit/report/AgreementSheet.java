package org.exitpollaudit.report;

import org.exitpollaudit.analysis.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Source;

/** Agreement: do the exit polls agree with each other? Homogeneity test and per-candidate spread. */
final class AgreementSheet {

    static final String NAME = "Agreement";

    private AgreementSheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        String fin = data.pkg().finalRelease().id();
        w.title("Agreement among the exit polls");
        Double chi2 = f.agreement(null, Metric.Agreement.HOMOGENEITY_CHI2);
        if (chi2 == null) {
            w.line("Fewer than two exit polls with comparable national figures: no agreement test.");
            return;
        }
        double p = f.agreement(null, Metric.Agreement.HOMOGENEITY_P);
        int lastColumn = data.pkg().exitPolls().size() + 4;
        // merged and wrapped across the table's width: the conclusion is read whole, never clipped at the cell
        w.paragraph(String.format(Locale.ROOT, "Pearson test of homogeneity on effective counts (p_i × n / deff):"
                + " χ² = %.2f on %d df, p %s. %s", chi2, f.agreement(null, Metric.Agreement.HOMOGENEITY_DF).intValue(),
                p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "= %.4f", p),
                p < data.params().alpha() ? "The polls disagree with each other beyond sampling error."
                        : "The polls agree with each other within sampling error."),
                lastColumn, 14 * lastColumn, p < data.params().alpha() ? styles.bad : styles.good);
        w.line("Uses each poll's n (published or assumed, see the poll sheets) and design effect. Pooled z: Stouffer's"
                + " combination of the polls' z against " + fin + " (same sign in every poll = a common direction).");
        w.skip();
        List<Source> polls = data.pkg().exitPolls().stream().filter(s -> f.compared(s.id(), fin)).toList();
        List<String> heads = new ArrayList<>(List.of("Candidate"));
        polls.forEach(s -> heads.add(s.id() + " share"));
        heads.add("Spread max − min (pp)");
        heads.add("Official (" + fin + ")");
        heads.add("Pooled z");
        heads.add("Pooled p");
        int header = w.header(heads.toArray(String[]::new));
        for (Candidate c : data.pkg().candidates()) {
            Double spread = f.agreement(c.id(), Metric.Agreement.POLL_SPREAD_PP);
            if (spread == null) {
                continue;
            }
            Row r = w.row();
            w.text(r, 0, c.name());
            for (int i = 0; i < polls.size(); i++) {
                w.number(r, 1 + i, f.accuracy(polls.get(i).id(), fin, c.id(), Metric.Accuracy.POLL_SHARE), Styles.PERCENT);
            }
            w.number(r, 1 + polls.size(), spread, "0.00");
            Double official = polls.isEmpty() ? null : f.accuracy(polls.get(0).id(), fin, c.id(), Metric.Accuracy.OFFICIAL_SHARE);
            w.number(r, 2 + polls.size(), official, Styles.PERCENT);
            w.number(r, 3 + polls.size(), f.agreementAgainst(fin, c.id(), Metric.Agreement.POOLED_Z), "+0.00;-0.00;0.00");
            w.number(r, 4 + polls.size(), f.agreementAgainst(fin, c.id(), Metric.Agreement.POOLED_P), Styles.P_VALUE);
        }
        w.table(header, heads.size() - 1);
        int[] widths = new int[heads.size()];
        java.util.Arrays.fill(widths, 14);
        widths[0] = 24;
        w.widths(widths);
    }
}
