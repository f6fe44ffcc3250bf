package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.Launcher;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real processes meeting real faults: SIGTERM in the middle of a run, an output folder on a read-only file system
 * and on a full one (small tmpfs mounts in a private mount namespace, made with {@code unshare}, so the test needs no
 * privileges and works as root too, where file permissions would not stop a write), and hostile text from a
 * package on the console.
 */
class ProcessFaultsTest {

    private static final String[] NO_STACK_TRACE = {"\tat ", "Exception", "JDBC"};

    @TempDir
    Path tmp;

    private static Launch launch(String... args) {
        return capture(() -> ExitPollAuditApplication.run(args));
    }

    /** Runs the JVM in a mount namespace where {@code mountPoint} is a tmpfs mounted with {@code options}. */
    private static List<String> onTmpfs(Path mountPoint, String options, String thenScript) throws Exception {
        Process probe = new ProcessBuilder("unshare", "-rm", "true").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "unshare with user and mount namespaces is not available here");
        Files.createDirectories(mountPoint);
        return List.of("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o " + options + " tmpfs \"$0\" && " + thenScript,
                mountPoint.toString());
    }

    private static void assertPlain(String output) {
        for (String s : NO_STACK_TRACE) {
            assertFalse(output.contains(s), "'" + s + "' in:\n" + output);
        }
    }

    @Test
    void sigtermPrintsOneLineExitsWith5AndTheNextLaunchResumes() throws Exception {
        Path out = tmp.resolve("out");
        Launch reference = launch("--input=" + TestPackages.AZ, "--output=" + tmp.resolve("reference"));
        assertEquals(ExitCodes.OK, reference.code(), reference.all());
        String interrupted;
        try (Launcher run = Launcher.start("--input=" + TestPackages.AZ, "--output=" + out, "--verbose")) {
            run.await(l -> l.contains("step analyze started"), 120);
            run.terminate();
            assertEquals(ExitCodes.INTERRUPTED, run.waitFor(60), run.output());
            interrupted = run.output();
        }
        String after = interrupted.substring(interrupted.indexOf("step analyze started"));
        assertTrue(after.contains("interrupted; run again to resume"), interrupted);
        assertPlain(after);

        Launch again = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(ExitCodes.OK, again.code(), again.all());
        // the same run (job instance) resumed; what it redoes depends on the embedded database's last write (HSQLDB
        // writes its log every 500 ms), so the figures are compared, not the steps
        assertTrue(again.out().startsWith("Resuming run 0 (interrupted)"), again.out());
        Launch history = launch("history", "--output=" + out);
        assertTrue(history.out().matches("(?s).*\n +0 +0 .*FAILED.*\n +1 +0 .*COMPLETED.*"), history.out());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("reference/az-2024-presidential/latest/figures.csv")),
                Files.readAllBytes(out.resolve("az-2024-presidential/latest/figures.csv")));
    }

    @Test
    void aScheduleStoppedBySigtermEndsWithExitCode0() throws Exception {
        try (Launcher schedule = Launcher.start("schedule", "--cron=0 0 3 1 1 *", "--input=" + TestPackages.AZ,
                "--output=" + tmp.resolve("out"))) {
            schedule.await(l -> l.startsWith("Scheduled on"), 120);
            schedule.terminate();
            assertEquals(ExitCodes.OK, schedule.waitFor(60), schedule.output());
            assertTrue(schedule.output().endsWith("stopped"), schedule.output());
            assertPlain(schedule.output());
        }
    }

    @Test
    void aReadOnlyOutputFolderIsNamedWithExitCode6() throws Exception {
        Path mount = tmp.resolve("ro");
        try (Launcher run = Launcher.start(onTmpfs(mount, "ro", "exec \"$@\""), Map.of(),
                "--input=" + TestPackages.AZ.toAbsolutePath(), "--output=" + mount.resolve("out"))) {
            int code = run.waitFor(120);
            assertEquals(ExitCodes.CANNOT_WRITE, code, run.output());
            assertTrue(run.output().contains("read-only file system while writing " + mount.resolve("out"))
                    && run.output().contains("choose another --output"), run.output());
            assertPlain(run.output());
        }
    }

    /**
     * A disk that fills up, once in the database (a tiny file system: the staged figures do not fit) and once while
     * the report is written; then the space is freed (the tmpfs grown) and the same command resumes and finishes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"40k", "200k"})
    void aFullDiskIsNamedWithExitCode6AndTheRunResumesOnceThereIsSpace(String size) throws Exception {
        Path mount = tmp.resolve("full");
        String script = "\"$@\"; echo \"first launch: exit code $?\"; mount -o remount,size=64m \"$0\" && exec \"$@\"";
        try (Launcher run = Launcher.start(onTmpfs(mount, "size=" + size, script), Map.of(),
                "--input=" + TestPackages.AZ.toAbsolutePath(), "--output=" + mount.resolve("out"))) {
            int code = run.waitFor(240);
            String output = run.output();
            assertTrue(output.contains("first launch: exit code " + ExitCodes.CANNOT_WRITE), output);
            assertTrue(output.contains("no space left on device"), output);
            assertPlain(output);
            assertEquals(ExitCodes.OK, code, output);
            assertTrue(output.contains("Resuming run 0") && output.contains("Report written to"), output);
        }
    }

    @Test
    void controlAndBidiCharactersFromThePackageReachTheConsoleEscaped() throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, tmp.resolve("pkg"));
        // a header that would clear the screen and turn it red, and a right-to-left override that shows
        // "oruj<RLO>gpj.exe" as "orujexe.jpg"; the file's name with the same override
        TestPackages.replace(pkg, "exit-polls/src.csv", "oruj", "\u001B[2J\u001B[31moruj\u202Egpj.exe");
        Files.move(pkg.resolve("exit-polls/src.csv"), pkg.resolve("exit-polls/src\u202Evsc.csv"));
        TestPackages.replace(pkg, "sources.csv", "exit-polls/src.csv", "exit-polls/src\u202Evsc.csv");
        try (Launcher run = Launcher.start("--input=" + pkg, "--output=" + tmp.resolve("out"))) {
            assertEquals(ExitCodes.BAD_INPUT, run.waitFor(120), run.output());
            String output = run.output();
            assertTrue(output.contains("'\\u001B[2J\\u001B[31moruj\\u202Egpj.exe'"), output);
            assertTrue(output.contains("exit-polls/src\\u202Evsc.csv, line 1"), output);
            assertFalse(output.contains("\u001B") || output.contains("\u202E"), "raw control characters:\n" + output);
        }
    }

    @Test
    void escapingLeavesOrdinaryTextAsItIs() {
        // independent values written out: each unsafe character as backslash-u and its four hex digits
        assertEquals("Əliyev\t92.4 %\n", ConsoleText.escape("Əliyev\t92.4 %\n"));
        assertEquals("a\\u0007b\\u000Dc\\u0085d\\u200Ee\\u2066f\\u2028", ConsoleText.escape("a\u0007b\rc\u0085d\u200Ee\u2066f\u2028"));
    }
}
