package org.exitpollaudit.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps a short run out of the JIT's optimising compiler (C2), which costs a short run more than it saves, and a long
 * run's report too ({@link #reportStarts}).
 *
 * <p>Why: HotSpot compiles a method first with C1 and, once it is hot, again with C2. A run of this job loads about
 * ten thousand classes (Spring, HSQLDB, POI) and makes about a thousand C2 compilations, whatever the size of the
 * input; on the project's 2-core machine they compete with the job for the second core and, in a run of a few
 * seconds, finish too late to pay for themselves. Measured in alternating runs (docs/benchmark.md, "short runs
 * without C2"): the Azerbaijani package took 4.4–4.8 s with C2 excluded against 5.5–7.2 s without; Russia 2024 (4 MB,
 * 94,214 stations) 7.7–8.6 s against 10–11.8 s; 250,000 stations (32 MB) about the same; 1,000,000 stations (129 MB)
 * a quarter slower, as the analysis' loops then run long enough for C2's code to win. Hence the threshold on the
 * input's size, which is known before Spring starts.
 *
 * <p>How: a compiler directive that excludes every method from C2, added at run time through the JVM's
 * {@code DiagnosticCommand} MBean (what {@code jcmd <pid> Compiler.directives_add} does), as a jar cannot set JVM
 * flags such as {@code -XX:TieredStopAtLevel=1} for itself. Methods C2 would have taken stay compiled by C1. It
 * changes speed only, never a result. {@code -Depa.jit=full} (or any value other than {@code auto}) leaves the JIT
 * alone; where the MBean is missing the run goes on unchanged.
 *
 * <p>The launcher, {@code target/app/exit-poll-audit} (src/main/sh), does better for the same runs: it starts the JVM
 * with {@link Launcher#C1_ONLY}, C1 alone from the first compilation, where the directive leaves C1 compiling with full
 * profiling first and compiling again without once C2 refuses (Azerbaijan 0.4-0.8 s and Russia 2024 0.5-1 s faster in
 * alternating runs: docs/benchmark.md, "Spring ahead of time, flags in blocks, a launcher"). Its {@code
 * -Depa.jit=launcher} tells this policy that the JIT is taken care of.
 */
public final class JitPolicy {

    /** Inputs of at most this many bytes (all files of the package) run without C2: between 32 MB and 129 MB measured. */
    public static final long SHORT_RUN_BYTES = 64L << 20;

    /** The system property that switches the policy off: {@code -Depa.jit=full}. */
    public static final String PROPERTY = "epa.jit";

    /** The directive, in HotSpot's compiler directives format (JEP 165). */
    static final String EXCLUDE_C2 = "[ { match: \"*.*\", c2: { Exclude: true } } ]";

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private JitPolicy() {
    }

    /**
     * Applies the policy to this JVM for its own run on {@code input}: for a short run, starts a thread that adds the
     * directive; for a long one, has {@link #reportStarts} add it as the report starts. Nothing with {@code
     * -Depa.jit} set to anything but {@code auto}.
     *
     * @return whether the run is short and the directive is being added
     */
    public static boolean applyFor(Path input) {
        Plan plan = plan(input, System.getProperty(PROPERTY, "auto"), SHORT_RUN_BYTES);
        if (plan == Plan.FROM_START) {
            excludeC2();
        } else if (plan == Plan.FROM_REPORT) {
            reportWithoutC2.set(true);
        }
        return plan == Plan.FROM_START;
    }

    /** When a run goes without C2. */
    enum Plan {
        /** The JIT is left alone ({@code -Depa.jit} other than {@code auto}). */
        NEVER,
        /** A short run. */
        FROM_START,
        /** A long run, whose ingest and analysis repay C2's compilations and whose report does not. */
        FROM_REPORT
    }

    /** The plan for a run on {@code input}, given the property's value and the short runs' limit in bytes. */
    static Plan plan(Path input, String setting, long limit) {
        if (!"auto".equals(setting)) {
            return Plan.NEVER;
        }
        return isShortRun(input, limit) ? Plan.FROM_START : Plan.FROM_REPORT;
    }

    /**
     * The report of a long run is about to start ({@link ReportJit}): from here on, the run's own process goes without
     * C2, once {@link #applyFor} has found the run long (and the JIT not left alone).
     *
     * <p>Why: the report runs POI's and XMLBeans' code, and the code of a few thousand cells, briefly; C2 compiled
     * some 2 s of CPU of it at 1M stations, on the core the report's other thread (figures.csv) and the collector
     * need. What C2 compiled for the ingest and the analysis stays compiled. Measured in three alternating pairs at 1M
     * (docs/benchmark.md, "no C2 for the report"): the run's CPU 1.2-1.6 s less, the run 0.3-0.5 s shorter. It is for a
     * run's own process only: a directive is never taken back from the methods it kept from C2, which a scheduler's
     * next run would need.
     */
    static void reportStarts() {
        if (reportWithoutC2.compareAndSet(true, false)) {
            excludeC2();
        }
    }

    /** Set by {@link #applyFor} for a long run of this process; {@link #reportStarts} acts on it once. */
    private static final AtomicBoolean reportWithoutC2 = new AtomicBoolean();

    /** Adds {@link #EXCLUDE_C2} to this JVM's directives, on a thread of its own. */
    private static void excludeC2() {
        // starting the platform MBean server takes 0.1-0.2 s, which the caller (Spring's start, the report) need not
        // wait for
        Thread adder = new Thread(() -> {
            try {
                diagnosticCommand("compilerDirectivesAdd", EXCLUDE_C2);
            } catch (IOException | JMException | RuntimeException e) {
                // a JVM without the MBean or without directives: the run is only slower
            }
        }, "jit-policy");
        adder.setDaemon(true);
        adder.start();
    }

    /** @return whether a run on {@code input} should go without C2, given the property's value */
    static boolean wanted(Path input, String setting, long limit) {
        return plan(input, setting, limit) == Plan.FROM_START;
    }

    /** @return whether the regular files under {@code input} take at most {@code limit} bytes in all */
    static boolean isShortRun(Path input, long limit) {
        long[] total = {0};
        try {
            // from the real folder: a symbolic link to the package would otherwise count as one file of no size
            Files.walkFileTree(input.toRealPath(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return total[0] > limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // the validate step names what cannot be read
                }
            });
        } catch (IOException e) {
            return false;
        }
        return total[0] <= limit;
    }

    /**
     * Runs a diagnostic command whose one argument is a directives file written from {@code json} and returns what
     * it printed. Package-private for the test, which adds, reads and removes a directive.
     */
    static String diagnosticCommand(String operation, String json) throws IOException, JMException {
        Path file = Files.createTempFile("epa-jit", ".json");
        try {
            Files.writeString(file, json);
            return diagnosticCommand(operation, new String[] {file.toString()});
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String diagnosticCommand(String operation, String[] arguments) throws JMException {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
        return out == null ? "" : out.toString();
    }
}
