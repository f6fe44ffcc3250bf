package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.capture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.report.ReportPublisher;
import org.exitpollaudit.testing.TestPackages.Launch;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in this JVM: re-runs, input checks, exit codes of reports with and without sources left out. */
class CommandLineTest {

    @TempDir
    Path tmp;

    private static Launch launch(String... args) {
        return capture(() -> ExitPollAuditApplication.run(args));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aDeletedReportIsWrittenAgainAndForceRunsUnchangedInputsAgain() throws Exception {
        Path out = tmp.resolve("out");
        Launch first = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(ExitCodes.OK, first.code(), first.all());
        Path report = out.resolve("az-2024-presidential/latest").toRealPath();
        byte[] figures = Files.readAllBytes(report.resolve(ReportPublisher.FIGURES));
        // the quiet default: one line per stage, the answer per poll, the workbook's path, the issue count last
        assertTrue(first.out().contains("[1/5] validate") && first.out().contains("[5/5] report"), first.out());
        assertTrue(first.out().contains("Exit polls against the final release cec-final:"), first.out());
        assertTrue(first.out().contains("Workbook: " + report.resolve(ReportPublisher.WORKBOOK)), first.out());
        assertFalse(first.all().contains(" INFO "), "no log lines without --verbose:\n" + first.all());
        assertEquals("9 data issues (1 error, 6 warnings, 2 notes); no rows rejected.", lastLine(first.out()));

        ReportPublisher.deleteTree(report);
        Launch again = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(ExitCodes.OK, again.code(), again.all());
        assertTrue(again.out().contains("is missing; running again to write it"), again.out());
        assertTrue(again.out().contains("Report written to " + report), again.out());
        assertArrayEquals(figures, Files.readAllBytes(report.resolve(ReportPublisher.FIGURES)), "the same figures");

        Launch unchanged = launch("--input=" + TestPackages.AZ, "--output=" + out);
        assertEquals(ExitCodes.OK, unchanged.code(), unchanged.all());
        assertTrue(unchanged.out().startsWith("Inputs unchanged since run ") && !unchanged.out().contains("[1/5]"),
                unchanged.out());

        Launch forced = launch("--input=" + TestPackages.AZ, "--output=" + out, "--force");
        assertEquals(ExitCodes.OK, forced.code(), forced.all());
        assertTrue(forced.out().contains("[1/5] validate") && forced.out().contains("Report written to " + report),
                forced.out());
        assertArrayEquals(figures, Files.readAllBytes(report.resolve(ReportPublisher.FIGURES)), "the same figures");
        Launch history = launch("history", "--output=" + out);
        assertEquals(4, history.out().strip().split("\n").length, "header and three complete runs:\n" + history.out());
        assertEquals(3, history.out().split("COMPLETED").length - 1, history.out());
    }

    @Test
    void aWrongInputFailsAtOnceWithExitCode2AndCreatesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path notAPackage = Files.createDirectories(tmp.resolve("packages"));
        TestPackages.copy(TestPackages.AZ, notAPackage.resolve("az"));
        Path aFile = Files.writeString(tmp.resolve("election.yaml"), "id: x\n");
        List<String[]> cases = List.of(
                new String[] {tmp.resolve("no-such-folder").toString(), "does not exist"},
                new String[] {aFile.toString(), "is a file, not a folder"},
                new String[] {notAPackage.toString(), "has no election.yaml"});
        for (String[] c : cases) {
            long t0 = System.nanoTime();
            Launch l = launch("--input=" + c[0], "--output=" + out);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExitCodes.BAD_INPUT, l.code(), l.all());
            assertTrue(l.err().contains(c[1]) && l.err().contains("the folder that holds election.yaml"), l.err());
            // Spring's start alone takes seconds; the check comes before it
            assertTrue(ms < 500, "answered in " + ms + " ms");
            assertFalse(Files.exists(out), "nothing created for " + c[0]);
        }
        assertTrue(launch("--input=" + notAPackage, "--output=" + out).err()
                .contains("Packages in it: --input=" + notAPackage.resolve("az")));
    }

    /**
     * Paths the job repository cannot record (Spring Batch keeps job parameters in 2,500 characters) are bad input,
     * exit 2 with the reason, never an internal error: a package 2,100 characters deep, and such an output folder.
     */
    @Test
    void aPathTooLongForTheJobRepositoryIsBadInput() throws Exception {
        Path deep = tmp;
        while (deep.toString().length() < 2100) {
            deep = deep.resolve("d".repeat(200));
        }
        Path pkg = TestPackages.copy(TestPackages.AZ, deep.resolve("pkg"));
        Launch longInput = launch("--input=" + pkg, "--output=" + tmp.resolve("out"));
        assertEquals(ExitCodes.BAD_INPUT, longInput.code(), longInput.all());
        assertTrue(longInput.err().contains("the --input path is") && longInput.err().contains("at most 2,000"),
                longInput.err());
        Launch longOutput = launch("--input=" + TestPackages.AZ, "--output=" + deep.resolve("out"));
        assertEquals(ExitCodes.BAD_INPUT, longOutput.code(), longOutput.all());
        assertTrue(longOutput.err().contains("the --output path is"), longOutput.err());
        assertFalse(Files.exists(deep.resolve("out")), "nothing created");
    }

    @Test
    void aPollLeftOutGivesExitCode4WithTheReportAndRejectedRowsAloneGive0() throws Exception {
        // a typo in SRC's only row: the poll is left out, the report is still written, the scheduler hears of it
        Path typo = TestPackages.copy(TestPackages.AZ, tmp.resolve("typo"));
        TestPackages.replace(typo, "exit-polls/src.csv", "92.4", "9x.4");
        Path out = tmp.resolve("out-typo");
        Launch l = launch("--input=" + typo, "--output=" + out);
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, l.code(), l.all());
        assertTrue(Files.isRegularFile(out.resolve("az-2024-presidential/latest").resolve(ReportPublisher.WORKBOOK)));
        assertTrue(l.err().contains("exit-polls/src.csv") && l.err().contains("left out of the comparison"), l.err());
        assertTrue(l.out().contains("  src     not compared with the final release"), l.out());
        assertTrue(lastLine(l.out()).endsWith("; 1 row rejected."), l.out());
        // the same answer again on unchanged inputs: the code describes the report, not the launch
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, launch("--input=" + typo, "--output=" + out).code());

        // a second, broken row beside SRC's good one: the row is rejected, the poll is compared, exit 0
        Path extra = TestPackages.copy(TestPackages.AZ, tmp.resolve("extra"));
        TestPackages.write(extra, "exit-polls/src.csv", TestPackages.read(extra, "exit-polls/src.csv")
                .replace("aliyev-ilham,", "district_id,station_id,aliyev-ilham,").replace("\n92.4", "\n,,92.4")
                + ",,9x.4,2.2,2.0,1.6,0.3,0.8,0.4\n");
        Launch e = launch("--input=" + extra, "--output=" + tmp.resolve("out-extra"));
        assertEquals(ExitCodes.OK, e.code(), e.all());
        assertTrue(lastLine(e.out()).endsWith("; 1 row rejected."), e.out());
    }

    @Test
    void aPackageWhosePollsAreAllRejectedIsBadInputAndGetsNoReport() throws Exception {
        Path pkg = TestPackages.copy(TestPackages.AZ, tmp.resolve("pkg"));
        TestPackages.replace(pkg, "exit-polls/src.csv", "92.4", "9x.4");
        TestPackages.replace(pkg, "exit-polls/rey.csv", "92.6", "n/a");
        // oracle's XLSX is taken out of the package rather than broken
        String sources = TestPackages.read(pkg, "sources.csv");
        TestPackages.write(pkg, "sources.csv", sources.replaceAll("(?m)^oracle,.*\n", ""));
        Files.delete(pkg.resolve("exit-polls/oracle.xlsx"));
        Path out = tmp.resolve("out");
        Launch l = launch("--input=" + pkg, "--output=" + out);
        assertEquals(ExitCodes.BAD_INPUT, l.code(), l.all());
        assertTrue(l.err().contains("none of the 2 exit polls could be compared"), l.err());
        assertTrue(l.err().contains("exit-polls/src.csv, line 2") && l.err().contains("exit-polls/rey.csv, line 2"), l.err());
        assertFalse(Files.exists(out.resolve("az-2024-presidential")), "no report");

        // the final release unusable: bad input as well
        Path fin = TestPackages.copy(TestPackages.AZ, tmp.resolve("final"));
        TestPackages.replace(fin, "official/cec-final.csv", "4567458", "45x7458");
        Launch f = launch("--input=" + fin, "--output=" + out);
        assertEquals(ExitCodes.BAD_INPUT, f.code(), f.all());
        assertTrue(f.err().contains("NO_FINAL_DATA") || f.err().contains("the final release cec-final"), f.err());
        assertFalse(Files.exists(out.resolve("az-2024-presidential")), "no report");
    }

    @Test
    void verifyNamesNoFolderItDeletes() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(ExitCodes.OK, launch("--input=" + TestPackages.AZ, "--output=" + out).code());
        Launch v = launch("verify", out.resolve("az-2024-presidential/latest").toString());
        assertEquals(ExitCodes.OK, v.code(), v.all());
        long figureCount = Files.readAllLines(out.resolve("az-2024-presidential/latest/figures.csv")).size() - 1;
        assertTrue(v.out().contains("VERIFIED: all " + figureCount + " figures"), v.out());
        assertFalse(v.all().contains("Report written to") || v.all().contains("Workbook:"), v.all());
        // a newcomer's wrong folders: each named for what it is
        Launch missing = launch("verify", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.all());
        assertTrue(missing.err().contains(tmp.resolve("nope") + " does not exist"), missing.err());
        Launch file = launch("verify", out.resolve("az-2024-presidential/latest/figures.csv").toString());
        assertTrue(file.err().contains("figures.csv is a file, not a report folder"), file.err());
        Launch notReport = launch("verify", out.toString());
        assertTrue(notReport.err().contains(out + " is not a report folder (it has no manifest.json)"), notReport.err());
    }

    @Test
    void helpListsEveryOptionAndEveryExitCode() {
        Launch h = launch("--help");
        assertEquals(ExitCodes.OK, h.code());
        // every option the parser accepts, read from its source, so that a new option without help fails here
        Matcher m = Pattern.compile("\"--([a-z-]+)\"|containsKey\\(\"([a-z-]+)\"\\)|remove\\(\"([a-z-]+)\"\\)|number\\(values, \"([a-z-]+)\"")
                .matcher(source("src/main/java/org/exitpollaudit/ops/CliOptions.java"));
        int options = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                    : m.group(3) != null ? m.group(3) : m.group(4);
            assertTrue(h.out().contains("--" + name), "--" + name + " in --help");
            options++;
        }
        assertTrue(options >= 13, options + " options found");
        for (int code = 0; code <= 6; code++) {
            assertTrue(h.out().matches("(?s).*\n  " + code + "  \\S.*"), "exit code " + code + " in --help");
        }
    }

    @Test
    void aFullDiskIsNamedInWordsWithExitCode6() throws IOException {
        // the operating system's own error: /dev/full fails every write with ENOSPC
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full here");
        IOException enospc = null;
        try {
            Files.write(full, new byte[1]);
        } catch (IOException e) {
            enospc = e;
        }
        assertTrue(enospc != null, "writing /dev/full failed");
        Failures.Outcome o = Failures.classify(new RuntimeException("Unable to process chunk",
                new IllegalStateException("flush failed", enospc)), null, tmp);
        assertEquals(ExitCodes.CANNOT_WRITE, o.code());
        assertTrue(o.message().startsWith("no space left on device while writing "), o.message());
    }

    private static String source(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
