package org.exitpollaudit.calibration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.analysis.AnalysisParameters;
import org.exitpollaudit.model.ExitCodes;

/**
 * The {@code calibrate} command: simulates every test the job runs, on clean elections, on honest elections with
 * urban and rural stations, and on elections or polls with each anomaly, and writes the rejection rates with
 * Clopper–Pearson intervals ({@link CalibrationTable}). The jar ships the table this command wrote; a run reads it
 * and simulates nothing. Regenerate with
 * {@code java -jar target/exit-poll-audit.jar calibrate --output=src/main/resources/calibration/calibration.csv}.
 * <p>Cell c of the table (in the order written) draws its replication r from seed + 1,000,000 · c + r, so a cell is
 * the same whatever the number of cores and the other cells.
 */
public final class CalibrateCommand {

    static final long DEFAULT_SEED = 20240207L;
    static final int DEFAULT_REPLICATIONS = 500;
    static final int DEFAULT_SAMPLES = 20_000;
    static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000);
    static final String DEFAULT_OUTPUT = "calibration.csv";

    /** Polled stations and respondents per station of the simulated station-level exit polls. */
    static final int POLL_STATIONS = 100;
    static final int PER_STATION = 60;
    /** Urban share of the stations and half the urban–rural gap (logit turnout, log leader support). */
    static final double URBAN = 0.4;
    static final double TYPE_EFFECT = 0.25;
    /** The verdict rule's cluster design: 179 stations × 28 respondents = the seed case's n of 5,012. */
    static final int CLUSTERS = 179;
    static final int PER_CLUSTER = 28;
    static final double[] LEADER_ODDS = {1, 1.05, 1.1, 1.25, 1.5};

    public static final String HELP = """
            Usage: java -jar target/exit-poll-audit.jar calibrate [options]

            Simulates each forensic test, the station exit-poll test and the national verdict rule on seeded
            synthetic elections and polls and writes their rejection rates at 5 % with Clopper-Pearson 95 %
            intervals (CSV) and how they were made (<output without .csv>.properties).

              --replications=<n>   simulated elections per forensic cell (default 500, at least 1)
              --samples=<n>        simulated polls per verdict-rule cell (default 20000)
              --seed=<n>           base seed (default 20240207)
              --sizes=<n,n,...>    election sizes in stations (default 1000,10000)
              --output=<file>      the table (default calibration.csv); the jar ships
                                   src/main/resources/calibration/calibration.csv
            """;

    /** Parsed options. */
    record Options(int replications, int samples, long seed, List<Integer> sizes, Path output) {

        /** The command as it would be typed to make this table again. */
        String command() {
            return "java -jar target/exit-poll-audit.jar calibrate --replications=" + replications + " --samples="
                    + samples + " --seed=" + seed + " --sizes=" + String.join(",", sizes.stream().map(String::valueOf)
                    .toList()) + " --output=" + output;
        }
    }

    private CalibrateCommand() {
    }

    /** Runs the command with the arguments after {@code calibrate}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            if (Arrays.asList(args).contains("--help")) {
                out.print(HELP);
                return ExitCodes.OK;
            }
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\nRun calibrate --help for the options.");
            return ExitCodes.BAD_INPUT;
        }
        long t0 = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<CalibrationTable.Row> rows = table(o, row -> out.printf(Locale.ROOT, "%-24s %-34s %6s  %5d/%-6d %6.2f %%%n",
                row.test(), row.scenario(), row.electionStations() != null ? row.electionStations() : "",
                row.rejections(), row.trials(), 100 * row.rate()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(o.seed()));
        meta.put("generated", started.toString());
        meta.put("replications", Integer.toString(o.replications()));
        meta.put("samples", Integer.toString(o.samples()));
        meta.put("alpha", Double.toString(AnalysisParameters.DEFAULTS.alpha()));
        meta.put("command", o.command());
        meta.put("seconds", Long.toString((System.nanoTime() - t0) / 1_000_000_000L));
        try {
            new CalibrationTable(meta, rows).write(o.output());
        } catch (IOException e) {
            err.println("error: cannot write " + o.output() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println(rows.size() + " cells in " + meta.get("seconds") + " s: " + o.output().toAbsolutePath() + " and "
                + CalibrationTable.metaPath(o.output()).toAbsolutePath());
        return ExitCodes.OK;
    }

    static Options parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options take the form --name=value)");
            }
            String key = a.substring(2, a.indexOf('='));
            if (!List.of("replications", "samples", "seed", "sizes", "output").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " for calibrate");
            }
            if (v.put(key, a.substring(a.indexOf('=') + 1)) != null) {
                throw new IllegalArgumentException("option --" + key + " is given twice");
            }
        }
        int replications = whole(v, "replications", DEFAULT_REPLICATIONS, 1_000_000);
        int samples = whole(v, "samples", DEFAULT_SAMPLES, 100_000_000);
        long seed;
        try {
            seed = v.containsKey("seed") ? Long.parseLong(v.get("seed")) : DEFAULT_SEED;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed=" + v.get("seed") + " is not a whole number");
        }
        List<Integer> sizes = DEFAULT_SIZES;
        if (v.containsKey("sizes")) {
            sizes = new ArrayList<>();
            for (String s : v.get("sizes").split(",")) {
                sizes.add(whole(Map.of("sizes", s.trim()), "sizes", 0, 10_000_000));
            }
            if (sizes.stream().anyMatch(s -> s < 100)) {
                throw new IllegalArgumentException("--sizes: elections of at least 100 stations");
            }
        }
        return new Options(replications, samples, seed, sizes, Path.of(v.getOrDefault("output", DEFAULT_OUTPUT)));
    }

    private static int whole(Map<String, String> v, String key, int dflt, int max) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + "=" + s + " is not a whole number from 1 to " + max);
    }

    /** Every cell, in the order written; each is handed to {@code done} as it is finished. */
    static List<CalibrationTable.Row> table(Options o, java.util.function.Consumer<CalibrationTable.Row> done) {
        double alpha = AnalysisParameters.DEFAULTS.alpha();
        List<CalibrationTable.Row> rows = new ArrayList<>();
        int cell = 0;
        for (int size : o.sizes()) {
            SyntheticElection.Config base = SyntheticElection.Config.clean(0).withStations(size, Math.max(5, size / 100));
            Map<String, SyntheticElection.Config> scenarios = new LinkedHashMap<>();
            scenarios.put("clean", base);
            scenarios.put("clean_station_types", base.withStationTypes(URBAN, TYPE_EFFECT));
            scenarios.put("rounded_5pct", base.withRounding(0.05));
            scenarios.put("stuffed_10pct", base.withStuffing(0.10));
            for (Map.Entry<String, SyntheticElection.Config> s : scenarios.entrySet()) {
                List<Calibration.Poll> polls = switch (s.getKey()) {
                    case "clean" -> List.of(new Calibration.Poll("clean", POLL_STATIONS, PER_STATION, 0),
                            new Calibration.Poll("poll_biased_odds_1.5", POLL_STATIONS, PER_STATION, 0.5));
                    case "clean_station_types" -> List.of(new Calibration.Poll(s.getKey(), POLL_STATIONS, PER_STATION, 0));
                    default -> List.of();
                };
                long seed = cellSeed(o.seed(), cell++);
                for (Calibration.Rate r : Calibration.screening(s.getValue().withSeed(seed), o.replications(), alpha,
                        s.getKey(), polls)) {
                    boolean poll = r.test().equals("station_poll_chi2");
                    CalibrationTable.Row row = CalibrationTable.Row.of(r.test(), r.condition(),
                            describe(r.condition(), size, poll), size, poll ? POLL_STATIONS : null,
                            poll ? POLL_STATIONS * PER_STATION : null, null, null,
                            r.condition().startsWith("poll_biased") ? 1.5 : null, o.replications(), r);
                    rows.add(row);
                    done.accept(row);
                }
            }
        }
        double[] v = VerdictRule.shares(VerdictRule.AZ_2024_FINAL_VOTES);
        int n = VerdictRule.AZ_2024_SRC_N;
        List<VerdictRule.Design> designs = List.of(VerdictRule.Design.simpleRandom(n),
                VerdictRule.Design.cluster(CLUSTERS, PER_CLUSTER, 1.7, 1.7),
                VerdictRule.Design.cluster(CLUSTERS, PER_CLUSTER, 3.0, 3.0),
                VerdictRule.Design.cluster(CLUSTERS, PER_CLUSTER, 3.0, 1.7));
        for (VerdictRule.Design d : designs) {
            boolean underAssumed = d.deffAssumed() < d.deff();
            String scenario = (d.clusters() == 0 ? "srs" : "cluster_deff_" + d.deff()
                    + (underAssumed ? "_assumed_" + d.deffAssumed() : ""));
            for (double odds : underAssumed ? new double[] {1} : LEADER_ODDS) {
                for (String test : odds == 1 && !underAssumed ? List.of(VerdictRule.PRIMARY, VerdictRule.OR_HOLM)
                        : List.of(VerdictRule.PRIMARY)) {
                    String sc = scenario + (odds == 1 ? "_null" : "_leader_odds_" + odds);
                    Calibration.Rate r = VerdictRule.rate(test, sc, v, odds, d, o.samples(),
                            cellSeed(o.seed(), cell++), alpha);
                    CalibrationTable.Row row = CalibrationTable.Row.of(test, sc, describe(d, v, odds),
                            null, d.clusters() == 0 ? null : d.clusters(), d.n(), d.deff(), d.deffAssumed(), odds,
                            o.samples(), r);
                    rows.add(row);
                    done.accept(row);
                }
            }
        }
        return rows;
    }

    /** The seed of cell c (in the order written; the elections' scenarios come first, four per size). */
    static long cellSeed(long seed, int cell) {
        return seed + 1_000_000L * cell;
    }

    /** What an election cell simulated, in words; for the station exit-poll test, with the poll. */
    static String describe(String scenario, int stations, boolean poll) {
        String size = String.format(Locale.ROOT, "%,d stations", stations);
        String honestPoll = poll ? "; honest station exit poll (" + POLL_STATIONS + " stations × " + PER_STATION + ")" : "";
        return switch (scenario) {
            case "clean" -> "honest election of " + size + honestPoll;
            case "clean_station_types" -> String.format(Locale.ROOT, "honest election of %s, %.0f %% urban: rural"
                    + " stations have higher turnout and leader support (±%.2f on logit turnout and log support)%s",
                    size, 100 * URBAN, TYPE_EFFECT, honestPoll);
            case "rounded_5pct" -> "election of " + size + " with whole-percent turnout and leader share fabricated"
                    + " in 5 % of stations";
            case "stuffed_10pct" -> "election of " + size + " with ballots stuffed for the leader in 10 % of stations";
            case "poll_biased_odds_1.5" -> "honest election of " + size + "; station exit poll (" + POLL_STATIONS
                    + " stations × " + PER_STATION + ") biased to the leader (odds × 1.5)";
            default -> scenario;
        };
    }

    /** What a verdict-rule cell simulated, in words, with the bias in percentage points of the leader's share. */
    static String describe(VerdictRule.Design d, double[] v, double odds) {
        String design = d.clusters() == 0 ? String.format(Locale.ROOT, "simple random sample of %,d", d.n())
                : String.format(Locale.ROOT, "cluster sample of %d stations × %d (n = %,d), design effect %.1f"
                + "%s", d.clusters(), d.perCluster(), d.n(), d.deff(),
                d.deffAssumed() == d.deff() ? " known" : String.format(Locale.ROOT, ", tested as if it were %.1f", d.deffAssumed()));
        double q = VerdictRule.leaderOdds(v, odds)[0];
        String truth = odds == 1 ? "poll honest (Azerbaijan 2024 CEC final shares)"
                : String.format(Locale.ROOT, "leader's odds × %.2f (Aliyev %.2f %% → %.2f %%, +%.2f pp)", odds,
                100 * v[0], 100 * q, 100 * (q - v[0]));
        return design + "; " + truth;
    }
}
