package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.job.AuditJobConfiguration;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Russian station file (4.4 MB, 94,214 protocols) staged in ranges of at least 1 MB, one partition each
 * ({@code epa.ingest.range-bytes}; the embedded database runs them one after the other): the report is byte for byte
 * the one of a run that reads the file whole; a run that failed in the middle of its ranges is finished, with the
 * same report, by launches whose settings would not cut the file (they keep the first attempt's cut); and a run
 * stopped while its partitions were being recorded stages every range when it restarts.
 */
@SpringBootTest(properties = {"epa.ingest.range-bytes=1000000", "epa.ingest.block-rows=5000", "epa.ingest.threads=1"})
class RangeIngestTest {

    /** The job repository of this test's launches, under the output folder of the restarted run (see below). */
    private static final Path RESTARTED = TestPackages.tempDir("epa-ranges");

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        // the launch that finishes the failed run goes through the command line, whose job repository is
        // <output>/.state: the same database
        registry.add("epa.state-dir", () -> RESTARTED.resolve("out/.state").toString());
    }

    @TempDir
    static Path shared;
    private static Path pkg;
    @TempDir
    Path tmp;

    @Autowired
    AuditRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository repository;

    /** The report of an uninterrupted run that reads the file whole (the embedded database's default). */
    private static Path reference;

    @BeforeAll
    static void unpackAndRunWhole() {
        pkg = TestPackages.ru(shared.resolve("ru-2024-presidential"));
        reference = shared.resolve("reference");
        assertEquals(0, TestPackages.capture(() -> ExitPollAuditApplication.run("--input=" + pkg,
                "--output=" + reference)).code());
    }

    /** The report under {@code out} is byte for byte the reference's: figures, data issues, flagged stations. */
    private static void assertTheUninterruptedReport(Path out) throws Exception {
        for (String file : List.of("figures.csv", "data-issues.csv", "stations-flagged.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve("ru-2024-presidential/latest/" + file)),
                    Files.readAllBytes(out.resolve("ru-2024-presidential/latest/" + file)), file);
        }
    }

    @Test
    void aFileStagedInRangesGivesTheReportOfTheWholeFile() throws Exception {
        // another fingerprint than the other test's run (a poll's publication date), the same figures
        Path other = TestPackages.copy(pkg, tmp.resolve("ranges-package"));
        TestPackages.replace(other, "sources.csv", "vciom,exit_poll,VCIOM,2024-03-17", "vciom,exit_poll,VCIOM,2024-03-18");
        Path out = tmp.resolve("ranges");
        assertEquals(ExitCodes.OK, runner.run(CliOptions.parse(new String[] {"--input=" + other, "--output=" + out}),
                new PrintStream(new ByteArrayOutputStream()), System.err));

        JobExecution run = lastRun(other);
        List<StepExecution> ranges = run.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("ingestFile:cec-stations#")).toList();
        assertEquals(4, ranges.size(), "4.4 MB in ranges of at least 1 MB: " + ranges);
        long rows = Files.readAllLines(pkg.resolve("official/stations.csv")).size() - 1;
        // the rows each partition read, loaded and rejected (its restart record, "blocks.rows")
        assertEquals(rows, ranges.stream().mapToLong(s -> s.getExecutionContext().getLong("blocks.rows")).sum(),
                "every row read once, by one range");
        assertTheUninterruptedReport(out);
    }

    /**
     * A run that failed in its ranges, launched again with settings that would not cut the file (twice: the first
     * time it fails again): every attempt keeps the first attempt's cut, the range that completed is not read again,
     * and the report is the one of an uninterrupted run.
     */
    @Test
    void aRestartKeepsTheCutOfTheRunsFirstAttempt() throws Exception {
        Path out = RESTARTED.resolve("out");
        // the station file's seventh block fails inside its chunk's transaction: the range staged first (five or six
        // blocks of 5,000 rows) completes, the next fails after what is left of the six
        jdbc.execute("CREATE TRIGGER EPA_TEST_FAIL BEFORE INSERT ON EPA_ROW_BLOCK REFERENCING NEW ROW AS NEWROW"
                + " FOR EACH ROW BEGIN ATOMIC"
                + " IF (SELECT COUNT(*) FROM EPA_ROW_BLOCK WHERE RUN_KEY = NEWROW.RUN_KEY"
                + " AND SOURCE_ID = 'cec-stations') >= 7 THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        TestPackages.Launch again;
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = runner.run(CliOptions.parse(new String[] {"--input=" + pkg, "--output=" + out}),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(ExitCodes.FAILED, code, err.toString(StandardCharsets.UTF_8));
            // through the command line, whose embedded database does not cut files by default: it fails the same way
            again = TestPackages.capture(() -> ExitPollAuditApplication.run("--input=" + pkg, "--output=" + out));
        } finally {
            jdbc.execute("DROP TRIGGER EPA_TEST_FAIL");
        }
        assertEquals(ExitCodes.FAILED, again.code(), again.all());
        TestPackages.Launch last = TestPackages.capture(() -> ExitPollAuditApplication.run("--input=" + pkg,
                "--output=" + out));
        assertEquals(0, last.code(), last.all());

        JobInstance instance = lastRun(pkg).getJobInstance();
        List<JobExecution> attempts = repository.getJobExecutions(instance).stream()
                .sorted(java.util.Comparator.comparing(JobExecution::getId)).toList();
        assertEquals(3, attempts.size());
        List<List<String>> stations = attempts.stream().map(e -> e.getStepExecutions().stream()
                .map(StepExecution::getStepName).filter(n -> n.startsWith("ingestFile:cec-stations")).sorted()
                .toList()).toList();
        assertEquals(4, stations.get(0).size(), "the first attempt cut the file in four: " + stations);
        assertEquals(1, attempts.get(0).getStepExecutions().stream().filter(s -> s.getStepName()
                .startsWith("ingestFile:cec-stations#") && s.getStatus() == BatchStatus.COMPLETED).count());
        for (int k = 1; k < 3; k++) {
            assertEquals(3, stations.get(k).size(), "the three ranges left, not the file whole: " + stations);
            assertTrue(stations.get(0).containsAll(stations.get(k)), "the first attempt's ranges: " + stations);
        }
        assertEquals(BatchStatus.COMPLETED, attempts.get(2).getStatus());
        assertTheUninterruptedReport(out);
    }

    /**
     * An attempt stopped while Spring Batch saved its partitions one by one (here the third range's step execution
     * fails to insert): the restart recovers the partitions left marked as starting, stages the ranges the stopped
     * attempt never recorded too, and the report is the uninterrupted run's.
     */
    @Test
    void aRestartAfterAnInterruptedSplitStagesEveryRange() throws Exception {
        // another fingerprint than the other tests' runs (a poll's publication date), the same figures
        Path other = TestPackages.copy(pkg, tmp.resolve("split-package"));
        TestPackages.replace(other, "sources.csv", "vciom,exit_poll,VCIOM,2024-03-17", "vciom,exit_poll,VCIOM,2024-03-19");
        Path out = tmp.resolve("split");
        CliOptions opts = CliOptions.parse(new String[] {"--input=" + other, "--output=" + out});
        jdbc.execute("CREATE TRIGGER EPA_SPLIT_FAIL BEFORE INSERT ON BATCH_STEP_EXECUTION REFERENCING NEW ROW AS NEWROW"
                + " FOR EACH ROW BEGIN ATOMIC IF NEWROW.STEP_NAME = 'ingestFile:cec-stations#3' THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        try {
            assertEquals(ExitCodes.FAILED, runner.run(opts, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(new ByteArrayOutputStream())));
        } finally {
            jdbc.execute("DROP TRIGGER EPA_SPLIT_FAIL");
        }
        JobExecution stopped = lastRun(other);
        assertEquals(List.of("ingestFile:cec-stations#1", "ingestFile:cec-stations#2"), stopped.getStepExecutions()
                .stream().map(StepExecution::getStepName).filter(n -> n.startsWith("ingestFile:cec-stations"))
                .sorted().toList(), "two of the four ranges recorded");
        // as the failure leaves it: the run failed, two partitions still marked as starting
        assertEquals(BatchStatus.FAILED, stopped.getStatus());

        assertEquals(ExitCodes.OK, runner.run(opts, new PrintStream(new ByteArrayOutputStream()), System.err));
        JobExecution finished = lastRun(other);
        assertEquals(BatchStatus.COMPLETED, finished.getStatus());
        assertTrue(finished.getStepExecutions().stream().map(StepExecution::getStepName).toList()
                .containsAll(List.of("ingestFile:cec-stations#3", "ingestFile:cec-stations#4")), "" + finished);
        assertTheUninterruptedReport(out);
    }

    /** The last execution of the job instance whose input is this package. */
    private JobExecution lastRun(Path input) {
        for (JobInstance instance : repository.findJobInstances(AuditJobConfiguration.JOB_NAME)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last != null && Path.of(last.getJobParameters().getString("input")).toAbsolutePath().normalize()
                    .equals(input.toAbsolutePath().normalize())) {
                return last;
            }
        }
        throw new AssertionError("no run of " + input);
    }
}
