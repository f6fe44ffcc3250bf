package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.job.StepProgressLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmark reads from the job's timings file: per stage its rows, wall and CPU time; the run's bounds. */
class BenchmarkTimingsTest {

    @Test
    void stagesPartitionsLeftOutWithTheirWallAndCpuTimes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timings.tsv");
        Files.write(file, List.of(StepProgressLogger.TIMINGS_HEADER,
                // step, status, start, end, read, written, heap peak, after collections, CPU at start and end
                "validate\tcompleted\t1000\t1200\t0\t0\t50\t20\t900\t1180",
                "ingestFile:a\tcompleted\t1210\t1900\t500\t500\t300\t100\t1190\t2300",
                "ingest\tcompleted\t1205\t2000\t500\t500\t120\t40\t1185\t2400",
                "analyze\tcompleted\t2010\t3010\t0\t10\t200\t90\t2410\t4010",
                // a stage whose start the listener did not see: no CPU time at its start
                "report\tcompleted\t3020\t3500\t0\t0\t210\t95\t-1\t4500"), StandardCharsets.UTF_8);
        Benchmark.Timings t = Benchmark.Timings.read(file);
        assertEquals(List.of("validate", "ingest", "analyze", "report"), List.copyOf(t.steps().keySet()));
        assertArrayEquals(new long[] {0, 200, 280}, t.steps().get("validate"));
        assertArrayEquals(new long[] {500, 795, 1215}, t.steps().get("ingest"));
        assertArrayEquals(new long[] {0, 1000, 1600}, t.steps().get("analyze"));
        assertArrayEquals(new long[] {0, 480, -1}, t.steps().get("report"));
        assertEquals(1000, t.firstStart());
        assertEquals(3500, t.lastEnd());
        assertEquals(900, t.firstStartCpu());
        assertEquals(4500, t.lastEndCpu());
        // the peaks count the partitions too
        assertEquals(300, t.heapPeak());
        assertEquals(100, t.heapAfterCollections());
    }

    @Test
    void aFileWithoutTheHeaderIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timings.tsv");
        Files.write(file, List.of("step\tstatus\tstart_ms\tend_ms", "validate\tcompleted\t1000\t1200"),
                StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Benchmark.Timings.read(file));
        assertTrue(e.getMessage().contains("is not a timings file"), e.getMessage());
    }
}
