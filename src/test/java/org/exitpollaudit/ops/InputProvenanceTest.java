package org.exitpollaudit.ops;

import static org.exitpollaudit.testing.TestPackages.read;
import static org.exitpollaudit.testing.TestPackages.replace;
import static org.exitpollaudit.testing.TestPackages.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.ingest.ResultBlocks;
import org.exitpollaudit.job.IngestItem;
import org.exitpollaudit.job.IngestProcessor;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a run is made from: only the package's inputs are fingerprinted, an input that changes while the job reads
 * it publishes nothing, inputs that are not files of the package are refused in words, and the messages about
 * bad files name the line a person finds in an editor.
 */
@SpringBootTest
class InputProvenanceTest {

    private static final Path DIR = TestPackages.tempDir("epa-provenance");

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("epa.state-dir", () -> DIR.resolve("state").toString());
        // blocks of 1,000 rows: the rewritten file's changed line must lie beyond the block being processed and the
        // one parsed ahead of it when the hook fires, whatever the default block size; and the appended file's
        // late row (after 3,000) is then read as a row of a later block, rejected and staged, so that the restart
        // after it is restored has a staged row of the changed file to leave out
        registry.add("epa.ingest.block-rows", () -> "1000");
    }

    /** Changes a file as a program still writing it would. */
    interface Change {
        void apply() throws IOException;
    }

    /**
     * The ingest processor with a test hook: when it processes the first block of {@link #source} with loaded rows, it
     * applies {@link #change} (to the file that source is being read from), once.
     */
    static class AppendingProcessor extends IngestProcessor {
        static volatile String source;
        static volatile Change change;

        @Override
        public IngestItem process(ResultBlocks.Block block) {
            IngestItem p = super.process(block);
            if (source != null && block.rows().size() > 0 && block.rows().sourceId().equals(source)) {
                source = null;
                try {
                    change.apply();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return p;
        }
    }

    @TestConfiguration
    static class Hook {
        @Bean
        @Primary
        IngestProcessor appendingProcessor() {
            return new AppendingProcessor();
        }
    }

    @Autowired
    AuditRunner runner;

    private static int counter;

    private TestPackages.Launch run(Path pkg, Path output) throws Exception {
        return TestPackages.audit(runner, pkg, output);
    }

    private static Path az() {
        return TestPackages.copy(TestPackages.AZ, DIR.resolve("case-" + (++counter)));
    }

    private static List<Path> manifests(Path output) throws IOException {
        if (!Files.exists(output)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(output)) {
            return s.filter(p -> p.getFileName().toString().equals("manifest.json")).toList();
        }
    }

    private static String fingerprint(Path pkg) {
        return org.exitpollaudit.job.RunContext.fingerprint(InputFingerprint.files(pkg.toAbsolutePath()),
                org.exitpollaudit.analysis.AnalysisParameters.DEFAULTS);
    }

    @Test
    void aResultsFileAppendedToDuringIngestPublishesNothingUnderEitherFingerprint() throws Exception {
        Path pkg = DIR.resolve("appended");
        SyntheticPackage.write(new SyntheticPackage.Spec(5, 3000, 30, 6, 2, 300, 30), pkg);
        // the final release: a row per station, 3,000 rows
        String source = read(pkg, "sources.csv").lines().filter(l -> l.contains(",station,") && l.contains(",true,"))
                .findFirst().orElseThrow().split(",")[0];
        String file = read(pkg, "sources.csv").lines().filter(l -> l.startsWith(source + ",")).findFirst().orElseThrow()
                .split(",")[6];
        byte[] original = Files.readAllBytes(pkg.resolve(file));
        assertTrue(original.length > 0 && read(pkg, file).lines().count() > 2000, "more rows than two blocks of 1,000");
        String before = fingerprint(pkg);

        AppendingProcessor.change = () -> {
            try (OutputStream out = Files.newOutputStream(pkg.resolve(file), StandardOpenOption.APPEND)) {
                out.write("late,row,appended\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        AppendingProcessor.source = source;
        Path output = DIR.resolve("appended-out");
        TestPackages.Launch o = run(pkg, output);
        assertEquals(null, AppendingProcessor.source, "the hook fired");
        String after = fingerprint(pkg);
        assertNotEquals(before, after);
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(file + ": the file changed while the job was reading it"), o.err());
        assertTrue(o.err().contains(original.length + " bytes"), o.err());
        assertFalse(o.out().contains("Report written"), o.out());
        assertEquals(List.of(), manifests(output), "no report under either fingerprint");

        // with the file as it was, the run is not "unchanged" (nothing completed) and its report is a clean run's
        Files.write(pkg.resolve(file), original);
        TestPackages.Launch again = run(pkg, output);
        assertEquals(ExitCodes.OK, again.code(), again.out() + again.err());
        assertFalse(again.out().contains("Inputs unchanged"), again.out());
        // (a clean copy would be the same run: "Inputs unchanged"). Its manifest names the original bytes, and
        // nothing of the appended line, which would be rejected on line 3,002, reached it.
        Path report = manifests(output).get(0).getParent();
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(original));
        assertTrue(Files.readString(report.resolve("manifest.json")).contains(sha), "the original's SHA-256 is recorded");
        String issues = Files.readString(report.resolve("data-issues.csv"));
        assertFalse(issues.contains(file + ",3002,"), issues);
        assertFalse(issues.contains("late"), issues);
    }

    @Test
    void aFileRewrittenInPlaceDuringIngestAndRestoredIsStagedAfresh() throws Exception {
        Path pkg = DIR.resolve("rewritten");
        SyntheticPackage.write(new SyntheticPackage.Spec(6, 20000, 40, 6, 2, 300, 30), pkg);
        String[] sourceRow = read(pkg, "sources.csv").lines().filter(l -> l.contains(",station,") && l.contains(",true,"))
                .findFirst().orElseThrow().split(",");
        String file = sourceRow[6];
        byte[] original = Files.readAllBytes(pkg.resolve(file));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(pkg.resolve(file)));
        // line 19,000 is far beyond what the reader has parsed ahead when the first block is processed (blocks of
        // 1,000 rows, above)
        int line = 19000;
        String[] cells = lines.get(line - 1).split(",");
        cells[6] = "x";
        lines.set(line - 1, String.join(",", cells));
        AppendingProcessor.change = () -> Files.write(pkg.resolve(file), lines);
        AppendingProcessor.source = sourceRow[0];
        Path output = DIR.resolve("rewritten-out");
        TestPackages.Launch o = run(pkg, output);
        assertEquals(null, AppendingProcessor.source, "the hook fired");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains(file + ": the file changed while the job was reading it"), o.err());
        assertEquals(List.of(), manifests(output));

        // restored: the same run restarts, and the rows staged from the rewritten bytes (the rejected line 19,000
        // among them, committed before the end of the file showed the change) are not part of its report
        Files.write(pkg.resolve(file), original);
        TestPackages.Launch again = run(pkg, output);
        assertEquals(ExitCodes.OK, again.code(), again.out() + again.err());
        String issues = Files.readString(manifests(output).get(0).getParent().resolve("data-issues.csv"));
        assertFalse(issues.contains(file + "," + line + ","), issues.lines().filter(l -> l.contains(file)).toList().toString());
        assertFalse(issues.contains("ROW_REJECTED," + file), "no row of the final file is rejected");
    }

    @Test
    void aManifestFileChangedDuringTheRunPublishesNothing() throws Exception {
        Path pkg = az();
        // the hook fires during the ingest of the final release; election.yaml is read again by later steps
        AppendingProcessor.change = () -> replace(pkg, "election.yaml", "Azerbaijan presidential election 2024",
                "Azerbaijan presidential election 2024 (draft)");
        AppendingProcessor.source = "cec-final";
        Path output = DIR.resolve("out-" + counter);
        TestPackages.Launch o = run(pkg, output);
        assertEquals(null, AppendingProcessor.source, "the hook fired");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("election.yaml: the file has changed (now"), o.err());
        assertEquals(List.of(), manifests(output));
    }

    @Test
    void aGitCheckoutWithItsOutputInsideIsOneRunWhateverTheCommitsAndReports() throws Exception {
        Path pkg = az();
        // inputs of its own: a copy of the package as it is would be the run of another test ("Inputs unchanged")
        replace(pkg, "election.yaml", "Azerbaijan presidential election 2024", "Azerbaijan presidential election 2024 (checkout)");
        write(pkg, ".git/HEAD", "ref: refs/heads/main\n");
        write(pkg, ".git/refs/heads/main", "1111111111111111111111111111111111111111\n");
        write(pkg, "notes/todo.txt", "check the CEC site again\n");
        Path output = pkg.resolve("reports");
        TestPackages.Launch first = run(pkg, output);
        assertEquals(ExitCodes.OK, first.code(), first.out() + first.err());
        // an empty commit and another night's report inside the package: the inputs are the same
        write(pkg, ".git/refs/heads/main", "2222222222222222222222222222222222222222\n");
        write(pkg, ".git/objects/22/22222222", "commit\n");
        TestPackages.Launch second = run(pkg, output);
        assertEquals(ExitCodes.OK, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("Inputs unchanged"), second.out());

        List<String> inputs = InputFingerprint.files(pkg.toAbsolutePath()).stream().map(InputFile::path).toList();
        assertEquals(List.of("candidates.csv", "election.yaml", "exit-polls/oracle.xlsx", "exit-polls/rey.csv",
                "exit-polls/src.csv", "official/cec-final.csv", "official/cec-prelim-1.csv", "official/cec-prelim-2.csv",
                "sources.csv"), inputs);
        String issues = Files.readString(manifests(output).get(0).getParent().resolve("data-issues.csv"));
        assertTrue(issues.contains("NOT_AN_INPUT") && issues.contains(".git/") && issues.contains("README.md")
                && issues.contains("notes/"), issues);
    }

    @Test
    void aLinkNothingNamesIsNeitherReadNorFingerprinted() throws Exception {
        Path pkg = az();
        Path outside = DIR.resolve("outside-" + counter + ".csv");
        Files.writeString(outside, "secret,1\n");
        Files.createSymbolicLink(pkg.resolve("official/extra.csv"), outside);
        String before = fingerprint(pkg);
        Files.writeString(outside, "secret,2\n");
        assertEquals(before, fingerprint(pkg), "its target is not part of the inputs");
        assertTrue(InputFingerprint.files(pkg.toAbsolutePath()).stream().noneMatch(f -> f.path().contains("extra")));
        // a pipe nothing names is not opened either (reading it would wait forever)
        Assumptions.assumeTrue(mkfifo(pkg.resolve("official/pipe.csv")));
        assertEquals(before, fingerprint(pkg));
    }

    private static boolean mkfifo(Path p) throws Exception {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a package file out of the package, leaves a link to it in its place, and runs the package. */
    private TestPackages.Launch linkedFromOutside(String file) throws Exception {
        Path pkg = az();
        Path outside = DIR.resolve("outside-" + counter + "-" + Path.of(file).getFileName());
        Files.move(pkg.resolve(file), outside);
        Files.createSymbolicLink(pkg.resolve(file), outside);
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.all());
        assertFalse(o.err().contains("does not exist"), o.err());
        return o;
    }

    @Test
    void aNamedLinkOutOfThePackageIsRefusedInWords() throws Exception {
        TestPackages.Launch o = linkedFromOutside("exit-polls/rey.csv");
        assertTrue(o.err().contains("sources.csv, line 6, column 'file': 'exit-polls/rey.csv' is a link to "
                + DIR.resolve("outside-" + counter + "-rey.csv").toRealPath() + ", outside the package"), o.err());
    }

    @Test
    void aManifestFileLinkedFromOutsideIsRefusedToo() throws Exception {
        TestPackages.Launch o = linkedFromOutside("candidates.csv");
        assertTrue(o.err().contains("candidates.csv: is a link to"), o.err());
    }

    @Test
    void aNamedPipeIsRefusedInWordsWithoutBeingOpened() throws Exception {
        Path pkg = az();
        Files.delete(pkg.resolve("exit-polls/src.csv"));
        Assumptions.assumeTrue(mkfifo(pkg.resolve("exit-polls/src.csv")));
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("'exit-polls/src.csv' is not a regular file (a named pipe"), o.err());
        assertFalse(o.err().contains("does not exist"), o.err());
    }

    @Test
    void anXlsxFormulaNeverCalculatedIsNotAZeroPercentPoll() throws Exception {
        Path pkg = az();
        Path file = pkg.resolve("exit-polls/oracle.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            XSSFCell cell = wb.getSheetAt(0).getRow(1).getCell(0);
            cell.setCellFormula("B2*0+93.8");
            if (cell.getCTCell().isSetV()) {
                cell.getCTCell().unsetV();
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        Path output = DIR.resolve("out-" + counter);
        TestPackages.Launch o = run(pkg, output);
        // the poll's only row is rejected: the report is written without it, and exit code 4 says so
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, o.code(), o.out() + o.err());
        Path report = manifests(output).get(0).getParent();
        String issues = Files.readString(report.resolve("data-issues.csv"));
        assertTrue(issues.contains("ERROR,XLSX_NO_VALUE,exit-polls/oracle.xlsx,2,A,"), issues);
        assertTrue(issues.contains("ROW_REJECTED,exit-polls/oracle.xlsx,2"), issues);
        assertTrue(read(report, "figures.csv").lines().noneMatch(l -> l.contains(",oracle,") && l.endsWith(",0.0")
                && l.contains("aliyev")), "no 0 % for the leader in oracle's figures");
    }

    @Test
    void repeatedFatalIssuesAreOneLinePerCodeAndFile() throws Exception {
        Path pkg = az();
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            extra.append("Bad Id ").append(i).append(",Someone ").append(i).append(",,\n");
        }
        write(pkg, "candidates.csv", read(pkg, "candidates.csv") + extra);
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        int first = (int) read(TestPackages.AZ, "candidates.csv").lines().count() + 1;
        assertTrue(o.err().contains("candidates.csv, column 'candidate_id': 250 times, lines " + first + ", " + (first + 1)
                + ", " + (first + 2) + ", " + (first + 3) + ", " + (first + 4) + " and 245 more; the first (line " + first
                + "): 'Bad Id 0' is not a valid id"), o.err());
        assertTrue(o.err().lines().count() < 10, o.err());
    }

    @Test
    void aCp1251CandidatesFileIsNamedWithLineAndEncoding() throws Exception {
        Path pkg = az();
        Charset cp1251 = Charset.forName("windows-1251");
        Files.write(pkg.resolve("candidates.csv"), read(pkg, "candidates.csv").getBytes(cp1251));
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("candidates.csv, line 2: the line is not valid UTF-8 text") && o.err().contains("windows-1251")
                && o.err().contains("Ильхам Алиев"), o.err());
    }

    @Test
    void aUtf16ResultsFileIsOneMessage() throws Exception {
        Path pkg = az();
        Files.write(pkg.resolve("exit-polls/rey.csv"), read(pkg, "exit-polls/rey.csv").getBytes(StandardCharsets.UTF_16LE));
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertEquals(1, o.err().lines().filter(l -> l.startsWith("  - ")).count(), o.err());
        assertTrue(o.err().contains("exit-polls/rey.csv, line 1: the file holds NUL bytes") && o.err().contains("UTF-16"), o.err());
        assertFalse(o.err().contains("\0"));
    }

    @Test
    void messagesNameThePhysicalLineAfterBlankLinesAndQuotedBreaks() throws Exception {
        Path pkg = az();
        String rey = read(pkg, "exit-polls/rey.csv");
        String[] lines = rey.split("\n");
        // header on line 1, three empty lines, then the row on line 5 with a bad value
        write(pkg, "exit-polls/rey.csv", lines[0] + "\n\n\n\n" + lines[1].replace("0.58", "n/a") + "\n");
        Path output = DIR.resolve("out-" + counter);
        TestPackages.Launch o = run(pkg, output);
        // the poll's only row is rejected: the report is written without it, and exit code 4 says so
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, o.code(), o.out() + o.err());
        String issues = Files.readString(manifests(output).get(0).getParent().resolve("data-issues.csv"));
        assertTrue(issues.contains("ROW_REJECTED,exit-polls/rey.csv,5,Fazil Mustafa"), issues);
    }

    @Test
    void anUnclosedQuoteIsNamedWhereItOpens() throws Exception {
        Path pkg = az();
        String[] lines = read(pkg, "exit-polls/rey.csv").split("\n");
        // header on line 1, two empty lines, the row on line 4 opens a quote nothing closes, two more rows follow
        write(pkg, "exit-polls/rey.csv", lines[0] + "\n\n\n\"" + lines[1] + "\n" + lines[1] + "\n" + lines[1] + "\n");
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("exit-polls/rey.csv, line 4: a quoted field opens on this line and is never closed"),
                o.err());
    }

    @Test
    void textAfterAClosingQuoteIsNamedOnItsLine() throws Exception {
        Path pkg = az();
        String sources = read(pkg, "sources.csv");
        // line 3 (the second source): its organization gets a quote that the notes' opening quote closes
        int third = sources.indexOf('\n', sources.indexOf('\n') + 1) + 1;
        int comma = sources.indexOf(",official,", third) + ",official,".length();
        write(pkg, "sources.csv", sources.substring(0, comma) + '"' + sources.substring(comma));
        TestPackages.Launch o = run(pkg, DIR.resolve("out-" + counter));
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("sources.csv, line 3: a quoted field is followed by more text"), o.err());
    }

    @Test
    void aFileNameWithSemicolonAndEqualsIsQuotedInDataIssues() throws Exception {
        Path pkg = az();
        Files.move(pkg.resolve("exit-polls/rey.csv"), pkg.resolve("exit-polls/r;=1+1.csv"));
        replace(pkg, "sources.csv", "exit-polls/rey.csv", "exit-polls/r;=1+1.csv");
        replace(pkg, "exit-polls/r;=1+1.csv", "0.58", "n/a");
        Path output = DIR.resolve("out-" + counter);
        TestPackages.Launch o = run(pkg, output);
        // the poll's only row is rejected: the report is written without it, and exit code 4 says so
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, o.code(), o.out() + o.err());
        String issues = Files.readString(manifests(output).get(0).getParent().resolve("data-issues.csv"));
        assertTrue(issues.contains("ROW_REJECTED,\"exit-polls/r;=1+1.csv\",2,Fazil Mustafa"), issues);
    }
}
