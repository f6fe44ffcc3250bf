package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Blocks staged and read back through the repository: as one table of columns per source and as rows, in line order
 * whatever order the blocks were stored in; the tables of both databases' schema files alike.
 */
class StagedBlocksTest {

    private static ResultColumns block(String source, int firstLine, int n) {
        ResultColumns rows = new ResultColumns(source, List.of("a", "b"), n);
        for (int i = 0; i < n; i++) {
            int line = firstLine + 2 * i;
            rows.add(line, "d" + (line % 3), "s" + line, 1000 + line, 500 + line, Double.NaN, 490 + line,
                    i % 2 == 0 ? 50.5 : Double.NaN, Double.NaN, new double[] {line, 490});
        }
        return rows;
    }

    /** A source's blocks read back one at a time, as the analysis reads them, and put together. */
    private static ResultColumns columns(StagingRepository staging, long run, String source) {
        ResultColumns[] all = new ResultColumns[1];
        staging.forEachBlock(run, source, block -> {
            if (all[0] == null) {
                all[0] = new ResultColumns(source, block.candidates(), 16);
            }
            all[0].addAll(block);
        });
        return all[0] != null ? all[0] : new ResultColumns(source, List.of(), 0);
    }

    /** More blocks than one query reads (they are read a page at a time): every one, once, in line order. */
    @Test
    void manyBlocksComeBackOnceEachInLineOrder() {
        withRepository(staging -> {
            List<RowBlock.Encoded> blocks = new ArrayList<>();
            List<ResultRow> expected = new ArrayList<>();
            for (int b = 0; b < 23; b++) {
                ResultColumns rows = block("final", 2 + 100 * b, 1 + b % 4);
                blocks.add(RowBlock.encode(rows).get(0));
                expected.addAll(rows.rows());
            }
            java.util.Collections.reverse(blocks);
            staging.addBlocks(5, blocks);
            assertEquals(expected, columns(staging, 5, "final").rows());
            // read for their keys alone (the duplicate check's scans): the same blocks, lines and ids, no figure
            List<String> keys = new ArrayList<>();
            staging.blocks(5).forEachKeys("final", block -> {
                for (int i = 0; i < block.size(); i++) {
                    keys.add(block.line(i) + " " + block.district(i) + " " + block.station(i) + " "
                            + block.registered(i) + " " + block.votes(0, i));
                }
            });
            assertEquals(expected.stream().map(r -> r.line() + " " + r.districtId() + " " + r.stationId() + " NaN NaN")
                    .toList(), keys);
        });
    }

    @Test
    void theStagingOfCompletedRunsIsDroppedAndAnUnfinishedRunsKept() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:hsqldb:mem:staged-drop-"
                + System.nanoTime(), "SA", "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            StagingRepository staging = new StagingRepository(jdbc);
            // the job repository's table of executions, as much of it as the query reads
            jdbc.execute("CREATE TABLE BATCH_JOB_EXECUTION (JOB_EXECUTION_ID BIGINT, JOB_INSTANCE_ID BIGINT,"
                    + " STATUS VARCHAR(10))");
            jdbc.update("INSERT INTO BATCH_JOB_EXECUTION VALUES (1, 7, 'FAILED'), (2, 7, 'COMPLETED'),"
                    + " (3, 8, 'FAILED')");
            for (long run : new long[] {7, 8}) {
                staging.addBlocks(run, RowBlock.encode(block("final", 2, 3)));
            }
            assertEquals(1, staging.dropCompleted(), "run 7's block");
            assertEquals(0, columns(staging, 7, "final").size(), "run 7 completed");
            assertEquals(Map.of(), staging.rowCounts(7), "and its count");
            assertEquals(Map.of("final", 3), staging.rowCounts(8));
            assertEquals(3, columns(staging, 8, "final").size(), "run 8 can still be resumed");
            assertEquals(0, staging.dropCompleted(), "nothing more to drop");
            // run 8 completes too: with nothing unfinished left, the tables are emptied at once
            jdbc.update("INSERT INTO BATCH_JOB_EXECUTION VALUES (4, 8, 'COMPLETED')");
            staging.addBlocks(8, RowBlock.encode(block("prelim", 2, 2)));
            assertEquals(2, staging.dropCompleted(), "run 8's two blocks");
            assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_BLOCK", Integer.class));
            assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_COUNT", Integer.class));
        } finally {
            ds.destroy();
        }
    }

    private static void withRepository(java.util.function.Consumer<StagingRepository> test) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:hsqldb:mem:staged-blocks-"
                + System.nanoTime(), "SA", "", true);
        try {
            test.accept(new StagingRepository(new JdbcTemplate(ds)));
        } finally {
            ds.destroy();
        }
    }

    @Test
    void aSourcesBlocksComeBackAsOneTableInLineOrder() {
        withRepository(staging -> {
            ResultColumns first = block("final", 2, 3);
            ResultColumns second = block("final", 8, 4);
            ResultColumns other = block("prelim", 2, 2);
            // stored out of order, another source between them
            staging.addBlocks(7, List.of(RowBlock.encode(second).get(0), RowBlock.encode(other).get(0)));
            staging.addBlocks(7, List.of(RowBlock.encode(first).get(0)));
            ResultColumns all = columns(staging, 7, "final");
            List<ResultRow> expected = new ArrayList<>(first.rows());
            expected.addAll(second.rows());
            assertEquals(expected, all.rows());
            assertEquals(expected, staging.rows(7, List.of("final")));
            assertEquals(Map.of("final", 7, "prelim", 2), staging.rowCounts(7));
            assertEquals(7, staging.blocks(7).rows("final"));
            assertEquals(0, columns(staging, 8, "final").size(), "another run staged nothing");
            assertEquals(Map.of(), staging.rowCounts(8));
            assertThrows(DataIntegrityViolationException.class, () -> staging.addBlocks(7, List.of(RowBlock.encode(first).get(0))),
                    "the same lines staged twice");
            // a restage forgets the blocks of its lines and their counts with them
            staging.deleteStaged(7, "final", "final.csv", 8, 100);
            assertEquals(first.rows(), columns(staging, 7, "final").rows());
            assertEquals(Map.of("final", 3, "prelim", 2), staging.rowCounts(7));
            staging.deleteStaged(7, "final", "final.csv");
            assertEquals(Map.of("prelim", 2), staging.rowCounts(7));
            assertEquals(0, staging.blocks(7).rows("final"));
        });
    }

    private static final Pattern TABLE = Pattern.compile("CREATE (?:CACHED )?TABLE IF NOT EXISTS (\\w+) \\((.*)\\)",
            Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(?:^|,)\\s*(\\w+) ([A-Z]+)");

    /** Table → its columns, as a schema file declares them. */
    private static Map<String, TreeSet<String>> tables(List<String> statements) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (String s : statements) {
            Matcher t = TABLE.matcher(s);
            if (t.matches()) {
                TreeSet<String> columns = new TreeSet<>();
                Matcher c = COLUMN.matcher(t.group(2).replaceAll("PRIMARY KEY \\([^)]*\\)", ""));
                while (c.find()) {
                    columns.add(c.group(1));
                }
                out.put(t.group(1), columns);
            }
        }
        return out;
    }

    @Test
    void bothDatabasesHaveTheSameTablesAndColumns() {
        Map<String, TreeSet<String>> hsqldb = tables(StagingRepository.schema("hsqldb"));
        assertEquals(Map.of("EPA_INPUT", new TreeSet<>(List.of("RUN_KEY", "PATH", "BYTES", "SHA256")),
                "EPA_ROW_BLOCK", new TreeSet<>(List.of("RUN_KEY", "SOURCE_ID", "FIRST_LINE", "ROW_COUNT", "BODY")),
                "EPA_ROW_COUNT", new TreeSet<>(List.of("RUN_KEY", "SOURCE_ID", "FIRST_LINE", "ROW_COUNT"))),
                Map.of("EPA_INPUT", hsqldb.get("EPA_INPUT"), "EPA_ROW_BLOCK", hsqldb.get("EPA_ROW_BLOCK"),
                        "EPA_ROW_COUNT", hsqldb.get("EPA_ROW_COUNT")));
        assertEquals(List.of("EPA_FIGURE_BLOCK", "EPA_FLAG_BLOCK", "EPA_INPUT", "EPA_ISSUE", "EPA_ROW_BLOCK",
                "EPA_ROW_COUNT"), List.copyOf(hsqldb.keySet()));
        assertEquals(hsqldb, tables(StagingRepository.schema("postgresql")));
    }
}
