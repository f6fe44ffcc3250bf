package org.exitpollaudit.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration table shipped in the jar, and the command that writes it. */
class CalibrationTableTest {

    @TempDir
    Path tmp;

    private static final CalibrationTable SHIPPED = CalibrationTable.shipped();

    /**
     * Clopper–Pearson 95 % from its definition (Clopper &amp; Pearson 1934): the 2.5 % quantile of Beta(x, n − x + 1)
     * and the 97.5 % quantile of Beta(x + 1, n − x), 0 and 1 at the ends; computed here with the Beta distribution,
     * independently of the interval module the command uses.
     */
    static double[] clopperPearson(int x, int n) {
        double lo = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(0.025);
        double hi = x == n ? 1 : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(0.975);
        return new double[] {lo, hi};
    }

    @Test
    void clopperPearsonAgreesWithAPublishedValue() {
        // Newcombe (1998) Stat Med 17:857, Table II, method 5 (exact): 81/263 → 0.2527–0.3676; 0/20 → 0–0.1684
        double[] a = clopperPearson(81, 263);
        assertEquals(0.2527, a[0], 5e-5);
        assertEquals(0.3676, a[1], 5e-5);
        assertEquals(0.1684, clopperPearson(0, 20)[1], 5e-5);
        CalibrationTable.Row row = CalibrationTable.Row.of("t", "s", "d", 1, null, null, null, null, null, 263,
                new Calibration.Rate("t", "s", 263, 81));
        assertEquals(a[0], row.ciLow(), 1e-9);
        assertEquals(a[1], row.ciHigh(), 1e-9);
    }

    @Test
    void theShippedTableSaysHowItWasMade() {
        var meta = SHIPPED.meta();
        long seed = Long.parseLong(meta.get("seed"));
        int replications = Integer.parseInt(meta.get("replications"));
        int samples = Integer.parseInt(meta.get("samples"));
        assertTrue(replications >= 500, "at least 500 replications per cell, so that a 5 % rate is known within 2 pp");
        assertTrue(samples >= 10_000, "the verdict rule's level needs at least 10,000 samples");
        assertNotNull(Instant.parse(meta.get("generated")));
        assertEquals("0.05", meta.get("alpha"));
        String command = meta.get("command");
        assertTrue(command.startsWith("java -jar target/exit-poll-audit.jar calibrate ")
                && command.contains(" --seed=" + seed) && command.contains(" --replications=" + replications)
                && command.contains(" --samples=" + samples)
                && command.endsWith(" --output=src/main/resources/calibration/calibration.csv"), command);
        // the options recorded are the ones the command parses back
        CalibrateCommand.Options o = CalibrateCommand.parse(command.substring(command.indexOf(" calibrate ") + 11)
                .split(" "));
        assertEquals(seed, o.seed());
        assertEquals(replications, o.replications());
        assertTrue(o.sizes().containsAll(List.of(1_000, 10_000)), o.sizes().toString());
    }

    @Test
    void everyCellIsWellFormed() {
        int replications = Integer.parseInt(SHIPPED.meta().get("replications"));
        int samples = Integer.parseInt(SHIPPED.meta().get("samples"));
        for (CalibrationTable.Row r : SHIPPED.rows()) {
            boolean national = r.test().startsWith("national_");
            boolean poll = r.test().equals("station_poll_chi2");
            assertEquals(national ? samples : replications, r.replications(), r.toString());
            int maxTrials = poll ? r.replications() * r.pollStations() : r.replications();
            assertTrue(r.trials() > 0 && r.trials() <= maxTrials && r.rejections() <= r.trials(), r.toString());
            if (poll) {
                // a polled station is one trial; systematic PPS sampling may take a large station once for two picks
                assertTrue(r.trials() >= 0.9 * maxTrials, r.toString());
            } else if (r.test().equals("integer_either") || r.test().equals("turnout_leader") || national) {
                assertEquals(r.replications(), r.trials(), "one test per replication: " + r);
            }
            double[] ci = clopperPearson(r.rejections(), r.trials());
            assertEquals(ci[0], r.ciLow(), 1e-9, r.toString());
            assertEquals(ci[1], r.ciHigh(), 1e-9, r.toString());
            assertTrue(r.ciLow() <= r.rate() && r.rate() <= r.ciHigh(), r.toString());
            assertEquals(national, r.electionStations() == null, r.toString());
            assertEquals(national, r.designEffect() != null && r.deffAssumed() != null && r.leaderOdds() != null,
                    r.toString());
            assertTrue(!r.description().isBlank() && !r.description().toLowerCase().contains("synthetic"), r.toString());
        }
    }

    /** Every cell, test × size × scenario, clean and each anomaly; the verdict rule's level and power. */
    @Test
    void everyTestSizeAndScenarioIsThere() {
        Set<String> cells = SHIPPED.rows().stream().map(r -> r.test() + "|" + r.scenario() + "|" + r.electionStations())
                .collect(Collectors.toSet());
        assertEquals(SHIPPED.rows().size(), cells.size(), "no cell twice");
        for (int size : List.of(1_000, 10_000)) {
            for (String scenario : List.of("clean", "clean_station_types", "rounded_5pct", "stuffed_10pct")) {
                for (String test : List.of("integer_either", "turnout_leader", "last_digit_c1", "last_digit_c4",
                        "benford2_c1", "benford2_c4")) {
                    assertTrue(cells.contains(test + "|" + scenario + "|" + size), test + " " + scenario + " " + size);
                }
            }
            for (String scenario : List.of("clean", "clean_station_types", "poll_biased_odds_1.5")) {
                assertTrue(cells.contains("station_poll_chi2|" + scenario + "|" + size), scenario + " " + size);
            }
        }
        for (String scenario : List.of("srs_null", "cluster_deff_1.7_null", "cluster_deff_3.0_null",
                "srs_leader_odds_1.05", "srs_leader_odds_1.1", "srs_leader_odds_1.25", "cluster_deff_1.7_leader_odds_1.1",
                "cluster_deff_3.0_assumed_1.7_null")) {
            assertTrue(cells.contains(VerdictRule.PRIMARY + "|" + scenario + "|null"), scenario);
        }
        CalibrationTable.Row srs = SHIPPED.rows().stream().filter(r -> r.test().equals(VerdictRule.PRIMARY)
                && r.scenario().equals("srs_null")).findFirst().orElseThrow();
        assertEquals(VerdictRule.AZ_2024_SRC_N, srs.respondents());
        assertNull(srs.pollStations());
        assertEquals(1.0, srs.designEffect());
    }

    /**
     * The shipped table is what this version's command makes: its first verdict-rule cell (the primary test on
     * simple random samples at the seed case's shares, after the four election scenarios of each size) recomputed
     * from the recorded seed gives the same count, draw for draw.
     */
    @Test
    void theShippedVerdictRuleLevelIsReproducedFromItsSeed() {
        CalibrateCommand.Options o = CalibrateCommand.parse(SHIPPED.meta().get("command").split(" calibrate ")[1]
                .split(" "));
        CalibrationTable.Row shipped = SHIPPED.rows().stream().filter(r -> r.test().equals(VerdictRule.PRIMARY)
                && r.scenario().equals("srs_null")).findFirst().orElseThrow();
        Calibration.Rate again = VerdictRule.rate(VerdictRule.PRIMARY, "srs_null",
                VerdictRule.shares(VerdictRule.AZ_2024_FINAL_VOTES), 1,
                VerdictRule.Design.simpleRandom(VerdictRule.AZ_2024_SRC_N), o.samples(),
                CalibrateCommand.cellSeed(o.seed(), 4 * o.sizes().size()), 0.05);
        assertEquals(shipped.rejections(), again.rejections());
        assertEquals(shipped.trials(), again.trials());
    }

    /** The same options give the same table, cell for cell; and it reads back as written. */
    @Test
    void theCommandIsReproducibleAndItsTableReadsBack() throws Exception {
        Path out = tmp.resolve("t.csv");
        String[] args = {"--replications=3", "--samples=50", "--seed=5", "--sizes=300", "--output=" + out};
        List<CalibrationTable.Row> a = CalibrateCommand.table(CalibrateCommand.parse(args), r -> { });
        assertEquals(0, CalibrateCommand.run(args, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                System.err));
        List<CalibrationTable.Row> back;
        try (Reader in = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            back = CalibrationTable.read(in);
        }
        assertEquals(a, back);
        assertTrue(Files.readString(CalibrationTable.metaPath(out)).contains("seed=5\n"));
        assertThrows(IllegalArgumentException.class, () -> CalibrateCommand.parse(new String[] {"--replications=0"}));
        assertThrows(IllegalArgumentException.class, () -> CalibrateCommand.parse(new String[] {"--sizes=50"}));
        assertThrows(IllegalArgumentException.class, () -> CalibrateCommand.parse(new String[] {"--stations=5"}));
    }
}
