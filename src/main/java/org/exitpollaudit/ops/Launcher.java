package org.exitpollaudit.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the launcher, src/main/sh/exit-poll-audit, adds to a {@code run}, in Java: the benchmark starts the
 * job it measures with the same ({@code LauncherTest} runs the script and holds the two together). Why each, and what
 * each was measured to save: docs/operations.md, "The launcher's JVM options".
 */
final class Launcher {

    /**
     * A JVM option that chooses the garbage collector ({@code -XX:+UseG1GC}, …) or turns one off ({@code
     * -XX:-UseSerialGC}: the user's "not the serial collector", which the launcher's {@code -XX:+UseSerialGC} after it
     * would otherwise overrule), as the launcher recognises one.
     */
    static boolean namesCollector(String option) {
        return (option.startsWith("-XX:+Use") || option.startsWith("-XX:-Use")) && option.endsWith("GC");
    }

    /**
     * A JVM option that tunes what the JIT compiles as one of {@link #LATER_JIT} does, which the launcher then leaves
     * to the user: it leaves out its own of that name ({@link #optionName}) and keeps its others.
     */
    static boolean namesJitTuning(String option) {
        return LATER_JIT.stream().anyMatch(o -> option.startsWith(optionName(o)));
    }

    /** An {@code -XX:Name=value} option's name with its "=" ({@code -XX:Name=}); the option itself without one. */
    static String optionName(String option) {
        return option.substring(0, option.indexOf('=') + 1);
    }

    /** Every run: the job's live data is a few hundred MB at most, and the machine may have two cores. */
    static final String SERIAL_GC = "-XX:+UseSerialGC";

    /** A short run ({@link JitPolicy#isShortRun}): C1 alone, and word to {@link JitPolicy} that the JIT is seen to. */
    static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1", "-D" + JitPolicy.PROPERTY + "=launcher");

    /**
     * A longer run: methods compiled once they have run twice as often as by default (fewer lukewarm ones; not three
     * times as late, since with C2's smaller compilations, below, sooner ones pay: a million stations 0.16-0.22 s
     * faster with 2 than with 3 in twelve pairs of fourteen, docs/benchmark.md, "C2 inlining less and sooner");
     * C2 compiling the cases a method had not met when it was profiled (a branch not yet taken, a first null, an index
     * or a type check that had always passed) instead of leaving each to a trap that throws the compiled code away
     * once the case comes (a buffer that grows, the first null): without it, in a run of a million stations C2
     * compiled 26 methods three to six times each (docs/benchmark.md, "C2's recompilations"); and C2 inlining less
     * (calls three deep instead of 15, a frequent callee of up to 150 bytes of bytecode instead of 325): its
     * compilations of the job's long methods are smaller and come sooner, and at a million stations the run's CPU is
     * about 0.8 s less and the ingest 0.2 s shorter (docs/benchmark.md, "C2 inlining less and sooner").
     */
    static final List<String> LATER_JIT = List.of("-XX:CompileThresholdScaling=2", "-XX:PerMethodTrapLimit=0",
            "-XX:MaxInlineLevel=3", "-XX:FreqInlineSize=150");

    /**
     * A JVM option that chooses the size of memory pages ({@code -XX:+UseLargePages}, {@code
     * -XX:-UseTransparentHugePages}, Linux's explicit huge pages {@code -XX:+UseHugeTLBFS} and {@code -XX:+UseSHM}),
     * which the launcher then leaves to the user: it does not add {@link #HUGE_PAGES}.
     */
    static boolean namesPages(String option) {
        return option.matches("-XX:[+-](UseTransparentHugePages|UseLargePages.*|UseHugeTLBFS|UseSHM)");
    }

    /**
     * Every run where the kernel gives transparent huge pages on request ({@link #hugePagesOnRequest}) and keeps the
     * memory it frees in huge-page blocks ({@link #hugePagesKept}): the heap in pages of 2 MB. The job touches the heap
     * for the first time as it allocates and the collector copies what survives, and on a virtual machine each first
     * touch of a 4 KB page is costly (docs/benchmark.md, "huge pages for the collector").
     */
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

    /** Where Linux says whether it gives transparent huge pages: always, on request (madvise) or never. */
    static final Path THP_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /**
     * @param setting the content of {@link #THP_SETTING} ({@code always [madvise] never}: the one chosen in brackets),
     *                empty where there is none
     * @return whether the kernel gives huge pages on request only: where it gives them always, it does so unasked,
     *         and where never, the option would only print a warning
     */
    static boolean hugePagesOnRequest(String setting) {
        return setting.contains("[madvise]");
    }

    /** The content of {@link #THP_SETTING}; empty where it cannot be read (not Linux, or a kernel without THP). */
    static String thpSetting() {
        try {
            return Files.readString(THP_SETTING);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Where Linux says from which block size up it hands free memory back to the hypervisor (free page reporting, as a
     * balloon device asks): the block's order, log2 of its size in pages; absent where the kernel does not report.
     */
    static final Path REPORTING_ORDER = Path.of("/sys/module/page_reporting/parameters/page_reporting_order");

    /** The order of a transparent huge page: 2 MB in pages of 4 KB, on x86-64. */
    static final int HUGE_PAGE_ORDER = 9;

    /**
     * @param reportingOrder the content of {@link #REPORTING_ORDER}, empty where there is none
     * @return whether a huge page the kernel frees stays the guest's: no reporting, or reporting of larger blocks only.
     *         Where blocks of a huge page are reported, each one goes back to the hypervisor as soon as it is free, and
     *         the next huge page the job touches is faulted in from the host again: measured on such a machine
     *         (page_reporting_order 9), a million stations ran 0.4-0.9 s slower with huge pages in seven pairs, the
     *         collector's system time 0.8 s against 0.1 s, and faster with them in two pairs of three with the order
     *         set to 11 (docs/benchmark.md, "huge pages that go back to the host"). An unset order (-1, or 2^32 - 1 as
     *         the kernel prints it) is no reporting.
     */
    static boolean hugePagesKept(String reportingOrder) {
        // trimmed as the script's awk trims it: spaces, tabs and line breaks
        String order = reportingOrder.replaceAll("^[ \\t\\n]+|[ \\t\\n]+$", "");
        if (!order.matches("\\d{1,18}")) {
            return true;
        }
        return Long.parseLong(order) > HUGE_PAGE_ORDER;
    }

    /** The content of {@link #REPORTING_ORDER}; empty where it cannot be read. */
    static String reportingOrder() {
        try {
            return Files.readString(REPORTING_ORDER);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private Launcher() {
    }

    /**
     * @param input        the run's package
     * @param jitSetting   the value of {@code -Depa.jit} ({@code auto} unless given)
     * @param ownCollector whether the user names a collector (the launcher: in {@code JAVA_OPTS},
     *                     {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}); two would stop the JVM
     * @param ownJitTuning the options of the user's own that tune the JIT as {@link #LATER_JIT}'s do
     *                     ({@link #namesJitTuning}), there too: each replaces the launcher's of its name
     * @param ownPages     whether the user chooses the memory pages ({@link #namesPages}), there too
     * @param thpSetting   the kernel's transparent huge page setting ({@link #thpSetting})
     * @param reportingOrder the kernel's free page reporting order ({@link #reportingOrder})
     * @return the options the launcher adds to a run on {@code input}
     */
    static List<String> runOptions(Path input, String jitSetting, boolean ownCollector, List<String> ownJitTuning,
                                   boolean ownPages, String thpSetting, String reportingOrder) {
        List<String> out = new ArrayList<>(ownCollector ? List.of() : List.of(SERIAL_GC));
        if (JitPolicy.wanted(input, jitSetting, JitPolicy.SHORT_RUN_BYTES)) {
            out.addAll(C1_ONLY);
        } else if ("auto".equals(jitSetting)) {
            List<String> named = ownJitTuning.stream().map(Launcher::optionName).toList();
            LATER_JIT.stream().filter(o -> !named.contains(optionName(o))).forEach(out::add);
        } else {
            // a setting of the user's own (-Depa.jit=full: C2 whatever the package's size) goes to the job too
            out.add("-D" + JitPolicy.PROPERTY + "=" + jitSetting);
        }
        if (!ownPages && hugePagesOnRequest(thpSetting) && hugePagesKept(reportingOrder)) {
            out.add(HUGE_PAGES);
        }
        return out;
    }
}
