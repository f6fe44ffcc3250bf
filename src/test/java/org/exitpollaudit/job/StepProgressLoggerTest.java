package org.exitpollaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** The timings file the benchmark reads: a line per step, with the process's CPU time at the step's start and end. */
class StepProgressLoggerTest {

    /** The coarsest step of the process's CPU time expected (a clock tick of Linux's usual 100 Hz). */
    private static final long TICK_MS = 10;

    @TempDir
    Path dir;

    /** A step execution that has started, as the job's steps reach the listener. */
    private static StepExecution started(String name, long id) {
        StepExecution step = MetaDataInstanceFactory.createStepExecution(name, id);
        step.setStartTime(LocalDateTime.now());
        return step;
    }

    @Test
    void aStepsLineHoldsTheCpuTheProcessUsedMeanwhile() throws Exception {
        Path file = dir.resolve("timings.tsv");
        StepProgressLogger logger = new StepProgressLogger("none", file.toString());
        StepExecution step = started("analyze", 7L);
        step.setStatus(BatchStatus.COMPLETED);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        logger.beforeStep(step);
        long threadStart = threads.getCurrentThreadCpuTime();
        double sink = 0;
        // about 0.2 s of this thread's CPU (a number of ticks and a bit: 205 ms), which the process's CPU between the
        // step's start and end must include
        while (threads.getCurrentThreadCpuTime() - threadStart < 205_000_000L) {
            for (int i = 1; i < 100_000; i++) {
                sink += Math.sqrt(i);
            }
        }
        long burnedMs = (threads.getCurrentThreadCpuTime() - threadStart) / 1_000_000;
        logger.afterStep(step);
        assertTrue(sink > 0);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(List.of(StepProgressLogger.TIMINGS_HEADER), lines.subList(0, 1));
        assertEquals(2, lines.size());
        String[] f = lines.get(1).split("\t");
        assertEquals(StepProgressLogger.TIMINGS_HEADER.split("\t").length, f.length);
        assertEquals("analyze", f[0]);
        assertEquals("completed", f[1]);
        long cpuStart = Long.parseLong(f[8]);
        long cpuEnd = Long.parseLong(f[9]);
        assertTrue(cpuStart >= 0, "CPU at the start " + cpuStart);
        // the process's CPU time comes in the system's clock ticks (10 ms on Linux), this thread's in nanoseconds:
        // the process's count may lag by up to a tick at each end
        assertTrue(cpuEnd - cpuStart >= burnedMs - TICK_MS, "process CPU " + (cpuEnd - cpuStart)
                + " ms, this thread alone " + burnedMs + " ms");
    }

    /**
     * A step whose start this listener did not see (Spring Batch still calls {@code afterStep} when a listener before
     * it failed in {@code beforeStep}): no CPU time at its start, rather than one of another step's.
     */
    @Test
    void aStepWhoseStartTheListenerDidNotSeeHasNoCpuAtItsStart() throws Exception {
        Path file = dir.resolve("timings.tsv");
        new StepProgressLogger("none", file.toString()).afterStep(started("report", 9L));
        String[] f = Files.readAllLines(file, StandardCharsets.UTF_8).get(1).split("\t");
        assertEquals("-1", f[8]);
        assertTrue(Long.parseLong(f[9]) > 0, "CPU at the end " + f[9]);
    }
}
