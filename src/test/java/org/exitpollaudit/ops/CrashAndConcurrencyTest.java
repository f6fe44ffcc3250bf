package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.exitpollaudit.ExitPollAuditApplication;
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
