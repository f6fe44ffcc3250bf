package org.exitpollaudit.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.AnalysisParameters;
import org.springframework.scheduling.support.CronExpression;

/**
 * The command line, parsed before Spring starts so that mistakes are reported plainly and fast.
 *
 * @param command what to do: run the job once (default), run it on a schedule, list past runs, verify a report
 * @param target  the report folder for {@code verify}
 * @param cron    the schedule for {@code schedule}; {@code null} for the configured one (epa.schedule.cron)
 * @param embeddedDb keep the job repository in the embedded HSQLDB of {@code <output>/.state} whatever the profile
 * @param force      run the job again even when the inputs are unchanged since a complete report
 * @param quiet      no progress and no summary, only a source left out and errors that stop the run: verify's re-computation
 * @param districts  districts of the benchmark's synthetic package; 0 for its default (one per 2,000 stations)
 */
public record CliOptions(Command command, Path target, Path input, Path output, AnalysisParameters params,
                         String cron, boolean help, boolean verbose, boolean inputGiven, int stations, int districts,
                         String heap, boolean embeddedDb, boolean force, boolean quiet) {

    public enum Command { RUN, SCHEDULE, HISTORY, VERIFY, BENCHMARK, WORKER }

    /** The options that take a value ({@code --name=value}), for the message when one is given without it. */
    static final java.util.Set<String> VALUED = java.util.Set.of("--input", "--output", "--deff",
            "--respondents-per-station", "--fallback-sample-size", "--tolerance", "--stations", "--districts", "--heap", "--cron");

    /** The options without a value. */
    static final java.util.Set<String> FLAGS = java.util.Set.of("--help", "--verbose", "--embedded-db", "--force",
            "--quiet");

    /** The commands, as typed. */
    static final List<String> COMMANDS = List.of("run", "schedule", "history", "verify", "benchmark", "worker",
            "calibrate");

    public static final Path DEFAULT_INPUT = Path.of("input", "az-2024-presidential");
    public static final Path DEFAULT_OUTPUT = Path.of("output");

    public static final String HELP = """
            exit-poll-audit: compares exit polls with official election results and writes an audit workbook.

            Usage: target/app/exit-poll-audit [command] [options]    (the launcher mvn package makes)
                   java -jar target/exit-poll-audit.jar [command] [options]

            Commands:
              run (default)           run the job once on a package; with unchanged inputs, name the existing report
                                      (and regenerate it if its folder was deleted)
              schedule                stay running and run the job on the cron schedule of epa.schedule.cron
                                      (application.properties; default every night at 03:00) or of --cron
              history                 list the runs recorded in <output>/.state: id, start, end, status,
                                      inputs fingerprint, report folder
              verify <report folder>  re-compute a report from its recorded inputs and parameters (manifest.json)
                                      and say whether every figure matches
              worker                  with SPRING_PROFILES_ACTIVE=postgres,remote: stay running and stage the
                                      ingest partitions (one per results file) that runs on any machine send
                                      through the shared database; one thread per core (epa.worker.threads)
              benchmark               write a seeded synthetic package (--stations, 12 candidates, final and two
                                      partial releases per station, five exit polls of 2,000 stations plus
                                      toplines) into <output>/package-<stations> (default output/benchmark),
                                      or take --input, run the job on it in a fresh JVM with --heap, and print
                                      wall time and CPU per step, rows per second and peak memory
              calibrate               simulate every test and write the calibration table the jar ships
                                      (options: calibrate --help)

            Options:
              --input=<folder>        election package to analyse (format: docs/input-format.md)
                                      default: input/az-2024-presidential (the embedded Azerbaijan 2024 package);
                                      for verify: where the recorded inputs are now, if they have moved
              --output=<folder>       where reports go; default: output
                                      a run writes <output>/<election id>/<fingerprint>/ and points
                                      <output>/<election id>/latest at it; the job repository lives in <output>/.state
              --deff=<number>         design effect assumed for exit polls without station data
                                      (default 2.5; estimated from a poll's station counts where it has them)
              --respondents-per-station=<number>
                                      respondents assumed per sampled station when a poll published only
                                      its number of stations (default 40)
              --fallback-sample-size=<n>
                                      n assumed when a poll published neither (default 1000)
              --tolerance=<pp>        δ: a poll "coincides" with the count when the 90 % intervals of its margin
                                      error and of every candidate's deviation lie within ±δ percentage points
                                      (default 2)
              --stations=<n>          with benchmark: stations of the synthetic package (default 1000000)
              --districts=<n>         with benchmark: its districts (default one per 2,000 stations), to scale
                                      the stations alone
              --heap=<size>           with benchmark: the job's -Xmx (default 1g)
              --cron=<expression>     with schedule: six-field Spring cron expression, e.g. "0 0 3 * * *"
              --embedded-db           keep the job repository in <output>/.state (embedded HSQLDB) even when the
                                      postgres profile is active; verify re-computes this way, apart from the
                                      repository that made the report
              --force                 run the job again even when the inputs are unchanged since a complete report
                                      (the report folder of those inputs is replaced)
              --quiet                 no progress, no summary: only a source left out and errors that stop the run
              --verbose               show every step's log, framework logs and stack traces
              --help                  this text

            Exit codes:
              0  report written (or inputs unchanged since a complete report), every source compared;
                 or verify: the report verified
              1  the run failed for a reason a rerun can fix (database, network, memory, a bug the message names):
                 run the same command again, it restarts from the failed step; or verify: the report does not
                 follow from its inputs
              2  bad input or options: the message lists each problem (file, line, column); nothing was written
              3  another run or schedule is using the output folder; nothing was done
              4  report written, but a source was left out of the comparison (all its rows rejected, or no
                 candidates in common with a release): see the data issues named in the message
              5  interrupted by Ctrl-C or SIGTERM: run the same command again to resume where it stopped
                 (schedule and worker, which are stopped this way by design, end with 0)
              6  the output folder cannot be written (no permission, read-only, or no space left on the device):
                 free space or fix the folder, or choose another --output, then run again
            """;

    /** @throws IllegalArgumentException naming the option that is wrong */
    public static CliOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean help = false;
        boolean verbose = false;
        boolean embeddedDb = false;
        boolean force = false;
        boolean quiet = false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--verbose")) {
                verbose = true;
            } else if (a.equals("--embedded-db")) {
                embeddedDb = true;
            } else if (a.equals("--force")) {
                force = true;
            } else if (a.equals("--quiet")) {
                quiet = true;
            } else if (a.startsWith("--") && a.contains("=")) {
                String key = a.substring(2, a.indexOf('='));
                if (values.put(key, a.substring(a.indexOf('=') + 1)) != null) {
                    throw new IllegalArgumentException("option --" + key + " is given twice");
                }
            } else if (!a.startsWith("-")) {
                positional.add(a);
            } else if (VALUED.contains(a)) {
                throw new IllegalArgumentException("option " + a + " takes a value, joined to it by '=': " + a
                        + "=<value>");
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "' (options take the form --name=value)"
                        + didYouMean(a, union(VALUED, FLAGS)));
            }
        }
        Command command = Command.RUN;
        Path target = null;
        if (!positional.isEmpty()) {
            String c = positional.remove(0);
            command = switch (c) {
                case "run" -> Command.RUN;
                case "schedule" -> Command.SCHEDULE;
                case "history" -> Command.HISTORY;
                case "verify" -> Command.VERIFY;
                case "benchmark" -> Command.BENCHMARK;
                case "worker" -> Command.WORKER;
                case "calibrate" -> throw new IllegalArgumentException(
                        "calibrate must come first: exit-poll-audit calibrate [options]");
                default -> throw new IllegalArgumentException("unknown command '" + c
                        + "' (commands: " + String.join(", ", COMMANDS) + ")" + didYouMean(c, COMMANDS));
            };
            if (command == Command.VERIFY) {
                if (positional.isEmpty()) {
                    throw new IllegalArgumentException("verify needs the report folder: verify <report folder>");
                }
                target = Path.of(positional.remove(0));
            }
            if (!positional.isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + positional.get(0) + "'");
            }
        }
        AnalysisParameters d = AnalysisParameters.DEFAULTS;
        boolean inputGiven = values.containsKey("input");
        Path input = inputGiven ? Path.of(values.remove("input")) : DEFAULT_INPUT;
        Path output = values.containsKey("output") ? Path.of(values.remove("output"))
                : command == Command.BENCHMARK ? DEFAULT_OUTPUT.resolve("benchmark") : DEFAULT_OUTPUT;
        boolean benchmarkOptions = values.containsKey("stations") || values.containsKey("districts")
                || values.containsKey("heap");
        double stations = number(values, "stations", 1_000_000);
        boolean districtsGiven = values.containsKey("districts");
        double districts = number(values, "districts", 0);
        String heap = values.containsKey("heap") ? values.remove("heap") : "1g";
        if (benchmarkOptions && command != Command.BENCHMARK) {
            throw new IllegalArgumentException("--stations, --districts and --heap only go with the benchmark command");
        }
        if (stations < 10 || stations > 50_000_000 || stations != Math.rint(stations)) {
            throw new IllegalArgumentException("--stations must be a whole number from 10 to 50000000");
        }
        if (districtsGiven && inputGiven) {
            throw new IllegalArgumentException("--districts is for the benchmark's generated package, not --input");
        }
        if (districtsGiven && (districts < 1 || districts > stations || districts != Math.rint(districts))) {
            throw new IllegalArgumentException("--districts must be a whole number from 1 to the stations ("
                    + (long) stations + ")");
        }
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap=" + heap + " is not a heap size (e.g. 1g, 768m)");
        }
        double deff = number(values, "deff", d.deff());
        double rps = number(values, "respondents-per-station", d.respondentsPerStation());
        double fallback = number(values, "fallback-sample-size", d.fallbackSampleSize());
        double tolerance = number(values, "tolerance", d.tolerance());
        String cron = values.remove("cron");
        if (!values.isEmpty()) {
            String key = "--" + values.keySet().iterator().next();
            throw new IllegalArgumentException("unknown option " + key + didYouMean(key, VALUED));
        }
        if (cron != null && (command != Command.SCHEDULE || !CronExpression.isValidExpression(cron))) {
            throw new IllegalArgumentException(command != Command.SCHEDULE ? "--cron only goes with the schedule command"
                    : "--cron=" + cron + " is not a valid cron expression (six fields: second minute hour day month"
                    + " weekday, e.g. \"0 0 3 * * *\")");
        }
        if (fallback != Math.rint(fallback)) {
            throw new IllegalArgumentException("--fallback-sample-size must be a whole number");
        }
        AnalysisParameters params;
        try {
            params = new AnalysisParameters(deff, rps, (long) fallback, d.alpha(), d.confidence(), tolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--deff, --respondents-per-station, --fallback-sample-size and"
                    + " --tolerance must be positive numbers");
        }
        if (force && command != Command.RUN) {
            throw new IllegalArgumentException("--force only goes with the run command");
        }
        return new CliOptions(command, target, input, output, params, cron, help, verbose, inputGiven, (int) stations,
                (int) districts, heap, embeddedDb, force, quiet);
    }

    private static double number(Map<String, String> values, String key, double dflt) {
        String v = values.remove(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + "=" + v + " is not a number");
        }
    }

    /** "; did you mean --output?" for the known word nearest to a mistyped one (at most two edits off), else "". */
    static String didYouMean(String typed, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known.stream().sorted().toList()) {
            int d = editDistance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    /** Levenshtein's distance: the fewest insertions, deletions and substitutions that turn a into b. */
    static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
