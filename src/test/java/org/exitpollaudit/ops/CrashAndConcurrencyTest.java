package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.Launcher;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real processes: killed with SIGKILL in the middle of a run, and two launches against one output folder. */
class CrashAndConcurrencyTest {

    @TempDir
    Path tmp;

    @TempDir
    static Path shared;

    private static Path reference;

    /** An uninterrupted run, computed once for all kill points. */
    private static synchronized Path reference() {
        if (reference == null) {
            Path out = shared.resolve("reference");
            assertEquals(0, launch("--input=" + TestPackages.AZ, "--output=" + out).code());
            reference = out;
        }
        return reference;
    }

    private static Launch launch(String... args) {
        return capture(() -> ExitPollAuditApplication.run(args));
    }

    /** kill -9 as a step starts; the next launch recovers the execution, restarts and gives the same report. */
    @ParameterizedTest
    @ValueSource(strings = {"step ingest started", "step analyze started", "step report started"})
    void killedAnywhereTheNextLaunchRecoversAndGivesTheSameFigures(String killAt) throws Exception {
        Path reference = reference();
        Path out = tmp.resolve("out");
        // --verbose: the per-step log lines are what the kill waits for
        try (Launcher first = Launcher.start("--input=" + TestPackages.AZ, "--output=" + out, "--verbose")) {
            first.await(l -> l.contains(killAt), 120);
            first.kill();
        }
        Launch again = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(0, again.code(), again.all());
        assertTrue(again.all().contains("Report written to") || again.all().contains("Inputs unchanged"), again.all());

        Path report = out.resolve("az-2024-presidential").resolve("latest");
        for (String f : new String[] {"figures.csv", "data-issues.csv"}) {
            assertArrayEquals(Files.readAllBytes(reference.resolve("az-2024-presidential/latest").resolve(f)),
                    Files.readAllBytes(report.resolve(f)), f + " identical to an uninterrupted run");
        }
        try (Stream<Path> s = Files.list(out.resolve("az-2024-presidential"))) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".")).count(),
                    "no half-written folder left beside the report");
        }
        Launch history = launch("history", "--output=" + out);
        assertEquals(0, history.code());
        assertTrue(history.out().contains("COMPLETED"), history.out());
    }

    /**
     * The analysis commits its figures and flags as it stages them (AnalyzeTasklet). Killed half-way, after the first
     * releases' were committed, it leaves them behind; the restart stages them anew, once: the same files as a run
     * that was never interrupted. So with the issues an attempt stages at its very end (a kill between those and the
     * step's completion): here one rejected row of the final release is staged as that attempt's, which the restart
     * must not count beside its own.
     */
    @Test
    void killedHalfWayThroughTheAnalysisTheRestartStagesItsFiguresOnce() throws Exception {
        Path pkg = tmp.resolve("synthetic");
        SyntheticPackage.write(SyntheticPackage.Spec.benchmark(100_000, 0), pkg);
        Path whole = tmp.resolve("whole");
        Launch uninterrupted = launch("--input=" + pkg, "--output=" + whole);
        assertEquals(0, uninterrupted.code(), uninterrupted.all());
        Path out = tmp.resolve("out");
        try (Launcher first = Launcher.start("--input=" + pkg, "--output=" + out, "--verbose")) {
            // the first partial release is done and its figures committed (HSQLDB writes its log to the file as
            // its buffer fills, and syncs it every 0.5 s), the final release is still to be checked and screened
            first.await(l -> l.contains("analyze: cec-prelim-2: forensics in"), 120);
            first.kill();
        }
        long[] staged = staged(out);
        assertTrue(staged[0] > 0, "the first releases' figures were committed: " + staged[0] + " figure blocks");
        assertEquals(0, staged[1], "the analysis had not completed");
        Launch again = launch("--input=" + pkg, "--output=" + out);
        assertEquals(0, again.code(), again.all());
        assertTrue(again.all().contains("Report written to"), again.all());
        for (String f : new String[] {"figures.csv", "stations-flagged.csv", "data-issues.csv"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("synthetic-100000/latest").resolve(f)),
                    Files.readAllBytes(out.resolve("synthetic-100000/latest").resolve(f)),
                    f + " identical to an uninterrupted run");
        }
    }

    /**
     * What the killed run left in its embedded database: figure blocks, and completed analyze steps; adds an issue of
     * the analyze stage, as an attempt killed after staging its issues leaves: a rejected duplicate of the final
     * release (one that file does not have).
     */
    private static long[] staged(Path out) throws Exception {
        String url = "jdbc:hsqldb:file:" + out.resolve(".state/db/exit-poll-audit")
                + ";shutdown=true;hsqldb.tx=mvcc;hsqldb.lock_file=false;ifexists=true";
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO EPA_ISSUE (RUN_KEY, STAGE, SEVERITY, CODE, FILE_PATH, LINE_NO, COL, MESSAGE)"
                    + " SELECT MAX(JOB_INSTANCE_ID), 'analyze', 'ERROR', 'ROW_REJECTED', 'official/final.csv', 3,"
                    + " 'station_id', 'row rejected: station ''s1'' appears again (first at line 2); the first row is"
                    + " kept' FROM BATCH_JOB_INSTANCE");
            long[] n = new long[2];
            String[] queries = {"SELECT COUNT(*) FROM EPA_FIGURE_BLOCK",
                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'analyze' AND STATUS = 'COMPLETED'"};
            for (int i = 0; i < n.length; i++) {
                try (ResultSet rs = st.executeQuery(queries[i])) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
            return n;
        }
    }

    @Test
    void aSecondLaunchOnTheSameOutputIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path out = tmp.resolve("out");
        try (Launcher schedule = Launcher.start("schedule", "--cron=0 0 3 1 1 *", "--input=" + TestPackages.AZ,
                "--output=" + out)) {
            schedule.await(l -> l.startsWith("Scheduled on"), 120);
            Launch second = launch("--input=" + TestPackages.AZ, "--output=" + out);
            assertEquals(ExitCodes.ALREADY_RUNNING, second.code(), second.all());
            assertTrue(second.err().contains("another exit-poll-audit process") && second.err().contains("nothing was done"),
                    second.err());
            assertEquals(ExitCodes.ALREADY_RUNNING, launch("history", "--output=" + out).code());
        }
        // once it is gone, the folder is usable at once: the OS released the lock with the process
        Launch after = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(0, after.code(), after.all());
    }
}
