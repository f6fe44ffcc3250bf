package org.exitpollaudit.ops;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.job.StepProgressLogger;
import org.exitpollaudit.model.ExitCodes;

/**
 * The benchmark: writes a seeded synthetic package of the asked size (or takes an existing one), runs the whole job
 * on it in a fresh JVM with the asked heap and a fresh output folder, and prints wall time per step, total wall
 * time, rows per second and peak memory (heap, from the timings file the job writes, and resident set size, from
 * /proc).
 */
public final class Benchmark {


    private Benchmark() {
    }

    /**
     * Runs the job once in a child JVM and reports its time and memory.
     *
     * @param mainClass the application's entry point, started in the child when running from a class path rather
     *                  than the jar (passed in so that this package does not depend on the application class)
     */
    public static int run(CliOptions opts, Class<?> mainClass, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Path root = opts.output().toAbsolutePath().normalize();
        Path input;
        if (opts.inputGiven()) {
            input = opts.input().toAbsolutePath().normalize();
        } else {
            SyntheticPackage.Spec spec = SyntheticPackage.Spec.benchmark(opts.stations(), opts.districts());
            boolean usual = spec.districts() == SyntheticPackage.Spec.defaultDistricts(opts.stations());
            input = root.resolve("package-" + opts.stations() + (usual ? "" : "-d" + spec.districts()));
            if (!Files.exists(input.resolve("sources.csv"))) {
                long t0 = System.nanoTime();
                out.printf(Locale.ROOT, "generating %,d stations in %,d districts x %d candidates, %d polls of %,d"
                        + " stations into %s%n", spec.stations(), spec.districts(), spec.candidates(), spec.polls(),
                        spec.sampledStations(), input);
                SyntheticPackage.write(spec, input);
                out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            } else {
                out.println("using the package generated earlier in " + input);
            }
        }
        Path reports = root.resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(reports);
        // the job adds a line per step to this file: times, counts and heap peaks (StepProgressLogger)
        Path timings = reports.resolve("timings.tsv");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + opts.heap(),
                "-Depa.timings=" + timings));
        // the job as the launcher (target/app/exit-poll-audit) starts a run: its collector, its JIT tuning, a short run
        // without C2, huge pages (a collector, JIT tuning or page size this JVM was given, on its command line or through
        // JAVA_TOOL_OPTIONS, which the job inherits, are the user's choice: benchmark -XX:+UseG1GC measures G1)
        List<String> own = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> collector = own.stream().filter(Launcher::namesCollector).toList();
        List<String> tuning = own.stream().filter(Launcher::namesJitTuning).toList();
        List<String> pages = own.stream().filter(Launcher::namesPages).toList();
        command.addAll(collector);
        command.addAll(tuning);
        command.addAll(pages);
        command.addAll(Launcher.runOptions(input, System.getProperty(JitPolicy.PROPERTY, "auto"), !collector.isEmpty(),
                tuning, !pages.isEmpty(), Launcher.thpSetting(), Launcher.reportingOrder()));
        command.addAll(launch(mainClass));
        // --verbose: the per-step log, shown as it comes
        command.addAll(List.of("run", "--input=" + input, "--output=" + reports, "--verbose"));
        out.println("running: " + String.join(" ", command));
        long startedMs = System.currentTimeMillis();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long[] rssPeakKb = {0};
        Thread sampler = new Thread(() -> {
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                rssPeakKb[0] = Math.max(rssPeakKb[0], highWaterMarkKb(status));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        List<String> log = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.add(line);
                if (line.contains(" step ") || line.contains("analyze:")) {
                    out.println("  | " + line);
                }
            }
        }
        int code = p.waitFor();
        long exited = System.nanoTime();
        long exitedMs = startedMs + (exited - start) / 1_000_000;
        Files.write(reports.resolve("benchmark-job.log"), log, StandardCharsets.UTF_8);
        sampler.join(1000);
        double wall = (exited - start) / 1e9;
        if (code != 0) {
            err.println("error: the run exited with code " + code + "; its output:");
            log.forEach(err::println);
            return ExitCodes.FAILED;
        }
        Timings t = Timings.read(timings);
        long rows = t.steps().containsKey("ingest") ? t.steps().get("ingest")[0] : 0;
        // CPU: all the job's threads (its own, the JIT compilers', the collector's), so that "cores busy" (CPU / wall)
        // shows how much of the machine a step keeps working
        out.printf(Locale.ROOT, "%n%-10s %10s %9s %11s %12s%n", "step", "wall (s)", "cpu (s)", "cores busy",
                "rows read");
        t.steps().forEach((name, v) -> out.printf(Locale.ROOT, "%-10s %10.2f %9s %11s %12s%n", name, v[1] / 1000.0,
                v[2] >= 0 ? String.format(Locale.ROOT, "%.2f", v[2] / 1000.0) : "",
                v[2] >= 0 && v[1] > 0 ? String.format(Locale.ROOT, "%.2f", (double) v[2] / v[1]) : "",
                v[0] > 0 ? String.format(Locale.ROOT, "%,d", v[0]) : ""));
        out.printf(Locale.ROOT, "%-10s %10.2f   (JVM start to exit)%n", "total", wall);
        if (t.firstStart() > 0 && t.lastEnd() > 0) {
            out.printf(Locale.ROOT, "start-up: %.2f s (JVM start to the first step)%s; shutdown: %.2f s (last step to"
                    + " exit)%n", (t.firstStart() - startedMs) / 1e3, t.firstStartCpu() >= 0
                    ? String.format(Locale.ROOT, ", %.2f s of CPU", t.firstStartCpu() / 1e3) : "",
                    (exitedMs - t.lastEnd()) / 1e3);
        }
        if (t.lastEndCpu() >= 0 && t.lastEnd() > startedMs) {
            out.printf(Locale.ROOT, "CPU from JVM start to the last step's end: %.2f s, %.2f cores busy on average%n",
                    t.lastEndCpu() / 1e3, t.lastEndCpu() / (double) (t.lastEnd() - startedMs));
        }
        out.printf(Locale.ROOT, "rows per second: %,.0f (rows ingested / total wall time)%n", rows / wall);
        out.printf(Locale.ROOT, "peak heap: %,d MiB in use (max %s), %,d MiB just after a collection (the data kept,"
                + " garbage aside); peak RSS: %,d MiB%n", t.heapPeak(), opts.heap(), t.heapAfterCollections(),
                rssPeakKb[0] >> 10);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        out.println("report and the job's log (benchmark-job.log): " + reports);
        return ExitCodes.OK;
    }

    /**
     * What the job's timings file says: per stage (partitions left out) its rows read, milliseconds and milliseconds
     * of the process's CPU, in order; when the first stage started and the last ended (ms since the epoch) and the
     * process's CPU time by then (ms); the heap peaks in MiB. A CPU time is −1 where the job's JVM could not tell.
     */
    record Timings(Map<String, long[]> steps, long firstStart, long lastEnd, long heapPeak,
                   long heapAfterCollections, long firstStartCpu, long lastEndCpu) {

        static Timings read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(StepProgressLogger.TIMINGS_HEADER)) {
                throw new IOException(file + " is not a timings file: its first line is not "
                        + StepProgressLogger.TIMINGS_HEADER.replace('\t', ' '));
            }
            Map<String, long[]> steps = new LinkedHashMap<>();
            long first = 0;
            long last = 0;
            long heap = 0;
            long after = 0;
            long firstCpu = -1;
            long lastCpu = -1;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                long startMs = Long.parseLong(f[2]);
                long endMs = Long.parseLong(f[3]);
                heap = Math.max(heap, Long.parseLong(f[6]));
                after = Math.max(after, Long.parseLong(f[7]));
                long cpuStart = Long.parseLong(f[8]);
                long cpuEnd = Long.parseLong(f[9]);
                if (f[0].contains(":")) {
                    continue;
                }
                steps.put(f[0], new long[] {Long.parseLong(f[4]), endMs - startMs,
                        cpuStart >= 0 && cpuEnd >= cpuStart ? cpuEnd - cpuStart : -1});
                if (first == 0 || startMs < first) {
                    first = startMs;
                    firstCpu = cpuStart;
                }
                if (endMs >= last) {
                    last = endMs;
                    lastCpu = cpuEnd;
                }
            }
            return new Timings(steps, first, last, heap, after, firstCpu, lastCpu);
        }
    }

    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended
        }
        return 0;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /**
     * The arguments that start this application again: the class-data archive it was started with, if any (so that
     * the benchmark of {@code java -XX:SharedArchiveFile=target/app/exit-poll-audit.jsa -jar
     * target/app/exit-poll-audit.jar benchmark} measures the job started that way), then the jar it was started
     * from, or its class path.
     */
    private static List<String> launch(Class<?> mainClass) {
        List<String> args = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:SharedArchiveFile=")).toList());
        String cp = System.getProperty("java.class.path");
        if (cp.endsWith(".jar") && !cp.contains(File.pathSeparator)) {
            args.addAll(List.of("-jar", cp));
        } else {
            args.addAll(List.of("-cp", cp, mainClass.getName()));
        }
        return args;
    }
}
