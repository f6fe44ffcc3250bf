package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher, src/main/sh/exit-poll-audit, run by /bin/sh with a stand-in for java that prints the arguments it is
 * given: which runs it starts without C2, and that it passes everything else through unchanged.
 */
class LauncherTest {

    static final Path SCRIPT = Path.of("src/main/sh/exit-poll-audit");

    /** The kernel's huge page setting the launcher is given unless a test says otherwise: huge pages on request. */
    static final String MADVISE = "always [madvise] never\n";

    /** No JIT tuning of the user's own. */
    static final List<String> NONE = List.of();

    /** The kernel's free page reporting the launcher is given unless a test says otherwise: none (an unset order). */
    static final String NO_REPORTING = "4294967295\n";

    @TempDir
    Path dir;

    @Test
    void aRunOnAShortPackageGoesWithoutC2AndALongOneWithItLater() throws Exception {
        Path small = pkg("small", 1000);
        Path large = pkg("large", JitPolicy.SHORT_RUN_BYTES + 1);
        Path exact = pkg("exact", JitPolicy.SHORT_RUN_BYTES);
        List<String> cds = archived();
        List<String> serial = List.of(Launcher.SERIAL_GC);
        List<String> pages = List.of(Launcher.HUGE_PAGES);

        // what the benchmark adds to the job it starts (Launcher.runOptions) is what the script adds to a run
        assertEquals(concat(serial, Launcher.C1_ONLY, pages),
                options(small, "auto", false, NONE, false));
        assertEquals(concat(serial, Launcher.LATER_JIT, pages),
                options(large, "auto", false, NONE, false));
        assertEquals(List.of(Launcher.SERIAL_GC, "-Depa.jit=full", Launcher.HUGE_PAGES),
                options(large, "full", false, List.of(), false));
        assertEquals(List.of(Launcher.SERIAL_GC, "-Depa.jit=full", Launcher.HUGE_PAGES),
                options(small, "full", false, List.of(), false));
        assertEquals(concat(options(small, "auto", false, NONE, false), cds, List.of("--input=" + small, "--quiet")),
                launch(Map.of(), "--input=" + small, "--quiet"));
        assertEquals(concat(options(exact, "auto", false, NONE, false), cds, List.of("run", "--input=" + exact)),
                launch(Map.of(), "run", "--input=" + exact), "at the limit, as JitPolicy.isShortRun");
        assertEquals(concat(options(large, "auto", false, NONE, false), cds, List.of("--input=" + large)),
                launch(Map.of(), "--input=" + large));
        // the commands that are not one run on one package start as Java starts
        assertEquals(concat(cds, List.of("schedule", "--input=" + small)), launch(Map.of(), "schedule", "--input=" + small));
        assertEquals(concat(cds, List.of("benchmark", "--input=" + small)),
                launch(Map.of(), "benchmark", "--input=" + small));
        assertEquals(concat(cds, List.of("verify", "output/x")), launch(Map.of(), "verify", "output/x"));
        // JAVA_OPTS goes first; a JIT setting or a collector of its own is left alone
        assertEquals(concat(List.of("-Xmx1g", "-Depa.jit=full"), serial, pages, cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_OPTS", "-Xmx1g -Depa.jit=full"), "--input=" + small));
        assertEquals(concat(List.of("-Xmx1g"), options(small, "auto", false, NONE, false), cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_OPTS", "-Xmx1g"), "--input=" + small));
        assertEquals(concat(List.of("-XX:+UseG1GC"), Launcher.C1_ONLY, pages, cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC"), "--input=" + small));
        assertEquals(concat(Launcher.C1_ONLY, pages), options(small, "auto", true, NONE, false));
        // a collector Java takes from the environment itself: the JVM would stop on a second one
        assertEquals(concat(Launcher.C1_ONLY, pages, cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC"), "--input=" + small));
        assertEquals(concat(serial, pages, cds, List.of("--input=" + small)),
                launch(Map.of("JDK_JAVA_OPTIONS", "-Dx=1\t-Depa.jit=full"), "--input=" + small), "tab-separated");
        // options that only look like a collector's when two are read as one
        assertEquals(concat(List.of("-XX:+UseNUMA", "-XX:+DisableExplicitGC"), options(small, "auto", false, NONE, false),
                cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_OPTS", "-XX:+UseNUMA -XX:+DisableExplicitGC"), "--input=" + small));
        assertTrue(Launcher.namesCollector("-XX:+UseShenandoahGC"));
        assertFalse(Launcher.namesCollector("-XX:+UseNUMA"));
        // the serial collector turned off: the launcher's -XX:+UseSerialGC after it would turn it on again
        assertEquals(concat(List.of("-XX:-UseSerialGC"), Launcher.C1_ONLY, pages, cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_OPTS", "-XX:-UseSerialGC"), "--input=" + small));
        assertTrue(Launcher.namesCollector("-XX:-UseSerialGC"));
        assertFalse(Launcher.namesCollector("-XX:-UseGCOverheadLimit"));
        // a symbolic link to a package is followed, as the job follows it
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), large);
        assertEquals(concat(serial, Launcher.LATER_JIT, pages, cds, List.of("--input=" + linked)),
                launch(Map.of(), "--input=" + linked));
        // a JIT tuning of the user's own replaces the launcher's of its name, the others stay; a short run still goes
        // without C2
        for (String own : List.of("-XX:CompileThresholdScaling=1", "-XX:PerMethodTrapLimit=100",
                "-XX:MaxInlineLevel=15", "-XX:FreqInlineSize=325")) {
            List<String> others = Launcher.LATER_JIT.stream()
                    .filter(o -> !Launcher.optionName(o).equals(Launcher.optionName(own))).toList();
            assertEquals(Launcher.LATER_JIT.size() - 1, others.size(), own);
            assertEquals(concat(List.of(own), serial, others, pages, cds, List.of("--input=" + large)),
                    launch(Map.of("JAVA_OPTS", own), "--input=" + large));
            assertEquals(concat(serial, others, pages), options(large, "auto", false, List.of(own), false));
        }
        // (Java reads JDK_JAVA_OPTIONS itself: the launcher only leaves its own options of those names out)
        assertEquals(concat(serial, Launcher.LATER_JIT.subList(0, 2), pages, cds, List.of("--input=" + large)),
                launch(Map.of("JDK_JAVA_OPTIONS", "-XX:FreqInlineSize=325 -XX:MaxInlineLevel=15"), "--input=" + large));
        assertTrue(Launcher.LATER_JIT.stream().allMatch(Launcher::namesJitTuning), "each option the user may replace");
        assertEquals(concat(serial, pages), options(large, "auto", false, Launcher.LATER_JIT, false));
        assertEquals(concat(serial, Launcher.C1_ONLY, pages), options(small, "auto", false, Launcher.LATER_JIT, false));
        assertEquals(concat(options(small, "auto", false, Launcher.LATER_JIT, false), cds, List.of("--input=" + small)),
                launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:CompileThresholdScaling=1"), "--input=" + small));
        // the shell's CDPATH and a variable of the launcher's own name in the environment change nothing
        assertEquals(concat(options(small, "auto", false, NONE, false), cds, List.of("--input=" + small)),
                launch(Map.of("CDPATH", ".:" + dir, "named", "1"), "--input=" + small));
        // -Depa.jit=auto is the default named, not a setting of the user's own (JitPolicy): the launcher's rule holds
        assertEquals(concat(List.of("-Depa.jit=auto"), options(small, "auto", false, NONE, false),
                cds, List.of("--input=" + small)), launch(Map.of("JAVA_OPTS", "-Depa.jit=auto"), "--input=" + small));
        assertEquals(concat(List.of("-Depa.jit=auto"), options(large, "auto", false, NONE, false),
                cds, List.of("--input=" + large)), launch(Map.of("JAVA_OPTS", "-Depa.jit=auto"), "--input=" + large));
        // a file name is never read as a size: a package of one large file named "total", given relative to the
        // folder the launcher starts in, and a folder whose name starts with "total " (wc's word for its sums)
        Files.move(large.resolve("official/final.csv"), dir.resolve("total"));
        assertEquals(concat(options(dir.resolve("total"), "auto", false, NONE, false), cds,
                List.of("--input=total")), launchIn(dir, Map.of(), "--input=total"));
        assertEquals(concat(serial, Launcher.LATER_JIT, pages), options(dir.resolve("total"), "auto", false, NONE, false));
        Path spaced = Files.createDirectories(dir.resolve("total x/official"));
        Files.move(dir.resolve("total"), spaced.resolve("final.csv"));
        Files.copy(small.resolve("official/final.csv"), spaced.resolve("small.csv"));
        assertEquals(concat(serial, Launcher.LATER_JIT, pages, cds, List.of("--input=total x")),
                launchIn(dir, Map.of(), "--input=total x"));
        // a missing package is the job's to report
        assertEquals(concat(options(dir.resolve("missing"), "auto", false, NONE, false), cds,
                List.of("--input=" + dir.resolve("missing"))), launch(Map.of(), "--input=" + dir.resolve("missing")));
    }

    @Test
    void hugePagesForARunWhereTheKernelGivesThemOnRequest() throws Exception {
        Path small = pkg("small", 1000);
        Path large = pkg("large", JitPolicy.SHORT_RUN_BYTES + 1);
        List<String> cds = archived();
        List<String> withoutPages = concat(List.of(Launcher.SERIAL_GC), Launcher.LATER_JIT);
        List<String> pages = List.of(Launcher.HUGE_PAGES);
        // the kernel's choice is the one in brackets; unasked where always, a warning from the JVM where never
        for (String setting : List.of("[always] madvise never\n", "always madvise [never]\n", "")) {
            Path file = Files.writeString(dir.resolve("thp-setting " + setting.hashCode()), setting);
            assertEquals(withoutPages, Launcher.runOptions(large, "auto", false, NONE, false, setting, NO_REPORTING), setting);
            assertEquals(concat(withoutPages, cds, List.of("--input=" + large)),
                    launch(Map.of("EPA_THP_SETTING_FILE", file.toString()), "--input=" + large), setting);
        }
        assertEquals(concat(withoutPages, cds, List.of("--input=" + large)),
                launch(Map.of("EPA_THP_SETTING_FILE", dir.resolve("none").toString()), "--input=" + large),
                "a kernel without the setting");
        assertFalse(Launcher.hugePagesOnRequest(""));
        assertTrue(Launcher.hugePagesOnRequest(MADVISE));
        // the user's own choice of pages replaces the launcher's, wherever Java takes it from (and is not doubled)
        assertEquals(withoutPages, options(large, "auto", false, NONE, true));
        for (String own : List.of("-XX:-UseTransparentHugePages", "-XX:+UseTransparentHugePages", "-XX:+UseLargePages",
                "-XX:-UseLargePages", "-XX:+UseLargePagesIndividualAllocation", "-XX:+UseHugeTLBFS", "-XX:-UseSHM")) {
            assertTrue(Launcher.namesPages(own), own);
            assertEquals(concat(List.of(own), withoutPages, cds, List.of("--input=" + large)),
                    launch(Map.of("JAVA_OPTS", own), "--input=" + large), own);
        }
        assertEquals(concat(withoutPages, cds, List.of("--input=" + large)),
                launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseTransparentHugePages"), "--input=" + large));
        assertEquals(concat(withoutPages, cds, List.of("--input=" + large)),
                launch(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseLargePages"), "--input=" + large));
        // options that are not a choice of pages (the JVM refuses the first two) leave the launcher's
        for (String other : List.of("-XX:UseTransparentHugePages", "-XX:+UseTransparentHugePagesX",
                "-XX:LargePageSizeInBytes=2m", "-XX:+UseSHMX")) {
            assertFalse(Launcher.namesPages(other), other);
            assertEquals(concat(List.of(other), withoutPages, pages, cds, List.of("--input=" + large)),
                    launch(Map.of("JAVA_OPTS", other), "--input=" + large), other);
        }
        // a JIT setting of the user's own on a large package keeps the pages, as Launcher.runOptions does
        assertEquals(concat(List.of("-Depa.jit=full"), List.of(Launcher.SERIAL_GC), pages, cds,
                List.of("--input=" + large)), launch(Map.of("JAVA_OPTS", "-Depa.jit=full"), "--input=" + large));
        // a short run gets them too; the commands that are not a run go without
        assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.C1_ONLY, pages, cds, List.of("--input=" + small)),
                launch(Map.of(), "--input=" + small));
        assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.C1_ONLY, cds, List.of("--input=" + small)),
                launch(Map.of("EPA_THP_SETTING_FILE", dir.resolve("none").toString()), "--input=" + small));
        assertEquals(concat(cds, List.of("schedule", "--input=" + large)), launch(Map.of(), "schedule", "--input=" + large));
    }

    @Test
    void noHugePagesWhereTheKernelReportsFreeHugePagesToTheHypervisor() throws Exception {
        Path small = pkg("small", 1000);
        Path large = pkg("large", JitPolicy.SHORT_RUN_BYTES + 1);
        List<String> cds = archived();
        List<String> pages = List.of(Launcher.HUGE_PAGES);
        // blocks of a huge page (order 9: 2 MB of 4 KB pages) or smaller are reported: none; larger ones only, or an
        // order that was never set (-1 as the kernel keeps it, printed unsigned), or no such setting: huge pages
        Map<String, Boolean> kept = new java.util.LinkedHashMap<>();
        kept.put("9\n", false);
        kept.put("0\n", false);
        kept.put(" 5 ", false);
        kept.put("10\n", true);
        kept.put("11\n", true);
        kept.put("4294967295\n", true);
        kept.put("18446744073709551615\n", true);
        kept.put("-1\n", true);
        kept.put("", true);
        kept.put("nine\n", true);
        // trimmed alike by the script's awk and by Java: spaces, tabs and line breaks only
        kept.put("\t9\n", false);
        kept.put("009\n", false);
        kept.put("9\r\n", true);
        kept.put("0000000000000000009\n", true);
        for (Map.Entry<String, Boolean> e : kept.entrySet()) {
            String order = e.getKey();
            assertEquals(e.getValue(), Launcher.hugePagesKept(order), order);
            Path file = Files.writeString(dir.resolve("reporting " + order.hashCode()), order);
            List<String> expected = e.getValue() ? pages : List.of();
            assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.LATER_JIT, expected),
                    Launcher.runOptions(large, "auto", false, NONE, false, MADVISE, order), order);
            assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.LATER_JIT, expected, cds,
                    List.of("--input=" + large)),
                    launch(Map.of("EPA_PAGE_REPORTING_FILE", file.toString()), "--input=" + large), order);
            assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.C1_ONLY, expected, cds,
                    List.of("--input=" + small)),
                    launch(Map.of("EPA_PAGE_REPORTING_FILE", file.toString()), "--input=" + small), order);
        }
        assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.LATER_JIT, pages, cds, List.of("--input=" + large)),
                launch(Map.of("EPA_PAGE_REPORTING_FILE", dir.resolve("none").toString()), "--input=" + large),
                "a kernel without free page reporting");
        // where the kernel gives no huge pages on request, the reporting does not matter
        Path never = Files.writeString(dir.resolve("thp never"), "always madvise [never]\n");
        assertEquals(concat(List.of(Launcher.SERIAL_GC), Launcher.LATER_JIT, cds, List.of("--input=" + large)),
                launch(Map.of("EPA_THP_SETTING_FILE", never.toString()), "--input=" + large));
    }

    @Test
    void withoutAClassDataArchiveTheJarStartsPlain() throws Exception {
        Path app = app(false);
        Path small = pkg("small", 10);
        assertEquals(concat(options(small, "auto", false, NONE, false), List.of("-jar", app + "/exit-poll-audit.jar",
                "--input=" + small)), launch(Map.of(), "--input=" + small));
    }

    @Test
    void theLauncherUsesThePolicysLimit() throws IOException {
        String script = Files.readString(SCRIPT);
        assertTrue(script.contains("limit=" + JitPolicy.SHORT_RUN_BYTES + " "), "the limit in the script");
        assertTrue(script.contains("jit=\"" + String.join(" ", Launcher.C1_ONLY) + "\""), "the flags in the script");
        assertTrue(script.contains("for o in " + String.join(" ", Launcher.LATER_JIT) + "; do"),
                "the flags in the script");
        assertTrue(script.contains("pages=" + Launcher.HUGE_PAGES + "\n"), "the flag in the script");
        assertTrue(script.contains("${EPA_THP_SETTING_FILE:-" + Launcher.THP_SETTING + "}"), "the kernel's setting");
        assertTrue(script.contains("${EPA_PAGE_REPORTING_FILE:-" + Launcher.REPORTING_ORDER + "}"), "its reporting");
        assertTrue(script.contains("o + 0 <= " + Launcher.HUGE_PAGE_ORDER + ")"), "the order in the script");
    }

    private Path app;

    /** The launcher in a folder of its own, as target/app, with or without a class-data archive. */
    private Path app(boolean archive) throws IOException {
        app = Files.createDirectories(dir.resolve("app folder"));
        Files.copy(SCRIPT, app.resolve("exit-poll-audit"));
        if (archive) {
            Files.writeString(app.resolve("exit-poll-audit.jsa"), "");
        }
        return app;
    }

    /** The launcher in a folder with a class-data archive: the options it starts the jar with, after its own. */
    private List<String> archived() throws IOException {
        String app = app(true).toString();
        return List.of("-XX:SharedArchiveFile=" + app + "/exit-poll-audit.jsa", "-jar", app + "/exit-poll-audit.jar");
    }

    /** A package folder whose files take {@code bytes} in all (sparse: nothing is written). */
    private Path pkg(String name, long bytes) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name).resolve("official"));
        try (RandomAccessFile f = new RandomAccessFile(p.resolve("final.csv").toFile(), "rw")) {
            f.setLength(bytes);
        }
        return p.getParent();
    }

    /** The arguments the launcher hands to java. */
    private List<String> launch(Map<String, String> env, String... args) throws Exception {
        return launchIn(null, env, args);
    }

    /** {@link #launch} started in the folder {@code cwd} ({@code null}: this process's). */
    private List<String> launchIn(Path cwd, Map<String, String> env, String... args) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        if (!Files.exists(java)) {
            Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", app.resolve("exit-poll-audit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        Path thp = dir.resolve("thp-setting");
        if (!Files.exists(thp)) {
            Files.writeString(thp, MADVISE);
        }
        pb.environment().put("EPA_THP_SETTING_FILE", thp.toString());
        Path reporting = dir.resolve("reporting-order");
        if (!Files.exists(reporting)) {
            Files.writeString(reporting, NO_REPORTING);
        }
        pb.environment().put("EPA_PAGE_REPORTING_FILE", reporting.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    /** The launcher's options for a run where the kernel gives huge pages on request and reports no free pages. */
    private static List<String> options(Path input, String jitSetting, boolean ownCollector, List<String> ownJitTuning,
                                        boolean ownPages) {
        return Launcher.runOptions(input, jitSetting, ownCollector, ownJitTuning, ownPages, MADVISE, NO_REPORTING);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
