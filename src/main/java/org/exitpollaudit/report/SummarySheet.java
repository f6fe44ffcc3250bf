package org.exitpollaudit.report;

import org.exitpollaudit.analysis.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.report.Verdicts.Verdict;

/**
 * Summary, the answer: a headline sentence; one row per exit poll against the final release saying how far it
 * was (margin error and largest gap, each with its 95 % interval), whether that is within sampling error,
 * whether the poll coincides with the count within the tolerance δ, and what the answer depends on; the data
 * problems that touch the answer; and a forest plot of every candidate's deviation with its interval.
 */
final class SummarySheet {

    static final String NAME = "Summary";

    /** The poll table's columns, in order, with their widths in characters. */
    private enum Column {
        POLL("Exit poll", 30), N("n", 9), N_PUBLISHED("n published?", 10), MARGIN("Margin error (pp)", 11),
        MARGIN_CI("Margin error, 95 % interval", 19), GAP_ON("Largest gap on", 17), GAP("Largest gap (pp)", 11),
        GAP_CI("Largest gap, 95 % interval", 19), CHI2_P("χ² p", 9), WITHIN("Within sampling error?", 12),
        /** Named with the tolerance where the report has one: "Coincides within ±2 pp?". */
        COINCIDES("Coincides within ±δ?", 12),
        DEPENDS("The answer depends on", 62);

        final String head;
        final int width;

        Column(String head, int width) {
            this.head = head;
            this.width = width;
        }

        int at() {
            return ordinal();
        }
    }

    /** The poll table's last column, which the paragraphs above and below it span. */
    private static final int LAST = Column.DEPENDS.at();
    /** Rows left empty for the forest plot, above the table of what it draws. */
    private static final int CHART_ROWS = 21;

    /** The polls compared with the final release, its id and the tolerance δ (null where the report has none). */
    private record Answer(ElectionPackage pkg, FigureIndex f, String rid, List<Source> polls, Double delta) {
    }

    private SummarySheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        // the answer on one printed page, however many candidates the tables below the chart list
        w.sheet.getPrintSetup().setFitHeight((short) 1);
        ElectionPackage pkg = data.pkg();
        FigureIndex f = data.index();
        String rid = pkg.finalRelease().id();
        List<Source> polls = pkg.exitPolls().stream().filter(p -> f.compared(p.id(), rid)).toList();
        Double delta = polls.stream().map(p -> f.accuracy(p.id(), rid, null, Metric.Accuracy.TOLERANCE))
                .filter(d -> d != null).findFirst().orElse(null);
        Answer a = new Answer(pkg, f, rid, polls, delta);

        w.widths(java.util.Arrays.stream(Column.values()).mapToInt(c -> c.width).toArray());
        introduction(w, a);
        pollTable(w, a);
        dependsOnUnpublished(w, a, data.issues());
        problems(w, data, polls);
        List<Candidate> candidates = pkg.candidates().stream().filter(c -> polls.stream()
                .anyMatch(p -> f.accuracy(p.id(), rid, c.id(), Metric.Accuracy.DEVIATION_PP) != null)).toList();
        if (candidates.isEmpty() || polls.isEmpty()) {
            return;
        }
        forestPlot(w, a, candidates);
        shares(w, a, candidates);
    }

    /** The headline sentence, and what its words mean: the comparison, the intervals, the test and δ. */
    private static void introduction(SheetWriter w, Answer a) {
        Source fin = a.pkg.finalRelease();
        w.paragraph(headline(a.f, a.pkg, a.polls, a.delta), LAST, 125, w.styles.headline, 21f);
        w.paragraph(String.format(Locale.ROOT, "%s (%s): %d exit polls against the final count, %s of %s (%s)."
                        + " Intervals are 95 %%. Within sampling error: the design-corrected χ² test at 5 %%, for every"
                        + " reading of what the poll published.%s Shares are of valid votes; every figure is in figures.csv"
                        + " at full precision.", a.pkg.election().name(), a.pkg.election().date(), a.polls.size(),
                        a.rid, fin.organization(), fin.publishedAt(), a.delta == null ? ""
                                : String.format(Locale.ROOT, " Coincides: the 90 %% intervals of the margin error and of every"
                                        + " candidate's deviation lie inside ±%s pp (δ).", fmt(a.delta))),
                LAST, 230, w.styles.wrap);
        w.skip();
    }

    /** One row per exit poll compared with the final release ({@link #pollRow}). */
    private static void pollTable(SheetWriter w, Answer a) {
        String[] heads = java.util.Arrays.stream(Column.values()).map(c -> c.head).toArray(String[]::new);
        if (a.delta != null) {
            heads[Column.COINCIDES.at()] = "Coincides within ±" + fmt(a.delta) + " pp?";
        }
        int header = w.header(heads);
        if (a.delta != null) {
            w.note(w.sheet.getRow(header).getCell(Column.COINCIDES.at()),
                    SheetWriter.HEADER_NOTES.get(Column.COINCIDES.head));
        }
        for (Source poll : a.polls) {
            pollRow(w, a.f, a.pkg, poll, a.rid);
        }
        w.table(header, LAST);
        // a short table on a one-page answer: its header is not repeated above the chart on a second page
        w.sheet.setRepeatingRows(null);
        w.sheet.getRow(header).setHeightInPoints(44);
        w.skip();
    }

    /** For a verdict that depends on what was not published, the analysis's note naming the reading that turns it. */
    private static void dependsOnUnpublished(SheetWriter w, Answer a, List<DataIssue> issues) {
        boolean depends = false;
        for (DataIssue i : issues) {
            if (i.is(IssueCode.VERDICT_DEPENDS_ON_UNPUBLISHED)
                    && a.polls.stream().anyMatch(p -> i.message().startsWith(p.id() + " vs " + a.rid + ":"))) {
                w.paragraph(i.message(), LAST, 220, w.styles.wrap);
                depends = true;
            }
        }
        if (depends) {
            w.skip();
        }
    }

    /**
     * The forest plot of every candidate's deviation with the half-width of its interval (and ±δ, dashed), drawn from
     * the table written under the rows left for it.
     */
    private static void forestPlot(SheetWriter w, Answer a, List<Candidate> candidates) {
        w.skip();
        int chartTop = w.nextRow();
        for (int i = 0; i < CHART_ROWS; i++) {
            w.skip();
        }
        w.skip();
        w.text(w.row(), 0, "Deviation of each exit poll from " + a.rid + " (percentage points), with the half-width"
                + " of its 95 % interval", w.styles.subtitle);
        List<String> heads = new ArrayList<>(List.of("Candidate"));
        for (Source p : a.polls) {
            heads.add(p.id());
            heads.add(p.id() + " ± 95 %");
        }
        if (a.delta != null) {
            heads.add("+δ");
            heads.add("−δ");
        }
        int devHeader = w.header(heads.toArray(String[]::new));
        w.sheet.getRow(devHeader).setHeightInPoints(44);
        // poll i's deviation in column 1 + 2i, its half-width beside it; then +δ and −δ
        int n = a.polls.size();
        double largest = a.delta == null ? 0 : a.delta;
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            for (int i = 0; i < n; i++) {
                String pid = a.polls.get(i).id();
                Double dev = a.f.accuracy(pid, a.rid, c.id(), Metric.Accuracy.DEVIATION_PP);
                Double half = Verdicts.halfWidth(a.f, pid, a.rid, c.id());
                w.number(r, 1 + 2 * i, dev, Styles.PP);
                w.number(r, 2 + 2 * i, half, "0.00");
                if (dev != null) {
                    largest = Math.max(largest, Math.abs(dev) + (half == null ? 0 : half));
                }
            }
            if (a.delta != null) {
                w.number(r, 1 + 2 * n, a.delta, "0.00");
                w.number(r, 2 + 2 * n, -a.delta, "0.00");
            }
        }
        int devLast = w.nextRow() - 1;
        List<Integer> devColumns = new ArrayList<>();
        List<Integer> halfColumns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devColumns.add(1 + 2 * i);
            halfColumns.add(2 + 2 * i);
        }
        List<Integer> band = a.delta == null ? List.of() : List.of(1 + 2 * n, 2 + 2 * n);
        Charts.forest(w.xssf(), new Charts.Block(devHeader, devHeader + 1, devLast, 0, devColumns), halfColumns, band,
                // as wide as the poll table without its wide last column
                new Charts.Place(0, chartTop, Column.COINCIDES.at(), chartTop + CHART_ROWS),
                "Poll minus count per candidate, with 95 % intervals" + (a.delta == null ? ""
                        : "; dashed: ±" + fmt(a.delta) + " pp"),
                "percentage points", Charts.polls(a.pkg, a.polls), Charts.limit(largest));
    }

    /** The shares behind the deviations: the count's and each poll's, of the candidates compared. */
    private static void shares(SheetWriter w, Answer a, List<Candidate> candidates) {
        w.skip();
        w.text(w.row(), 0, "Shares of valid votes: " + a.rid + " and each exit poll (a poll's shares over the"
                + " candidates compared, its unattributed answers given to them in proportion)", w.styles.subtitle);
        List<String> heads = new ArrayList<>(List.of("Candidate", "Official (" + a.rid + ")"));
        a.polls.forEach(p -> heads.add(p.id()));
        w.sheet.getRow(w.header(heads.toArray(String[]::new))).setHeightInPoints(44);
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            Double official = a.polls.stream()
                    .map(p -> a.f.accuracy(p.id(), a.rid, c.id(), Metric.Accuracy.OFFICIAL_SHARE))
                    .filter(v -> v != null).findFirst().orElse(null);
            w.number(r, 1, official, Styles.PERCENT);
            for (int i = 0; i < a.polls.size(); i++) {
                w.number(r, 2 + i, a.f.accuracy(a.polls.get(i).id(), a.rid, c.id(), Metric.Accuracy.POLL_SHARE),
                        Styles.PERCENT);
            }
        }
    }

    /** E.g. "2 of 3 exit polls coincide with the official count within ±2 pp; 2 differ from it beyond sampling error; 1 is within sampling error." */
    static String headline(FigureIndex f, ElectionPackage pkg, List<Source> polls, Double delta) {
        String rid = pkg.finalRelease().id();
        if (polls.isEmpty()) {
            return pkg.election().name() + ": no exit poll could be compared with the official count.";
        }
        Map<Verdict, Long> verdicts = polls.stream().map(p -> Verdicts.verdict(f, p.id(), rid))
                .filter(v -> v != null).collect(Collectors.groupingBy(v -> v, Collectors.counting()));
        long consistent = verdicts.getOrDefault(Verdict.CONSISTENT, 0L);
        long differs = verdicts.getOrDefault(Verdict.DIFFERS, 0L);
        long depends = verdicts.getOrDefault(Verdict.DEPENDS, 0L);
        StringBuilder b = new StringBuilder(pkg.election().name()).append(": ");
        if (delta != null) {
            long coincide = polls.stream().filter(p -> FigureIndex.isTrue(f.accuracy(p.id(), rid, null, Metric.Accuracy.COINCIDES))).count();
            b.append(String.format(Locale.ROOT, "%s of %d exit polls %s with the official count within ±%s pp; ",
                    coincide == 0 ? "none" : Long.toString(coincide), polls.size(), coincide == 1 ? "coincides" : "coincide",
                    fmt(delta)));
        } else {
            b.append(String.format(Locale.ROOT, "of %d exit polls, ", polls.size()));
        }
        // each count says what it counts, so that no two read as a contradiction ("none is …, 2 are not")
        List<String> parts = new ArrayList<>();
        if (differs > 0) {
            parts.add(differs + (differs == 1 ? " differs" : " differ") + " from it beyond sampling error");
        }
        if (consistent > 0) {
            parts.add(consistent + (consistent == 1 ? " is" : " are") + " within sampling error");
        }
        if (depends > 0) {
            parts.add("whether " + depends + (depends == 1 ? " is" : " are") + " within sampling error depends on what "
                    + (depends == 1 ? "it" : "they") + " did not publish");
        }
        b.append(String.join("; ", parts)).append('.');
        // files compared unit by unit only (a station file beside its organization's topline) are not left out
        List<Source> local = pkg.exitPolls().stream().filter(p -> !polls.contains(p)
                && PollSheet.localReference(f, pkg, p) != null).toList();
        if (!local.isEmpty()) {
            boolean stations = local.stream().allMatch(p -> p.level() == Source.Level.STATION);
            boolean districts = local.stream().allMatch(p -> p.level() == Source.Level.DISTRICT);
            List<String> ids = local.stream().map(Source::id).toList();
            String listed = ids.size() == 1 ? ids.get(0)
                    : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
            b.append(String.format(Locale.ROOT, " The %s %s %s compared with %s %s only, not nationally (see %s).",
                    stations ? "station file" + (ids.size() == 1 ? "" : "s") : districts ? "district file"
                    + (ids.size() == 1 ? "" : "s") : "files", listed, ids.size() == 1 ? "is" : "are", rid,
                    stations ? "station by station" : districts ? "district by district" : "unit by unit",
                    ids.size() == 1 ? "its sheet" : "their sheets"));
        }
        long left = pkg.exitPolls().size() - polls.size() - local.size();
        if (left > 0) {
            b.append(String.format(Locale.ROOT, " %d exit poll%s left out (below).", left, left == 1 ? " was" : "s were"));
        }
        return b.toString();
    }

    private static void pollRow(SheetWriter w, FigureIndex f, ElectionPackage pkg, Source poll, String rid) {
        Styles styles = w.styles;
        String pid = poll.id();
        Row r = w.row();
        Verdict verdict = Verdicts.verdict(f, pid, rid);
        Double assumedFlag = f.accuracy(pid, rid, null, Metric.Accuracy.N_ASSUMED);
        boolean assumed = FigureIndex.isTrue(assumedFlag);
        String name = poll.organization() + " (" + pid + ")";
        w.text(r, Column.POLL.at(), name, styles.wrap);
        w.number(r, Column.N.at(), f.accuracy(pid, rid, null, Metric.Accuracy.N), Styles.INTEGER, assumed ? styles.warn : styles.text);
        w.text(r, Column.N_PUBLISHED.at(), assumed ? "no (assumed)" : "yes", styles.centred(assumed ? styles.warn : styles.text));
        w.number(r, Column.MARGIN.at(), f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR), Styles.PP);
        // intervals centred: apart from the right-aligned figure beside them
        XSSFCellStyle centred = styles.centred(styles.text);
        w.text(r, Column.MARGIN_CI.at(), Verdicts.interval(f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR_CI_LOW),
                f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR_CI_HIGH)), centred);
        Candidate worst = Verdicts.largestGap(f, pkg, pid, rid);
        if (worst != null) {
            Double dev = f.accuracy(pid, rid, worst.id(), Metric.Accuracy.DEVIATION_PP);
            Double half = Verdicts.halfWidth(f, pid, rid, worst.id());
            w.text(r, Column.GAP_ON.at(), worst.name(), styles.wrap);
            w.number(r, Column.GAP.at(), dev, Styles.PP);
            w.text(r, Column.GAP_CI.at(), half == null ? "" : Verdicts.interval(dev - half, dev + half), centred);
        }
        w.number(r, Column.CHI2_P.at(), f.accuracy(pid, rid, null, Metric.Accuracy.CHI2_P), Styles.P_VALUE);
        XSSFCellStyle verdictStyle = verdict == Verdict.DIFFERS ? styles.bad
                : verdict == Verdict.DEPENDS ? styles.warn : styles.text;
        w.text(r, Column.WITHIN.at(), verdict == null ? "" : verdict.shortAnswer, styles.centred(verdictStyle));
        w.yesNo(r, Column.COINCIDES.at(), f.accuracy(pid, rid, null, Metric.Accuracy.COINCIDES));
        String depends = Verdicts.dependsOn(f, pkg, poll, rid);
        w.text(r, Column.DEPENDS.at(), depends, styles.wrap);
        int lines = Math.max(Math.max((int) Math.ceil(name.length() / 28.0), (int) Math.ceil(depends.length() / 58.0)),
                worst == null ? 1 : (int) Math.ceil(worst.name().length() / 16.0));
        r.setHeightInPoints(Math.max(1, lines) * 13f + 5);
    }

    /**
     * What touches the answer: errors in the final release's or the exit polls' own files (the count's arithmetic, a
     * poll left out), grouped by code and file; the rest counted, with a pointer to Data quality.
     */
    private static void problems(SheetWriter w, ReportData data, List<Source> compared) {
        ElectionPackage pkg = data.pkg();
        Set<String> files = new java.util.HashSet<>();
        files.add(pkg.finalRelease().file());
        pkg.exitPolls().forEach(p -> files.add(p.file()));
        Map<String, List<DataIssue>> touching = new LinkedHashMap<>();
        Map<String, Integer> otherErrors = new LinkedHashMap<>();
        int otherWarnings = 0;
        for (DataIssue i : data.issues()) {
            boolean error = i.severity() == DataIssue.Severity.ERROR || i.severity() == DataIssue.Severity.FATAL;
            if (error && files.contains(i.file())) {
                touching.computeIfAbsent(i.code() + "|" + i.file(), k -> new ArrayList<>()).add(i);
            } else if (error) {
                otherErrors.merge(i.code() + " in " + i.file(), 1, Integer::sum);
            } else if (i.severity() == DataIssue.Severity.WARNING && !i.is(IssueCode.VERDICT_DEPENDS_ON_UNPUBLISHED)) {
                // (a verdict's dependence on what was not published is quoted beside the polls above)
                otherWarnings++;
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<DataIssue> group : touching.values()) {
            DataIssue first = group.get(0);
            lines.add(first.describe() + (group.size() > 1
                    ? String.format(Locale.ROOT, " (and %,d more like it)", group.size() - 1) : ""));
        }
        for (Source poll : pkg.exitPolls()) {
            // (a station or district file compared unit by unit only is not left out: its sheet says so)
            if (!compared.contains(poll) && PollSheet.localReference(data.index(), pkg, poll) == null
                    && touching.keySet().stream().noneMatch(k -> k.endsWith("|" + poll.file()))) {
                lines.add(poll.label() + " is left out of the comparison: it has no figures comparable with "
                        + pkg.finalRelease().id() + ".");
            }
        }
        w.text(w.row(), 0, "Data problems that touch the answer", w.styles.subtitle);
        if (lines.isEmpty()) {
            w.line("None in the final release's or the exit polls' files.");
        }
        for (String line : lines) {
            w.paragraph(line, LAST, 220, w.styles.bad);
        }
        if (!otherErrors.isEmpty() || otherWarnings > 0) {
            String errors = otherErrors.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s × %,d", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            w.line("Elsewhere in the input (not in the figures above): " + (errors.isEmpty() ? "no errors" : errors)
                    + String.format(Locale.ROOT, "; %,d %s (partial releases, assumptions). All on the Data quality"
                    + " sheet.", otherWarnings, otherWarnings == 1 ? "warning" : "warnings"));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
