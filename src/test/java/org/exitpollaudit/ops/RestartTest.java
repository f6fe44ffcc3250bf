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
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.job.AuditJobConfiguration;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.TestPackages;
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
 * Restart after a failure in the middle of the ingest step, the way Spring Batch's own restart tests do it: the
 * step fails after some commits, the job is launched again with the same parameters, and the counts show that
 * it resumed where it failed. The failure is real — a database trigger refuses the third staged row inside
 * the writer's transaction — and needs no test hook in the application. Ingest is partitioned by file; the
 * partitions run one at a time here so that exactly two of the six one-row files are staged before the trigger
 * fires (in parallel, two concurrent transactions could both see one row and both pass).
 */
@SpringBootTest(properties = {"epa.ingest.chunk-size=2", "epa.ingest.threads=1"})
class RestartTest {

    private static final Path STATE = TestPackages.tempDir("epa-restart-state");

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("epa.state-dir", STATE::toString);
    }

    @Autowired
    AuditRunner runner;
    @Autowired
    JobRepository repository;
    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path tmp;

    @Test
    void aFailedIngestRestartsAtTheFailedChunkAndGivesTheSameFigures() throws Exception {
        // reference: an uninterrupted run through the command line, with its own job repository
        Path reference = tmp.resolve("reference");
        assertEquals(0, TestPackages.capture(() -> ExitPollAuditApplication.run("--input=" + TestPackages.AZ,
                "--output=" + reference)).code());

        Path out = tmp.resolve("out");
        CliOptions opts = CliOptions.parse(new String[] {"--input=" + TestPackages.AZ, "--output=" + out});
        jdbc.execute("CREATE TRIGGER EPA_TEST_FAIL BEFORE INSERT ON EPA_ROW_BLOCK REFERENCING NEW ROW AS NEWROW"
                + " FOR EACH ROW BEGIN ATOMIC"
                + " IF (SELECT COUNT(*) FROM EPA_ROW_BLOCK WHERE RUN_KEY = NEWROW.RUN_KEY) >= 2 THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        String failed;
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = runner.run(opts, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                    StandardCharsets.UTF_8));
            failed = err.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.FAILED, code, failed);
        } finally {
            jdbc.execute("DROP TRIGGER EPA_TEST_FAIL");
        }
        assertTrue(failed.contains("Running the same command again restarts it"), failed);

        JobInstance instance = repository.findJobInstances(AuditJobConfiguration.JOB_NAME).get(0);
        JobExecution first = repository.getLastJobExecution(instance);
        assertEquals(BatchStatus.FAILED, first.getStatus());
        StepExecution ingest1 = step(first, "ingest");
        assertEquals(BatchStatus.FAILED, ingest1.getStatus());
        List<StepExecution> files1 = files(first);
        assertEquals(6, files1.size(), "one partition per results file");
        assertEquals(2, files1.stream().filter(s -> s.getStatus() == BatchStatus.COMPLETED).count(),
                "two files staged before the failure");
        assertEquals(2, ingest1.getWriteCount(), "the partitions' counts add up in the ingest step");
        assertEquals(2, files1.stream().mapToLong(StepExecution::getCommitCount).sum(),
                "one chunk committed per staged file, none by the failed ones");
        long run = instance.getInstanceId();
        assertEquals(2, rows(run), "the failed chunk was rolled back");
        assertTrue(!Files.exists(out.resolve("az-2024-presidential")), "no report from a failed run");

        // the same command again: a new execution of the same instance, resuming at the failed chunk
        int code = runner.run(opts, new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(ExitCodes.OK, code);
        List<JobExecution> executions = repository.getJobExecutions(instance);
        assertEquals(2, executions.size());
        JobExecution second = repository.getLastJobExecution(instance);
        assertEquals(BatchStatus.COMPLETED, second.getStatus());
        Map<String, StepExecution> steps = second.getStepExecutions().stream()
                .collect(Collectors.toMap(StepExecution::getStepName, s -> s));
        assertTrue(!steps.containsKey("validate"), "the completed validate step is not run again: " + steps.keySet());
        StepExecution ingest2 = steps.get("ingest");
        assertEquals(4, ingest2.getWriteCount(), "only the six national rows' remaining four are written");
        assertEquals(4, files(second).size(), "only the four failed files are read again: " + steps.keySet());
        assertEquals(0, rows(run), "the completed run's staging dropped (its report holds the figures)");

        byte[] expected = Files.readAllBytes(reference.resolve("az-2024-presidential/latest/figures.csv"));
        byte[] actual = Files.readAllBytes(out.resolve("az-2024-presidential/latest/figures.csv"));
        assertArrayEquals(expected, actual, "figures identical to an uninterrupted run");
        assertArrayEquals(Files.readAllBytes(reference.resolve("az-2024-presidential/latest/data-issues.csv")),
                Files.readAllBytes(out.resolve("az-2024-presidential/latest/data-issues.csv")));
    }

    private int rows(long run) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(ROW_COUNT), 0) FROM EPA_ROW_BLOCK WHERE RUN_KEY = ?", Integer.class, run);
    }

    private static List<StepExecution> files(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("ingestFile:")).toList();
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }
}
