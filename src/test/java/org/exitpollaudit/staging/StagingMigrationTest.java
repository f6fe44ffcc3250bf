package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job repository written by the previous release (text columns with short limits, ingest issues without their
 * source) is widened when the job starts, keeping what an interrupted run staged so that it can be restarted.
 */
class StagingMigrationTest {

    @Test
    void textColumnsOfThePreviousReleaseAreWidenedKeepingTheirRows() {
        TestDatabases.hsqldb("widen-text", jdbc -> widenedKeepingRows(jdbc, true));
    }

    /** The same on PostgreSQL, where a server is given (see PostgresProfileTest); skipped without one. */
    @Test
    void textColumnsAreWidenedOnPostgresqlToo() {
        TestDatabases.postgresql("widen", jdbc -> widenedKeepingRows(jdbc, false));
    }

    @Test
    void blocksStagedBeforeTheRowCountsTableAreCountedOnceWhenItIsCreated() {
        TestDatabases.hsqldb("count-blocks", jdbc -> countedOnce(jdbc, true));
    }

    @Test
    void blocksStagedBeforeTheRowCountsTableAreCountedOnPostgresqlToo() {
        TestDatabases.postgresql("count_blocks", jdbc -> countedOnce(jdbc, false));
    }

    /** The row blocks of a run the previous release staged, without EPA_ROW_COUNT: counted as the table is made. */
    private static void countedOnce(JdbcTemplate jdbc, boolean hsqldb) {
        jdbc.execute((hsqldb ? "CREATE CACHED TABLE" : "CREATE TABLE") + " EPA_ROW_BLOCK (RUN_KEY BIGINT NOT NULL,"
                + " SOURCE_ID VARCHAR(100) NOT NULL, FIRST_LINE INT NOT NULL, ROW_COUNT INT NOT NULL, BODY "
                + (hsqldb ? "VARBINARY(16777216)" : "BYTEA") + " NOT NULL, PRIMARY KEY (RUN_KEY, SOURCE_ID, FIRST_LINE))");
        byte[] body = {0};
        jdbc.update("INSERT INTO EPA_ROW_BLOCK VALUES (7, 'final', 2, 3, ?), (7, 'final', 5, 4, ?),"
                + " (7, 'prelim', 2, 2, ?), (8, 'final', 2, 5, ?)", body, body, body, body);
        StagingRepository staging = new StagingRepository(jdbc);
        assertEquals(java.util.Map.of("final", 7, "prelim", 2), staging.rowCounts(7));
        assertEquals(java.util.Map.of("final", 5), staging.rowCounts(8));
        assertEquals(7, staging.blocks(7).rows("final"));
        // a later start finds the table and counts nothing again; blocks staged from then on are counted as staged
        new StagingRepository(jdbc);
        assertEquals(4, jdbc.queryForObject("SELECT COUNT(*) FROM EPA_ROW_COUNT", Integer.class));
        assertEquals(java.util.Map.of("final", 7, "prelim", 2), staging.rowCounts(7));
    }

    private static void widenedKeepingRows(JdbcTemplate jdbc, boolean hsqldb) {
        // the tables of the previous release: paths of 1,000 characters, messages of 8,000, unit ids of 200
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
        // what the previous release's limits refused: a 5,000-character path, header and station id, a 20,000-character
        // message
        String path = "d/".repeat(2500) + "f.csv";
        String header = "h".repeat(5000);
        String station = "s".repeat(5000);
        String message = "m".repeat(20_000);
        staging.replaceInputs(8, List.of(new InputFile(path, 1, "1".repeat(64))));
        staging.addIssues(8, "ingest", List.of(DataIssue.error(IssueCode.ROW_REJECTED, path, 3,
                header, message)));
        // flags of the previous release's table are no longer read: a run of that release is never resumed by this one
        // (the version is part of its fingerprint); this release's flags go to blocks beside it
        var flagWriter = staging.flagWriter(8);
        flagWriter.add(List.of(new org.exitpollaudit.analysis.StationFlag("src", path, 3, "d1", station,
                null, null, null, message)));
        flagWriter.finish();
        assertEquals(path, staging.inputs(8).get(0).path());
        assertEquals(List.of(DataIssue.error(IssueCode.ROW_REJECTED, path, 3, header, message)),
                staging.issues(8));
        List<org.exitpollaudit.analysis.StationFlag> flags = new java.util.ArrayList<>();
        staging.forEachFlag(8, flags::add);
        assertEquals(station, flags.get(0).station());
        assertEquals("official/final.csv", staging.inputs(7).get(0).path(), "rows staged before are kept");
        assertEquals("kept", staging.issues(7).get(0).message());
        // the previous release's issues have no source (its table gets the column): a restage of a source of their
        // file deletes them as it did, and keeps another source's
        staging.addIssues(7, StagingRepository.INGEST, "other", List.of(DataIssue.error(IssueCode.ROW_REJECTED,
                "a.csv", 5, "y", "another source's")));
        staging.deleteStaged(7, "src", "a.csv");
        assertEquals(List.of("another source's"), staging.issues(7).stream().map(DataIssue::message).toList());
    }
}
