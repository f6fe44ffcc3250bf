package org.exitpollaudit.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The progress a person watching a run sees. By default ({@code epa.progress=console}) one line per stage on
 * standard output — the stage's name when it starts, its outcome and time when it ends, on the same line — and
 * nothing for the ingest partitions. With {@code --verbose} ({@code log}) every step's and partition's start and
 * end is logged with its counts, duration and heap peak; with {@code --quiet} ({@code none}) nothing.
 */
@Component
public class StepProgressLogger implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");
    private static final String[] STAGES = {"validate", "ingest", "reconcile", "analyze", "report"};

    private final String mode;

    public StepProgressLogger(@Value("${epa.progress:log}") String mode) {
        this.mode = mode;
        HeapPeak.watch();
    }

    /** Where the console lines go: read at each use, so that a stream swapped after start-up is honoured. */
    private static PrintStream out() {
        return System.out;
    }

    @Override
    public void beforeStep(StepExecution step) {
        if (mode.equals("console") && stage(step.getStepName()) > 0) {
            out().printf("[%d/%d] %-9s ...", stage(step.getStepName()), STAGES.length, step.getStepName());
            out().flush();
        } else if (mode.equals("log")) {
            LOG.info("step {} started", step.getStepName());
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        long ms = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis();
        String status = step.getStatus().toString().toLowerCase(Locale.ROOT);
        if (mode.equals("console") && stage(step.getStepName()) > 0) {
            out().printf(Locale.ROOT, " %s in %.1f s%n", status.equals("completed") ? "done" : status, ms / 1000.0);
        } else if (mode.equals("log")) {
            long rows = ingestRows(step);
            LOG.info("step {} {} in {} ms (read {}, written {}, commits {}; heap peak so far {} MiB)", step.getStepName(),
                    status, ms, rows >= 0 ? rows : step.getReadCount(), rows >= 0 ? rows : step.getWriteCount(),
                    step.getCommitCount(), HeapPeak.mib());
        }
        return step.getExitStatus();
    }

    /**
     * For the ingest step and its partitions, the rows of the results files read and staged (loaded or rejected),
     * which the partitions keep in their execution contexts: their items are blocks of rows. −1 for any other step, or
     * when no partition's count is known here (remote partitions run elsewhere).
     */
    private static long ingestRows(StepExecution step) {
        String key = ResultsItemReader.rowsKey();
        if (step.getStepName().startsWith("ingestFile:")) {
            return step.getExecutionContext().getLong(key, -1);
        }
        if (!step.getStepName().equals("ingest")) {
            return -1;
        }
        long rows = -1;
        for (StepExecution partition : step.getJobExecution().getStepExecutions()) {
            if (partition.getStepName().startsWith("ingestFile:") && partition.getExecutionContext().containsKey(key)) {
                rows = Math.max(rows, 0) + partition.getExecutionContext().getLong(key);
            }
        }
        return rows;
    }

    /** 1-based position of a stage of the job, 0 for a partition or anything else. */
    private static int stage(String stepName) {
        for (int i = 0; i < STAGES.length; i++) {
            if (STAGES[i].equals(stepName)) {
                return i + 1;
            }
        }
        return 0;
    }
}
