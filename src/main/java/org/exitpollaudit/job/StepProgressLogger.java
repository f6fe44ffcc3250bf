package org.exitpollaudit.job;

import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Logs each step's start and end with its counts and duration: the progress a person watching a run sees. */
@Component
public class StepProgressLogger implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    @Override
    public void beforeStep(StepExecution step) {
        LOG.info("step {} started", step.getStepName());
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        long ms = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis();
        LOG.info("step {} {} in {} ms (read {}, written {}, commits {})", step.getStepName(),
                step.getStatus().toString().toLowerCase(java.util.Locale.ROOT), ms, step.getReadCount(),
                step.getWriteCount(), step.getCommitCount());
        return step.getExitStatus();
    }
}
