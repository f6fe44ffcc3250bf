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
    /** The poll table's last column (the one in words, "The answer depends on"). */
    private static final int LAST = 11;

    /** The analysis's note naming the reading that turns a verdict that depends on what was not published. */

    private SummarySheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        // the answer on one printed page, however many candidates the tables below the chart list
        w.sheet.getPrintSetup().setFitHeight((short) 1);
        ElectionPackage pkg = data.pkg();
        FigureIndex f = data.index();
        Source fin = pkg.finalRelease();
        String rid = fin.id();
        List<Source> polls = pkg.exitPolls().stream().filter(p -> f.compared(p.id(), rid)).toList();
        Double delta = polls.stream().map(p -> f.accuracy(p.id(), rid, null, Metric.Accuracy.TOLERANCE)).filter(d -> d != null)
                .findFirst().orElse(null);

        w.widths(30, 9, 10, 11, 19, 17, 11, 19, 9, 12, 12, 62);
        w.paragraph(headline(f, pkg, polls, delta), LAST, 125, styles.headline, 21f);
        w.paragraph(String.format(Locale.ROOT, "%s (%s): %d exit polls against the final count, %s of %s (%s)."
                        + " Intervals are 95 %%. Within sampling error: the design-corrected χ² test at 5 %%, for every"
                        + " reading of what the poll published.%s Shares are of valid votes; every figure is in figures.csv"
                        + " at full precision.", pkg.election().name(), pkg.election().date(), polls.size(), rid,
                        fin.organization(), fin.publishedAt(), delta == null ? ""
                                : String.format(Locale.ROOT, " Coincides: the 90 %% intervals of the margin error and of every"
                                        + " candidate's deviation lie inside ±%s pp (δ).", fmt(delta))),
                LAST, 230, styles.wrap);
        w.skip();
        String coincides = delta == null ? "Coincides within ±δ?" : "Coincides within ±" + fmt(delta) + " pp?";
        int header = w.header("Exit poll", "n", "n published?", "Margin error (pp)", "Margin error, 95 % interval",
                "Largest gap on", "Largest gap (pp)", "Largest gap, 95 % interval", "χ² p", "Within sampling error?",
                coincides, "The answer depends on");
        if (delta != null) {
            w.note(w.sheet.getRow(header).getCell(10), SheetWriter.HEADER_NOTES.get("Coincides within ±δ?"));
        }
        for (Source poll : polls) {
            pollRow(w, f, pkg, poll, rid);
        }
        w.table(header, LAST);
        // a short table on a one-page answer: its header is not repeated above the chart on a second page
        w.sheet.setRepeatingRows(null);
        w.sheet.getRow(header).setHeightInPoints(44);

        w.skip();
        // for a verdict that depends on what was not published, the reading that would turn it, in words
        boolean depends = false;
        for (DataIssue i : data.issues()) {
            if (i.is(IssueCode.VERDICT_DEPENDS_ON_UNPUBLISHED) && polls.stream().anyMatch(p -> i.message().startsWith(p.id() + " vs " + rid + ":"))) {
                w.paragraph(i.message(), LAST, 220, styles.wrap);
                depends = true;
            }
        }
        if (depends) {
            w.skip();
        }
        problems(w, data, polls);

        // the forest plot, then the figures it draws and the shares behind them
        List<Candidate> candidates = pkg.candidates().stream()
                .filter(c -> polls.stream().anyMatch(p -> f.accuracy(p.id(), rid, c.id(), Metric.Accuracy.DEVIATION_PP) != null))
                .toList();
        if (candidates.isEmpty() || polls.isEmpty()) {
            return;
        }
        w.skip();
        int chartTop = w.nextRow();
        int chartRows = 21;
        for (int i = 0; i < chartRows; i++) {
            w.skip();
        }
        w.skip();
        w.text(w.row(), 0, "Deviation of each exit poll from " + rid + " (percentage points), with the half-width"
                + " of its 95 % interval", styles.subtitle);
        List<String> heads = new ArrayList<>(List.of("Candidate"));
        for (Source p : polls) {
            heads.add(p.id());
            heads.add(p.id() + " ± 95 %");
        }
        if (delta != null) {
            heads.add("+δ");
            heads.add("−δ");
        }
        int devHeader = w.header(heads.toArray(String[]::new));
        w.sheet.getRow(devHeader).setHeightInPoints(44);
        double largest = delta == null ? 0 : delta;
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            for (int i = 0; i < polls.size(); i++) {
                String pid = polls.get(i).id();
                Double dev = f.accuracy(pid, rid, c.id(), Metric.Accuracy.DEVIATION_PP);
                Double half = Verdicts.halfWidth(f, pid, rid, c.id());
                w.number(r, 1 + 2 * i, dev, Styles.PP);
                w.number(r, 2 + 2 * i, half, "0.00");
                if (dev != null) {
                    largest = Math.max(largest, Math.abs(dev) + (half == null ? 0 : half));
                }
            }
            if (delta != null) {
                w.number(r, 1 + 2 * polls.size(), delta, "0.00");
                w.number(r, 2 + 2 * polls.size(), -delta, "0.00");
            }
        }
        int devLast = w.nextRow() - 1;
        List<Integer> devColumns = new ArrayList<>();
        List<Integer> halfColumns = new ArrayList<>();
        for (int i = 0; i < polls.size(); i++) {
            devColumns.add(1 + 2 * i);
            halfColumns.add(2 + 2 * i);
        }
        List<Integer> band = delta == null ? List.of() : List.of(1 + 2 * polls.size(), 2 + 2 * polls.size());
        Charts.forest(w.xssf(), new Charts.Block(devHeader, devHeader + 1, devLast, 0, devColumns), halfColumns, band,
                new Charts.Place(0, chartTop, 10, chartTop + chartRows),
                "Poll minus count per candidate, with 95 % intervals" + (delta == null ? ""
                        : "; dashed: ±" + fmt(delta) + " pp"),
                "percentage points", Charts.polls(pkg, polls), Charts.limit(largest));

        w.skip();
        w.text(w.row(), 0, "Shares of valid votes: " + rid + " and each exit poll (a poll's shares over the candidates"
                + " compared, its unattributed answers given to them in proportion)", styles.subtitle);
        List<String> shareHeads = new ArrayList<>(List.of("Candidate", "Official (" + rid + ")"));
        polls.forEach(p -> shareHeads.add(p.id()));
        w.sheet.getRow(w.header(shareHeads.toArray(String[]::new))).setHeightInPoints(44);
        for (Candidate c : candidates) {
            Row r = w.row();
            w.text(r, 0, c.name());
            Double official = polls.stream().map(p -> f.accuracy(p.id(), rid, c.id(), Metric.Accuracy.OFFICIAL_SHARE))
                    .filter(v -> v != null).findFirst().orElse(null);
            w.number(r, 1, official, Styles.PERCENT);
            for (int i = 0; i < polls.size(); i++) {
                w.number(r, 2 + i, f.accuracy(polls.get(i).id(), rid, c.id(), Metric.Accuracy.POLL_SHARE), Styles.PERCENT);
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
        w.text(r, 0, name, styles.wrap);
        w.number(r, 1, f.accuracy(pid, rid, null, Metric.Accuracy.N), Styles.INTEGER, assumed ? styles.warn : styles.text);
        w.text(r, 2, assumed ? "no (assumed)" : "yes", styles.centred(assumed ? styles.warn : styles.text));
        w.number(r, 3, f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR), Styles.PP);
        // intervals centred: apart from the right-aligned figure beside them
        XSSFCellStyle centred = styles.centred(styles.text);
        w.text(r, 4, Verdicts.interval(f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR_CI_LOW),
                f.accuracy(pid, rid, null, Metric.Accuracy.MARGIN_ERROR_CI_HIGH)), centred);
        Candidate worst = Verdicts.largestGap(f, pkg, pid, rid);
        if (worst != null) {
            Double dev = f.accuracy(pid, rid, worst.id(), Metric.Accuracy.DEVIATION_PP);
            Double half = Verdicts.halfWidth(f, pid, rid, worst.id());
            w.text(r, 5, worst.name(), styles.wrap);
            w.number(r, 6, dev, Styles.PP);
            w.text(r, 7, half == null ? "" : Verdicts.interval(dev - half, dev + half), centred);
        }
        w.number(r, 8, f.accuracy(pid, rid, null, Metric.Accuracy.CHI2_P), Styles.P_VALUE);
        XSSFCellStyle verdictStyle = verdict == Verdict.DIFFERS ? styles.bad
                : verdict == Verdict.DEPENDS ? styles.warn : styles.text;
        w.text(r, 9, verdict == null ? "" : verdict.shortAnswer, styles.centred(verdictStyle));
        w.yesNo(r, 10, f.accuracy(pid, rid, null, Metric.Accuracy.COINCIDES));
        String depends = Verdicts.dependsOn(f, pkg, poll, rid);
        w.text(r, 11, depends, styles.wrap);
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
