package org.exitpollaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Rows staged by earlier versions (a database row per results row) are moved into blocks when the job starts. */
class StagingMigrationTest {

    private static final ResultRow EXPECTED = new ResultRow("cec-stations", 3, "r01", "УИК №554", 526.0, 386.0, 1.0,
            385.0, 73.384, null, Map.of("putin", 339.0, "davankov", 7.0));

    @Test
    void rowsStagedByTheColumnPerTotalLayoutAreReadAfterTheUpgrade() {
        inDatabase("jdbc:hsqldb:mem:columns-upgrade", jdbc -> {
            // the EPA_ROW of version 90e6993: a column per total, candidate values alone in VALS
            jdbc.execute("CREATE CACHED TABLE EPA_ROW (RUN_KEY BIGINT NOT NULL, SOURCE_ID VARCHAR(100) NOT NULL,"
                    + " LINE_NO INT NOT NULL, DISTRICT_ID VARCHAR(200), STATION_ID VARCHAR(200), REGISTERED DOUBLE,"
                    + " BALLOTS_CAST DOUBLE, INVALID_VALUE DOUBLE, VALID DOUBLE, TURNOUT_PCT DOUBLE, OTHER_VALUE DOUBLE,"
                    + " VALS VARCHAR(65536), PRIMARY KEY (RUN_KEY, SOURCE_ID, LINE_NO))");
            jdbc.update("INSERT INTO EPA_ROW VALUES (7, 'cec-stations', 3, 'r01', 'УИК №554', 526, 386, 1, 385, 73.384,"
                    + " NULL, 'putin\u001f339\u001edavankov\u001f7')");
            StagingRepository staging = new StagingRepository(jdbc);
            ResultRow back = staging.rows(7, List.of("cec-stations")).get(0);
            assertEquals(EXPECTED, back);
            assertEquals(List.of("putin", "davankov"), List.copyOf(back.candidates().keySet()));
            assertEquals(Map.of("cec-stations", 1), staging.rowCounts(7));
            assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME = 'EPA_ROW'", Integer.class), "the old table is gone");
        });
    }

    @Test
    void rowsStagedByThePackedTextLayoutMoveIntoBlocksInLineOrder() {
        inDatabase("jdbc:hsqldb:mem:packed-upgrade", jdbc -> {
            // the EPA_ROW of version b798f83: six totals, a group separator and the candidate values in VALS
            jdbc.execute("CREATE CACHED TABLE EPA_ROW (RUN_KEY BIGINT NOT NULL, SOURCE_ID VARCHAR(100) NOT NULL,"
                    + " LINE_NO INT NOT NULL, DISTRICT_ID VARCHAR(200), STATION_ID VARCHAR(200), VALS VARCHAR(65536),"
                    + " PRIMARY KEY (RUN_KEY, SOURCE_ID, LINE_NO))");
            // 2,500 rows of one run and source (three blocks), one of another run, inserted out of line order
            for (int line = 2501; line >= 2; line--) {
                jdbc.update("INSERT INTO EPA_ROW VALUES (7, 'cec-stations', ?, 'r01', ?, ?)", line, "s" + line,
                        line == 3 ? "526,386,1,385,73.384,,\u001dputin\u001f339\u001edavankov\u001f7"
                                : line + ",,,,,,\u001dputin\u001f1\u001edavankov\u001f");
            }
            jdbc.update("INSERT INTO EPA_ROW VALUES (8, 'cec-stations', 2, NULL, NULL, ',,,,,,\u001d')");
            StagingRepository staging = new StagingRepository(jdbc);
            List<ResultRow> rows = staging.rows(7, List.of("cec-stations"));
            assertEquals(2500, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i + 2, rows.get(i).line());
            }
            assertEquals(new ResultRow("cec-stations", 3, "r01", "s3", 526.0, 386.0, 1.0, 385.0, 73.384, null,
                    Map.of("putin", 339.0, "davankov", 7.0)), rows.get(1));
            ResultRow last = rows.get(2499);
            assertEquals(2501.0, last.registered());
            assertEquals(null, last.candidates().get("davankov"));
            assertEquals(3, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_BLOCK WHERE RUN_KEY = 7", Integer.class));
            assertEquals(new ResultRow("cec-stations", 2, null, null, null, null, null, null, null, null, Map.of()),
                    staging.rows(8, List.of("cec-stations")).get(0));
        });
    }

    @Test
    void figuresStagedARowEachMoveIntoBlocksInSequenceOrder() {
        inDatabase("jdbc:hsqldb:mem:figure-upgrade", jdbc -> {
            // the EPA_FIGURE of version b798f83
            jdbc.execute("CREATE CACHED TABLE EPA_FIGURE (RUN_KEY BIGINT NOT NULL, SEQ INT NOT NULL, SECT VARCHAR(30)"
                    + " NOT NULL, SOURCE_ID VARCHAR(100), REF_ID VARCHAR(100), LVL VARCHAR(20) NOT NULL, UNIT_ID"
                    + " VARCHAR(200), CANDIDATE_ID VARCHAR(100), METRIC VARCHAR(60) NOT NULL, VAL DOUBLE,"
                    + " PRIMARY KEY (RUN_KEY, SEQ))");
            for (int seq = 2499; seq >= 0; seq--) {
                jdbc.update("INSERT INTO EPA_FIGURE VALUES (7, ?, 'forensics', 'cec', NULL, 'district', ?, NULL, 'n', ?)",
                        seq, "d" + seq, seq == 5 ? null : seq / 4.0);
            }
            jdbc.update("INSERT INTO EPA_FIGURE VALUES (8, 0, 'accuracy', 'p', 'r', 'national', NULL, 'c', 'm', 1)");
            StagingRepository staging = new StagingRepository(jdbc);
            List<org.exitpollaudit.analysis.Figure> figures = staging.figures(7);
            assertEquals(2500, figures.size());
            for (int seq = 0; seq < 2500; seq++) {
                assertEquals(new org.exitpollaudit.analysis.Figure("forensics", "cec", null, "district", "d" + seq,
                        null, "n", seq == 5 ? null : seq / 4.0), figures.get(seq));
            }
            assertEquals(List.of(new org.exitpollaudit.analysis.Figure("accuracy", "p", "r", "national", null, "c",
                    "m", 1.0)), staging.figures(8));
            assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_NAME = 'EPA_FIGURE'", Integer.class), "the old table is gone");
        });
    }

    @Test
    void textColumnsOfEarlierVersionsAreWidenedKeepingTheirRows() {
        inDatabase("jdbc:hsqldb:mem:widen-text", jdbc -> widenedKeepingRows(jdbc, true));
    }

    /** The same on PostgreSQL, where a server is given (see PostgresProfileTest); skipped without one. */
    @Test
    void textColumnsAreWidenedOnPostgresqlToo() {
        String url = System.getenv("EPA_TEST_POSTGRES_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "no PostgreSQL server: set EPA_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("EPA_TEST_POSTGRES_USER", "epa");
        String db = "widen_" + Long.toHexString(System.nanoTime());
        inDatabase(url, user, admin -> admin.execute("CREATE DATABASE " + db));
        try {
            inDatabase(url.substring(0, url.lastIndexOf('/') + 1) + db, user, jdbc -> widenedKeepingRows(jdbc, false));
        } finally {
            inDatabase(url, user, admin -> admin.execute("DROP DATABASE " + db));
        }
    }

    private static void widenedKeepingRows(JdbcTemplate jdbc, boolean hsqldb) {
        // the tables of version 41cdb27: paths of 1,000 characters, messages of 8,000, unit ids of 200
        String cached = hsqldb ? "CREATE CACHED TABLE" : "CREATE TABLE";
        String dbl = hsqldb ? "DOUBLE" : "DOUBLE PRECISION";
        jdbc.execute("CREATE TABLE EPA_INPUT (RUN_KEY BIGINT NOT NULL, PATH VARCHAR(1000) NOT NULL,"
                + " BYTES BIGINT NOT NULL, SHA256 CHAR(64) NOT NULL, PRIMARY KEY (RUN_KEY, PATH))");
        jdbc.execute(cached + " EPA_ISSUE (RUN_KEY BIGINT NOT NULL, STAGE VARCHAR(20) NOT NULL,"
                + " SEVERITY VARCHAR(10) NOT NULL, CODE VARCHAR(60) NOT NULL, FILE_PATH VARCHAR(1000), LINE_NO INT,"
                + " COL VARCHAR(1000), MESSAGE VARCHAR(8000) NOT NULL)");
        jdbc.execute(cached + " EPA_FLAG (RUN_KEY BIGINT NOT NULL, SEQ INT NOT NULL, SOURCE_ID"
                + " VARCHAR(100) NOT NULL, FILE_PATH VARCHAR(1000), LINE_NO INT, DISTRICT_ID VARCHAR(200), STATION_ID"
                + " VARCHAR(200), REGISTERED " + dbl + ", TURNOUT " + dbl + ", LEADER " + dbl + ", REASONS"
                + " VARCHAR(4000) NOT NULL, PRIMARY KEY (RUN_KEY, SEQ))");
        jdbc.update("INSERT INTO EPA_INPUT VALUES (7, 'official/final.csv', 10, ?)", "0".repeat(64));
        jdbc.update("INSERT INTO EPA_ISSUE VALUES (7, 'ingest', 'ERROR', 'ROW_REJECTED', 'a.csv', 2, 'x', 'kept')");
        StagingRepository staging = new StagingRepository(jdbc);
        // what the old limits refused: a 5,000-character path, header and station id, a 20,000-character message
        String path = "d/".repeat(2500) + "f.csv";
        String header = "h".repeat(5000);
        String station = "s".repeat(5000);
        String message = "m".repeat(20_000);
        staging.replaceInputs(8, List.of(new InputFile(path, 1, "1".repeat(64))));
        staging.addIssues(8, "ingest", List.of(org.exitpollaudit.model.DataIssue.error(IssueCode.ROW_REJECTED, path, 3,
                header, message)));
        staging.replaceFlags(8, List.of(new org.exitpollaudit.analysis.StationFlag("src", path, 3, "d1", station,
                null, null, null, message)));
        assertEquals(path, staging.inputs(8).get(0).path());
        assertEquals(List.of(org.exitpollaudit.model.DataIssue.error(IssueCode.ROW_REJECTED, path, 3, header, message)),
                staging.issues(8));
        assertEquals(station, staging.flags(8).get(0).station());
        assertEquals("official/final.csv", staging.inputs(7).get(0).path(), "rows staged before are kept");
        assertEquals("kept", staging.issues(7).get(0).message());
    }

    /** An in-memory database of its own for one test, closed after it. */
    private static void inDatabase(String url, java.util.function.Consumer<JdbcTemplate> test) {
        inDatabase(url, "SA", test);
    }

    private static void inDatabase(String url, String user, java.util.function.Consumer<JdbcTemplate> test) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, user, "", true);
        try {
            test.accept(new JdbcTemplate(ds));
        } finally {
            ds.destroy();
        }
    }
}
