package org.exitpollaudit.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

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
        LOG.info("step {} {} in {} ms (read {}, written {}, commits {}; heap peak so far {} MiB)", step.getStepName(),
                step.getStatus().toString().toLowerCase(java.util.Locale.ROOT), ms, step.getReadCount(),
                step.getWriteCount(), step.getCommitCount(), peakHeapMiB());
        return step.getExitStatus();
    }

    private static final AtomicLong PEAK_HEAP = new AtomicLong();

    static {
        // the largest heap in use, sampled every 10 ms (the pools' own peaks are per pool and do not add up)
        Thread sampler = new Thread(() -> {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK_HEAP.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The largest heap in use since this class was loaded (sampled), in MiB. */
    static long peakHeapMiB() {
        PEAK_HEAP.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        return PEAK_HEAP.get() >> 20;
    }
}
