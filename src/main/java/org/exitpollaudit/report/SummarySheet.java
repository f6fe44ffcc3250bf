package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;

/**
 * Summary: one row per exit poll against the final release with the verdict in words, the headline answer,
 * and two charts: poll vs official share per candidate (clustered bars) and each poll's deviation in points.
 */
final class SummarySheet {

    static final String NAME = "Summary";

    private SummarySheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        ElectionPackage pkg = data.pkg();
        FigureIndex f = data.index();
        Source fin = pkg.finalRelease();
        List<Source> polls = pkg.exitPolls().stream().filter(p -> f.compared(p.id(), fin.id())).toList();

        w.title(pkg.election().name() + " (" + pkg.election().date() + "): exit polls against the official count");
        long consistent = polls.stream().filter(p -> Verdicts.consistent(f, p.id(), fin.id())).count();
        long assumed = polls.stream().filter(p -> FigureIndex.isTrue(f.accuracy(p.id(), fin.id(), null, "n_assumed"))).count();
        w.line(String.format(Locale.ROOT, "Against the final release (%s, %s): %d of %d exit polls are consistent with"
                + " sampling error at the 5 %% level; %d of them rest on an ASSUMED sample size (see Sensitivity).",
                fin.organization(), fin.id(), consistent, polls.size(), assumed));
        w.line("Shares are of valid votes over the candidates both sources report; tests allow for clustering with the"
                + " design effect shown. Each sheet's figures are also in figures.csv.");
        w.skip();
        int header = w.header("Exit poll", "Organization", "Official release", "n", "n published?", "Design effect",
                "χ² (Rao–Scott)", "df", "p", "Largest gap (pp)", "Mean abs. gap M3 (pp)", "B_w", "Winner agrees",
                "n critical", "Verdict");
        for (Source poll : polls) {
            Row r = w.row();
            r.setHeightInPoints(48);
            String pid = poll.id();
            String rid = fin.id();
            boolean ok = Verdicts.consistent(f, pid, rid);
            boolean isAssumed = FigureIndex.isTrue(f.accuracy(pid, rid, null, "n_assumed"));
            w.text(r, 0, pid);
            w.text(r, 1, poll.organization());
            w.text(r, 2, rid);
            w.number(r, 3, f.accuracy(pid, rid, null, "n"), Styles.INTEGER, isAssumed ? styles.warn : styles.text);
            w.text(r, 4, isAssumed ? "ASSUMED" : "published", isAssumed ? styles.warn : styles.text);
            w.number(r, 5, f.accuracy(pid, rid, null, "deff"), "0.00");
            w.number(r, 6, f.accuracy(pid, rid, null, "chi2_rs"), "0.00");
            w.number(r, 7, f.accuracy(pid, rid, null, "chi2_df"), Styles.INTEGER);
            w.number(r, 8, f.accuracy(pid, rid, null, "chi2_p"), Styles.P_VALUE);
            w.number(r, 9, f.accuracy(pid, rid, null, "max_abs_deviation_pp"), "0.00");
            w.number(r, 10, f.accuracy(pid, rid, null, "mosteller_m3"), "0.00");
            w.number(r, 11, f.accuracy(pid, rid, null, "b_w"), Styles.DECIMAL);
            w.text(r, 12, FigureIndex.isTrue(f.accuracy(pid, rid, null, "winner_agrees")) ? "yes" : "NO");
            w.number(r, 13, f.accuracy(pid, rid, null, "n_critical"), Styles.INTEGER);
            w.text(r, 14, Verdicts.describe(f, pkg, pid, rid), ok ? styles.good : styles.bad);
        }
        w.table(header, 14);
        w.widths(16, 28, 16, 10, 11, 9, 10, 5, 10, 10, 11, 9, 9, 11, 70);

        // chart data: shares, then deviations, candidate rows in candidates.csv order
        w.skip();
        List<Candidate> candidates = pkg.candidates().stream()
                .filter(c -> polls.stream().anyMatch(p -> f.accuracy(p.id(), fin.id(), c.id(), "official_share") != null))
                .toList();
        w.text(w.row(), 0, "Shares of valid votes: " + fin.id() + " and each exit poll", styles.subtitle);
        List<String> heads = new ArrayList<>(List.of("Candidate", "Official (" + fin.id() + ")"));
        polls.forEach(p -> heads.add(p.id()));
        int sharesHeader = w.header(heads.toArray(String[]::new));
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            Double official = polls.stream().map(p -> f.accuracy(p.id(), fin.id(), c.id(), "official_share"))
                    .filter(v -> v != null).findFirst().orElse(null);
            w.number(r, 1, official, Styles.PERCENT);
            for (int i = 0; i < polls.size(); i++) {
                w.number(r, 2 + i, f.accuracy(polls.get(i).id(), fin.id(), c.id(), "poll_share"), Styles.PERCENT);
            }
        }
        int sharesLast = w.nextRow() - 1;
        w.skip();
        w.text(w.row(), 0, "Deviation of each exit poll from " + fin.id() + " (percentage points)", styles.subtitle);
        List<String> devHeads = new ArrayList<>(List.of("Candidate"));
        polls.forEach(p -> devHeads.add(p.id()));
        int devHeader = w.header(devHeads.toArray(String[]::new));
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            for (int i = 0; i < polls.size(); i++) {
                w.number(r, 1 + i, f.accuracy(polls.get(i).id(), fin.id(), c.id(), "deviation_pp"), Styles.PP);
            }
        }
        int devLast = w.nextRow() - 1;
        if (candidates.isEmpty() || polls.isEmpty()) {
            return;
        }
        List<Integer> shareSeries = new ArrayList<>();
        for (int i = 0; i <= polls.size(); i++) {
            shareSeries.add(1 + i);
        }
        List<Integer> devSeries = new ArrayList<>();
        for (int i = 0; i < polls.size(); i++) {
            devSeries.add(1 + i);
        }
        int chartTop = devLast + 2;
        Charts.clusteredBars(w.xssf(), new Charts.Block(sharesHeader, sharesHeader + 1, sharesLast, 0, shareSeries),
                new Charts.Place(0, chartTop, 7, chartTop + 22), "Poll vs official share per candidate",
                "Candidate", "Share of valid votes", "0%");
        Charts.clusteredBars(w.xssf(), new Charts.Block(devHeader, devHeader + 1, devLast, 0, devSeries),
                new Charts.Place(8, chartTop, 15, chartTop + 22), "Poll minus official (percentage points)",
                "Candidate", "pp", "0.0");
    }
}
