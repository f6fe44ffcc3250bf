package org.exitpollaudit.report;

import org.exitpollaudit.analysis.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Source;

/**
 * Releases: every official release against every exit poll (whole-comparison measures and verdict), in the
 * order the count progressed, and a line chart of each poll's mean absolute deviation across the releases.
 */
final class ReleasesSheet {

    static final String NAME = "Releases";

    private ReleasesSheet() {
    }

    /** Releases in publication order; equal dates by share counted. */
    static List<Source> inOrder(ReportData data) {
        return data.pkg().officialReleases().stream()
                .sorted(Comparator.comparing(Source::publishedAt)
                        .thenComparing(s -> s.finalRelease() ? 101.0 : s.countedPct() == null ? 100.0 : s.countedPct()))
                .toList();
    }

    static String label(Source release) {
        String counted = release.finalRelease() ? "final" : release.countedPct() != null
                ? release.countedPct() + " % counted" : "partial";
        return release.id() + " (" + counted + ")";
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        List<Source> releases = inOrder(data);
        List<Source> polls = data.pkg().exitPolls();
        w.title("Each official release against each exit poll, as the count progressed");
        w.line("A partial release counts only some stations; deviations from it mix poll error with the"
                + " difference between early and final results.");
        w.skip();
        int header = w.header("Official release", "Published at", "Values", "Stations counted", "Counted %", "Exit poll",
                "n", "χ² (Rao–Scott)", "χ² p", "M3 (pp)", "M5 (pp)", "B", "B_w", "MTK A", "Largest gap (pp)",
                "Winner agrees", "Verdict");
        for (Source release : releases) {
            for (Source poll : polls) {
                String pid = poll.id();
                String rid = release.id();
                if (!f.compared(pid, rid)) {
                    continue;
                }
                Row r = w.row();
                Verdicts.Verdict verdict = Verdicts.verdict(f, pid, rid);
                w.text(r, 0, rid + (release.finalRelease() ? " (final)" : ""));
                w.text(r, 1, release.publishedAt());
                w.text(r, 2, release.values().name().toLowerCase(java.util.Locale.ROOT));
                w.number(r, 3, release.stationsCounted() == null ? null : release.stationsCounted().doubleValue(),
                        Styles.INTEGER);
                w.number(r, 4, release.countedPct(), Styles.PERCENT_OF_100);
                w.text(r, 5, pid);
                w.number(r, 6, f.accuracy(pid, rid, null, Metric.Accuracy.N), Styles.INTEGER);
                w.number(r, 7, f.accuracy(pid, rid, null, Metric.Accuracy.CHI2_RS), "0.00");
                w.number(r, 8, f.accuracy(pid, rid, null, Metric.Accuracy.CHI2_P), Styles.P_VALUE);
                w.number(r, 9, f.accuracy(pid, rid, null, Metric.Accuracy.MOSTELLER_M3), "0.00");
                w.number(r, 10, f.accuracy(pid, rid, null, Metric.Accuracy.MOSTELLER_M5), "0.00");
                w.number(r, 11, f.accuracy(pid, rid, null, Metric.Accuracy.B), Styles.DECIMAL);
                w.number(r, 12, f.accuracy(pid, rid, null, Metric.Accuracy.B_W), Styles.DECIMAL);
                w.number(r, 13, f.accuracy(pid, rid, null, Metric.Accuracy.MTK_A), Styles.SIGNED_DECIMAL);
                w.number(r, 14, f.accuracy(pid, rid, null, Metric.Accuracy.MAX_ABS_DEVIATION_PP), "0.00");
                w.yesNo(r, 15, f.accuracy(pid, rid, null, Metric.Accuracy.WINNER_AGREES));
                // only a verdict that differs is highlighted: it is what an analyst looks for in the column
                w.text(r, 16, verdict == null ? "" : verdict.words, verdict == Verdicts.Verdict.DIFFERS ? styles.bad
                        : verdict == Verdicts.Verdict.DEPENDS ? styles.warn : styles.text);
            }
        }
        w.table(header, 16);
        w.widths(30, 17, 8, 10, 11, 12, 9, 10, 9, 8, 8, 8, 8, 9, 10, 9, 33);

        w.skip();
        w.text(w.row(), 0, "Mean absolute deviation M3 (pp) of each poll, release by release", styles.subtitle);
        List<String> heads = new ArrayList<>(List.of("Release"));
        polls.forEach(p -> heads.add(p.id()));
        int chartHeader = w.header(heads.toArray(String[]::new));
        // releases no poll was compared with (a station file without a national figure) would plot as zero
        List<Source> compared = releases.stream()
                .filter(rel -> polls.stream().anyMatch(p -> f.compared(p.id(), rel.id()))).toList();
        for (Source release : compared) {
            Row r = w.row();
            w.text(r, 0, label(release));
            for (int i = 0; i < polls.size(); i++) {
                w.number(r, 1 + i, f.accuracy(polls.get(i).id(), release.id(), null, Metric.Accuracy.MOSTELLER_M3), "0.00");
            }
        }
        int chartLast = w.nextRow() - 1;
        if (compared.isEmpty() || polls.isEmpty()) {
            return;
        }
        List<Integer> series = new ArrayList<>();
        for (int i = 0; i < polls.size(); i++) {
            series.add(1 + i);
        }
        Charts.lines(w.xssf(), new Charts.Block(chartHeader, chartHeader + 1, chartLast, 0, series),
                new Charts.Place(0, chartLast + 2, 8, chartLast + 22), "How far each poll is from each release",
                "Official release, in the order published", "Mean absolute deviation (pp)", "0.0",
                Charts.polls(data.pkg(), polls));
    }
}
