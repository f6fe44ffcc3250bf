package org.exitpollaudit.job;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 *
 * <p>With {@code epa.timings} set to a file (the benchmark sets it), each step's end also adds a line to it, tab
 * separated under a header: step, status, start and end (milliseconds since the epoch), rows read and written, the
 * heap peak and the heap peak after collections (MiB) so far, and the CPU time the whole process had used when the
 * step started and when it ended (milliseconds of all its threads since the JVM started: the JIT compilers', the
 * collector's and the step's own helpers' included) — what a program reads instead of the log's prose.
 */
@Component
public class StepProgressLogger implements StepExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");
    private static final String[] STAGES = {"validate", "ingest", "reconcile", "analyze", "report"};

    /** The columns of the timings file. */
    public static final String TIMINGS_HEADER = "step\tstatus\tstart_ms\tend_ms\tread\twritten\theap_peak_mib"
            + "\theap_after_collections_mib\tcpu_start_ms\tcpu_end_ms";

    private final String mode;
    private final Path timings;
    /** The process's CPU time when each running step (by execution id) started, for the timings file. */
    private final Map<Long, Long> cpuAtStart = new ConcurrentHashMap<>();

    public StepProgressLogger(@Value("${epa.progress:log}") String mode, @Value("${epa.timings:}") String timings) {
        this.mode = mode;
        this.timings = timings.isEmpty() ? null : Path.of(timings);
        HeapPeak.watch();
    }

    /** Where the console lines go: read at each use, so that a stream swapped after start-up is honoured. */
    private static PrintStream out() {
        return System.out;
    }

    @Override
    public void beforeStep(StepExecution step) {
        if (timings != null) {
            cpuAtStart.put(step.getId(), processCpuMs());
        }
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
        if (timings != null) {
            long rows = ingestRows(step);
            Long cpuStart = cpuAtStart.remove(step.getId());
            time(String.join("\t", step.getStepName(), status,
                    Long.toString(start == null ? -1 : start.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli()),
                    Long.toString(System.currentTimeMillis()),
                    Long.toString(rows >= 0 ? rows : step.getReadCount()),
                    Long.toString(rows >= 0 ? rows : step.getWriteCount()),
                    Long.toString(HeapPeak.mib()), Long.toString(HeapPeak.afterCollectionsMib()),
                    Long.toString(cpuStart == null ? -1 : cpuStart), Long.toString(processCpuMs())));
        }
        return step.getExitStatus();
    }

    /**
     * CPU time used by this process so far, all its threads, in milliseconds; −1 where the JVM cannot tell
     * ({@code com.sun.management.OperatingSystemMXBean}, which HotSpot provides).
     */
    static long processCpuMs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1_000_000;
        }
        return -1;
    }

    /** Adds a line to the timings file (partitions end on several threads). */
    private synchronized void time(String line) {
        try {
            if (!Files.exists(timings)) {
                Files.writeString(timings, TIMINGS_HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(timings, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the timings file " + timings, e);
        }
    }

    /**
     * For the ingest step and its partitions, the rows of the results files read and staged (loaded or rejected),
     * which the partitions keep in their execution contexts: their items are blocks of rows. −1 for any other step, or
     * when no partition's count is known here (remote partitions run elsewhere).
     */
    private static long ingestRows(StepExecution step) {
        String key = ResultsItemReader.rowsKey();
        if (step.getStepName().startsWith(SourcePartitioner.STEP + ":")) {
            return step.getExecutionContext().getLong(key, -1);
        }
        if (!step.getStepName().equals("ingest")) {
            return -1;
        }
        long rows = -1;
        for (StepExecution partition : step.getJobExecution().getStepExecutions()) {
            if (partition.getStepName().startsWith(SourcePartitioner.STEP + ":")
                    && partition.getExecutionContext().containsKey(key)) {
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
