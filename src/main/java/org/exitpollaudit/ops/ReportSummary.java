package org.exitpollaudit.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.report.PollAnswers;
import org.exitpollaudit.report.ReportPublisher;

/**
 * The end of a run on the console: each exit poll's answer against the final release, the workbook's path, and a
 * count of the data issues — what the report's own {@code figures.csv} and {@code data-issues.csv} say, so the
 * console says exactly what the report says, for a fresh run and for an unchanged one alike (a fresh run hands on
 * what it gathered of figures.csv as it wrote it, {@link PollAnswers}; an unchanged one reads the file). Also decides
 * whether a source was left out of the comparison ({@link ExitCodes#SOURCE_LEFT_OUT}).
 */
public final class ReportSummary {

    /** Errors listed on the console; the rest are counted there and all are in data-issues.csv. */
    static final int MAX_ERRORS_SHOWN = 5;
    /** Rejected rows of its file shown under a source left out (the first mention of that file). */
    static final int MAX_REJECTED_SHOWN = 3;

    /** Data issues that mean a source is missing from the comparison, not merely a row from a source. */
    static final Set<String> LEFT_OUT_CODES = Set.of(IssueCode.SOURCE_NOT_USED.name(), IssueCode.NO_COMMON_CANDIDATES.name());

    private ReportSummary() {
    }

    /** {@link #print(Path, ElectionPackage, PollAnswers, boolean, boolean, PrintStream, PrintStream)} from the files. */
    public static int print(Path reportDir, ElectionPackage pkg, boolean written, boolean quiet, PrintStream out,
                            PrintStream err) throws IOException {
        return print(reportDir, pkg, null, written, quiet, out, err);
    }

    /**
     * @param answers what the report's figures.csv holds for the answer, gathered as it was written; {@code null} to
     *                read them from the file (as for answers against another release than the package's final one)
     * @param written the report was written by this launch (not found from an earlier one)
     * @param quiet   print only the warning about sources left out
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#SOURCE_LEFT_OUT} when a source was left out
     */
    public static int print(Path reportDir, ElectionPackage pkg, PollAnswers answers, boolean written, boolean quiet,
                            PrintStream out, PrintStream err) throws IOException {
        String finalId = pkg.finalRelease().id();
        PollAnswers polls = answers != null && answers.reference().equals(finalId) ? answers
                : answers(reportDir.resolve(ReportPublisher.FIGURES), finalId);
        List<DataIssue> issues = new ArrayList<>();
        CsvRecords.read(reportDir.resolve(ReportPublisher.ISSUES), r -> issues.add(new DataIssue(
                DataIssue.Severity.valueOf(r.get("severity")), r.get("code"), blank(r.get("file")),
                r.get("line").isEmpty() ? null : Integer.valueOf(r.get("line")), blank(r.get("column")), r.get("message"))));

        // each as printed: a source left out, and under its first mention the first rows its file had rejected (often,
        // though not always, why it was left out)
        List<String> leftOut = new ArrayList<>();
        Map<String, List<DataIssue>> rejectedIn = new HashMap<>();
        issues.stream().filter(r -> r.is(IssueCode.ROW_REJECTED) && r.file() != null)
                .forEach(r -> rejectedIn.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        for (DataIssue i : issues) {
            if (LEFT_OUT_CODES.contains(i.code())) {
                leftOut.add("  - " + i.describe());
                // removed once shown: a file left out against several releases lists its rows once
                List<DataIssue> rejected = i.file() == null ? null : rejectedIn.remove(i.file());
                rejected = rejected == null ? List.of() : rejected;
                if (!rejected.isEmpty()) {
                    leftOut.add(String.format(Locale.ROOT, "      rows rejected in %s: %,d", i.file(), rejected.size()));
                }
                rejected.stream().limit(MAX_REJECTED_SHOWN).forEach(r -> leftOut.add("        " + r.describe()));
                if (rejected.size() > MAX_REJECTED_SHOWN) {
                    leftOut.add(String.format(Locale.ROOT, "        … and %,d more in the data issues",
                            rejected.size() - MAX_REJECTED_SHOWN));
                }
            }
        }
        for (Source poll : pkg.exitPolls()) {
            if (!polls.compared(poll.id())) {
                leftOut.add("  - " + poll.id() + " (" + poll.file() + ") has no figure in the report: it was not compared");
            }
        }
        if (!quiet) {
            int width = pkg.exitPolls().stream().mapToInt(p -> p.id().length()).max().orElse(0);
            out.println("Exit polls against the final release " + finalId + ":");
            for (Source poll : pkg.exitPolls()) {
                Map<String, Double> m = polls.headline(poll.id());
                out.printf("  %-" + width + "s  %s%n", poll.id(), m != null ? answer(m) : polls.local(poll.id())
                        ? "compared " + (poll.level() == Source.Level.DISTRICT ? "district by district" : "station by station")
                        + " only, not nationally (see its sheet in the workbook)"
                        : "not compared with the final release (see the data issues)");
            }
        }
        if (!leftOut.isEmpty()) {
            err.println("warning: the report leaves out part of the package (exit code " + ExitCodes.SOURCE_LEFT_OUT + "):");
            leftOut.forEach(err::println);
        }
        if (!quiet) {
            if (written) {
                out.println("Report written to " + reportDir);
            }
            out.println("Workbook: " + reportDir.resolve(ReportPublisher.WORKBOOK));
            List<DataIssue> errors = issues.stream().filter(i -> i.severity() == DataIssue.Severity.ERROR
                    && !i.is(IssueCode.ROW_REJECTED) && !LEFT_OUT_CODES.contains(i.code())).toList();
            if (!errors.isEmpty()) {
                // values the run could not use are said here, not only in the files: a scheduler's log shows them
                out.println("Errors in the input:");
                errors.stream().limit(MAX_ERRORS_SHOWN).forEach(i -> out.println("  - " + i.describe()));
                if (errors.size() > MAX_ERRORS_SHOWN) {
                    out.println(String.format(Locale.ROOT, "  … and %,d more", errors.size() - MAX_ERRORS_SHOWN));
                }
            }
            if (!issues.isEmpty()) {
                out.println("All data issues: " + reportDir.resolve(ReportPublisher.ISSUES));
            }
            out.println(count(issues));
        }
        return leftOut.isEmpty() ? ExitCodes.OK : ExitCodes.SOURCE_LEFT_OUT;
    }

    /**
     * The answers figures.csv holds against the release {@code reference}: of its records only the polls' sections
     * are built whole and the local comparisons' (hundreds of thousands at a million stations) to their source; the
     * others, the official releases' own, are passed over.
     */
    static PollAnswers answers(Path figures, String reference) throws IOException {
        PollAnswers answers = new PollAnswers(reference);
        CsvRecords.read(figures, PollAnswers::fieldsWanted, r -> {
            String section = r.get("section");
            if (PollAnswers.fieldsWanted(section) == 2) {
                answers.add(section, r.get("source"), null, null, null, null, null, null);
            } else {
                answers.add(section, r.get("source"), r.get("reference"), r.get("level"), r.get("unit"),
                        r.get("candidate"), r.get("metric"), r.get("value").isEmpty() ? null
                                : Double.parseDouble(r.get("value")));
            }
        });
        return answers;
    }

    /**
     * One poll's answer in words and numbers. {@code verdict} (1 consistent, 0 differs, −1 depends on what was not
     * published); then the size of the gap: largest
     * deviation, the winner–runner-up margin error with its interval, and whether it coincides within the tolerance,
     * each where the report has it.
     */
    static String answer(Map<String, Double> m) {
        List<String> parts = new ArrayList<>();
        Double verdict = m.get(Metric.Accuracy.VERDICT.id());
        parts.add(verdict == null ? "no verdict" : verdict > 0.5 ? "consistent with sampling error"
                : verdict < -0.5 ? "depends on what was not published" : "differs beyond sampling error");
        if (m.get(Metric.Accuracy.MAX_ABS_DEVIATION_PP.id()) != null) {
            parts.add("largest gap " + pp(m.get(Metric.Accuracy.MAX_ABS_DEVIATION_PP.id()), false));
        }
        if (m.get(Metric.Accuracy.MARGIN_ERROR.id()) != null) {
            String ci = m.get(Metric.Accuracy.MARGIN_ERROR_CI_LOW.id()) != null && m.get(Metric.Accuracy.MARGIN_ERROR_CI_HIGH.id()) != null
                    ? " (95 % CI " + pp(m.get(Metric.Accuracy.MARGIN_ERROR_CI_LOW.id()), true) + " to " + pp(m.get(Metric.Accuracy.MARGIN_ERROR_CI_HIGH.id()), true) + ")"
                    : "";
            parts.add("margin error " + pp(m.get(Metric.Accuracy.MARGIN_ERROR.id()), true) + ci);
        }
        if (m.get(Metric.Accuracy.COINCIDES.id()) != null) {
            parts.add(m.get(Metric.Accuracy.COINCIDES.id()) > 0.5 ? "coincides within the tolerance" : "does not coincide within the tolerance");
        }
        return String.join("; ", parts);
    }

    private static String pp(double v, boolean signed) {
        return String.format(Locale.ROOT, signed ? "%+.2f pp" : "%.2f pp", v);
    }

    /** "5 data issues (1 error, 4 warnings); 0 rows rejected." — the last line, whatever else was printed. */
    static String count(List<DataIssue> issues) {
        Map<DataIssue.Severity, Long> by = new LinkedHashMap<>();
        for (DataIssue.Severity s : DataIssue.Severity.values()) {
            by.put(s, issues.stream().filter(i -> i.severity() == s).count());
        }
        long rejected = issues.stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).count();
        List<String> kinds = new ArrayList<>();
        by.forEach((s, n) -> {
            if (n > 0) {
                String word = switch (s) {
                    case FATAL -> "fatal";
                    case ERROR -> n == 1 ? "error" : "errors";
                    case WARNING -> n == 1 ? "warning" : "warnings";
                    case INFO -> n == 1 ? "note" : "notes";
                };
                kinds.add(String.format(Locale.ROOT, "%,d ", n) + word);
            }
        });
        return String.format(Locale.ROOT, "%,d", issues.size()) + (issues.size() == 1 ? " data issue" : " data issues")
                + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")") + "; "
                + (rejected == 0 ? "no rows" : rejected == 1 ? "1 row" : String.format(Locale.ROOT, "%,d rows", rejected))
                + " rejected.";
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }
}
