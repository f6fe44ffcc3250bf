package org.exitpollaudit.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.exitpollaudit.analysis.AnalysisParameters;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.job.RunContext;
import org.exitpollaudit.model.AppVersion;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.report.Manifest;
import org.exitpollaudit.report.ReportPublisher;

/**
 * {@code verify <report folder>}: proves that a report follows from its recorded inputs. It checks the report's own
 * files against the hashes in its manifest, checks that every recorded input file is still there with the same
 * SHA-256, re-runs the job on them with the recorded parameters into a scratch folder (with a fresh job repository),
 * and compares every figure and every data issue.
 */
public final class Verifier {

    private Verifier() {
    }

    /**
     * @param inputOverride where the recorded inputs are now, or {@code null} for the recorded input folder
     * @param launcher      runs the application with the given arguments and returns its exit code
     */
    public static int verify(Path folder, Path inputOverride, PrintStream out, PrintStream err,
                             Function<String[], Integer> launcher) throws IOException {
        Path manifestFile = folder.resolve(ReportPublisher.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            err.println("error: " + folder + (Files.isDirectory(folder)
                    ? " is not a report folder (it has no " + ReportPublisher.MANIFEST + ")"
                    : Files.exists(folder) ? " is a file, not a report folder" : " does not exist"));
            return ExitCodes.BAD_INPUT;
        }
        Manifest m = Manifest.read(manifestFile);
        out.println("Verifying " + folder.toAbsolutePath().normalize() + " (run " + m.jobExecutionId() + ", "
                + m.election() + ", made by exit-poll-audit " + m.version() + " at commit " + m.commit() + ")");
        AppVersion now = AppVersion.current();
        if (!now.version().equals(m.version()) || !now.commit().equals(m.commit())) {
            out.println("note: this is exit-poll-audit " + now.version() + " at commit " + now.commit()
                    + "; differences below may come from the code rather than the data");
        }
        List<String> problems = new ArrayList<>();
        m.outputs().forEach((name, sha) -> {
            Path f = folder.resolve(name);
            if (!Files.isRegularFile(f)) {
                problems.add("report file " + name + " is missing");
            } else if (!sha.equals(InputFingerprint.sha256(f))) {
                problems.add("report file " + name + " was changed after it was written (SHA-256 differs from the manifest)");
            }
        });
        Path input = inputOverride != null ? inputOverride : Path.of(m.parameters().get(RunContext.INPUT));
        List<InputFile> recorded = m.inputs();
        if (!Files.isDirectory(input)) {
            problems.add("the recorded input folder " + input + " does not exist (pass --input=<folder> if it moved)");
        } else {
            Map<String, InputFile> present = new LinkedHashMap<>();
            InputFingerprint.files(input).forEach(f -> present.put(f.path(), f));
            for (InputFile f : recorded) {
                InputFile p = present.remove(f.path());
                if (p == null) {
                    problems.add("input " + f.path() + " is missing");
                } else if (!p.sha256().equals(f.sha256())) {
                    problems.add("input " + f.path() + " has changed (SHA-256 " + p.sha256().substring(0, 12)
                            + "…, recorded " + f.sha256().substring(0, 12) + "…)");
                }
            }
            present.keySet().forEach(extra -> problems.add("input " + extra + " was not part of the recorded run"));
        }
        if (!problems.isEmpty()) {
            err.println("NOT VERIFIED: the report cannot be reproduced as recorded:");
            problems.forEach(p -> err.println("  - " + p));
            return ExitCodes.FAILED;
        }
        out.println("All " + recorded.size() + " recorded inputs and " + m.outputs().size()
                + " report files match their SHA-256; re-computing…");

        Path scratch = Files.createTempDirectory("exit-poll-audit-verify-");
        try {
            Map<String, String> p = m.parameters();
            // --embedded-db: a scratch job repository, never the one (perhaps shared, PostgreSQL) that made the report;
            // --quiet: the scratch report is deleted below, so the re-computation names no folder and prints no answer
            int code = launcher.apply(new String[] {"--input=" + input, "--output=" + scratch, "--embedded-db", "--quiet",
                    "--deff=" + p.get(RunContext.DEFF),
                    "--respondents-per-station=" + p.get(RunContext.RESPONDENTS_PER_STATION),
                    "--fallback-sample-size=" + p.get(RunContext.FALLBACK_SAMPLE_SIZE),
                    "--tolerance=" + p.getOrDefault(RunContext.TOLERANCE, Double.toString(AnalysisParameters.DEFAULT_TOLERANCE))});
            // a report that left a source out (4) is still a report: it verifies if it is the same one
            if (code != ExitCodes.OK && code != ExitCodes.SOURCE_LEFT_OUT) {
                err.println("NOT VERIFIED: the re-computation ended with exit code " + code);
                return ExitCodes.FAILED;
            }
            Path again = scratch.resolve(m.election()).resolve(ReportPublisher.LATEST);
            List<String> differences = new ArrayList<>();
            int figures = compare(folder.resolve(ReportPublisher.FIGURES), again.resolve(ReportPublisher.FIGURES),
                    List.of("section", "source", "reference", "level", "unit", "candidate", "metric"), differences);
            int issues = compare(folder.resolve(ReportPublisher.ISSUES), again.resolve(ReportPublisher.ISSUES),
                    List.of("severity", "code", "file", "line", "column", "message"), differences);
            boolean identical = Arrays.equals(Files.readAllBytes(folder.resolve(ReportPublisher.FIGURES)),
                    Files.readAllBytes(again.resolve(ReportPublisher.FIGURES)));
            if (!differences.isEmpty()) {
                err.println("NOT VERIFIED: " + differences.size() + " difference(s) between the report and the"
                        + " re-computation:");
                differences.stream().limit(20).forEach(d -> err.println("  - " + d));
                if (differences.size() > 20) {
                    err.println("  … and " + (differences.size() - 20) + " more");
                }
                return ExitCodes.FAILED;
            }
            out.println("VERIFIED: all " + figures + " figures and " + issues + " data issues match the re-computation"
                    + (identical ? "; figures.csv is identical byte for byte." : "."));
            return ExitCodes.OK;
        } finally {
            ReportPublisher.deleteTree(scratch);
        }
    }

    /** Compares two CSV exports row by row by key; returns the number of rows of the first. */
    private static int compare(Path reported, Path recomputed, List<String> keyColumns, List<String> differences)
            throws IOException {
        Map<String, String> a = rows(reported, keyColumns);
        Map<String, String> b = rows(recomputed, keyColumns);
        String name = reported.getFileName().toString();
        a.forEach((k, v) -> {
            if (!b.containsKey(k)) {
                differences.add(name + ": " + k + " is not produced by the re-computation");
            } else if (!Objects.equals(v, b.get(k))) {
                differences.add(name + ": " + k + " = " + v + " in the report, " + b.get(k) + " re-computed");
            }
        });
        b.keySet().stream().filter(k -> !a.containsKey(k))
                .forEach(k -> differences.add(name + ": " + k + " is re-computed but not in the report"));
        return a.size();
    }

    private static Map<String, String> rows(Path csv, List<String> keyColumns) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                StringBuilder key = new StringBuilder();
                for (String c : keyColumns) {
                    key.append(key.length() > 0 ? "|" : "").append(r.get(c));
                }
                String value = r.isMapped("value") ? r.get("value") : "";
                String k = key.toString();
                // repeated keys (the same issue on several rows) are numbered so that none hides another
                int n = 1;
                while (out.containsKey(k)) {
                    k = key + " #" + (++n);
                }
                out.put(k, value);
            }
        }
        return out;
    }
}
