package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.reconcile.StationFlag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Figures staged in two groups, the later group first (as the analysis stages them: the stations' release by release,
 * then the national comparison's), read back in group order across the pages of a read; flags likewise in order
 * across pages; and a completed run's blocks of both groups dropped while an unfinished run's stay. On HSQLDB and, where
 * a server is given, PostgreSQL.
 */
class StagedFiguresAndFlagsTest {

    @Test
    void onHsqldb() {
        TestDatabases.hsqldb("staged", StagedFiguresAndFlagsTest::stagedAndReadBack);
    }

    @Test
    void onPostgresql() {
        TestDatabases.postgresql("staged", StagedFiguresAndFlagsTest::stagedAndReadBack);
    }

    /**
     * Page boundaries: no figures and no flags; exactly one and two full pages of figure blocks (64 and 128 blocks)
     * and of flag blocks (8 and 16 blocks of 1,000), where the last query finds nothing.
     */
    @Test
    void pagesEndingExactlyAtTheirSizeAndEmptyRuns() {
        TestDatabases.hsqldb("pages", jdbc -> {
            StagingRepository staging = new StagingRepository(jdbc);
            List<Figure> none = new ArrayList<>();
            staging.figures(1, none::addAll);
            assertEquals(List.of(), none);
            assertEquals(0, staging.flagStream(1).count());
            for (int blocks : new int[] {64, 128}) {
                List<Figure> all = figures("s", blocks * 1000);
                var w = staging.figureWriter(blocks, StagingRepository.FigureGroup.STATIONS);
                w.add(all);
                w.finish();
                List<Figure> back = new ArrayList<>();
                int[] handed = {0};
                staging.figures(blocks, b -> {
                    handed[0]++;
                    back.addAll(b);
                });
                assertEquals(all, back);
                assertEquals(blocks, handed[0]);
            }
            for (int n : new int[] {8_000, 16_000}) {
                List<StationFlag> flags = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    flags.add(new StationFlag("cec", "f.csv", 2 + i, "d", "s" + i, 1.0, null, null, "r"));
                }
                var w = staging.flagWriter(n);
                w.add(flags);
                w.finish();
                assertEquals(n / 1000, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_FLAG_BLOCK WHERE RUN_KEY = ?",
                        Integer.class, n));
                List<StationFlag> back = new ArrayList<>();
                staging.flagStream(n).forEach(back::add);
                assertEquals(flags, back);
            }
        });
    }

    private static List<Figure> figures(String source, int n) {
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Figure(Figure.FORENSICS, source, null, Figure.NATIONAL, "u" + i, null, "m", (double) i));
        }
        return out;
    }

    private static void stagedAndReadBack(JdbcTemplate jdbc) {
        StagingRepository staging = new StagingRepository(jdbc);
        // the job repository's table the drop reads: run 7 completed, run 8 failed
        jdbc.execute("CREATE TABLE BATCH_JOB_EXECUTION (JOB_EXECUTION_ID BIGINT, JOB_INSTANCE_ID BIGINT,"
                + " STATUS VARCHAR(10))");
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION VALUES (1, 7, 'COMPLETED'), (3, 8, 'FAILED')");
        // 1,500 national figures (2 blocks), 70,123 station figures (71 blocks, over two pages of 64 blocks)
        List<Figure> national = figures("national", 1_500);
        List<Figure> stations = figures("stations", 70_123);
        List<StationFlag> flags = new ArrayList<>();
        for (int i = 0; i < 25_001; i++) {
            flags.add(new StationFlag("cec", "official/final.csv", 2 + i, "d1", "s" + i, 100.0, i % 2 == 0 ? 97.0 : null,
                    null, "turnout and leader share both ≥ 95 %"));
        }
        for (long run : new long[] {7, 8}) {
            staging.deleteFigures(run);
            var later = staging.figureWriter(run, StagingRepository.FigureGroup.STATIONS);
            for (int i = 0; i < stations.size(); i += 4096) {
                later.add(stations.subList(i, Math.min(stations.size(), i + 4096)));
            }
            later.add(List.of());
            later.finish();
            var first = staging.figureWriter(run, StagingRepository.FigureGroup.NATIONAL);
            first.add(national);
            first.finish();
            assertEquals(stations.size(), later.count());
            List<Figure> expected = new ArrayList<>(national);
            expected.addAll(stations);
            List<Figure> back = new ArrayList<>();
            staging.figures(run, back::addAll);
            assertEquals(expected, back, "run " + run);

            staging.deleteFlags(run);
            var writer = staging.flagWriter(run);
            writer.add(flags.subList(0, 10_000));
            writer.add(flags.subList(10_000, flags.size()));
            writer.finish();
            List<StationFlag> flagsBack = new ArrayList<>();
            staging.flagStream(run).forEach(flagsBack::add);
            assertEquals(flags, flagsBack, "run " + run);
            assertEquals(flags.size(), staging.flagStream(run).count());
        }
        // the completed run's 73 figure blocks and its 26 flag blocks go; the unfinished run's stay
        assertEquals(73, staging.dropCompleted());
        assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_FIGURE_BLOCK WHERE RUN_KEY = 7", Integer.class));
        assertEquals(73, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_FIGURE_BLOCK WHERE RUN_KEY = 8", Integer.class));
        assertEquals(0, staging.flagStream(7).count());
        assertEquals(flags.size(), staging.flagStream(8).count());
    }
}
