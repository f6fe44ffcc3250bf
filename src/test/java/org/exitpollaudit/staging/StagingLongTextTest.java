package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Text that comes from the package has no short limit in the staging tables (staging/schema-*.sql): a package with a
 * 5,000-character path, header or station id, or a reason of 20,000 characters built from them, is staged and read
 * back whole, not stopped by the database with an internal error.
 */
class StagingLongTextTest {

    @Test
    void longTextFromThePackageIsStagedWhole() {
        TestDatabases.hsqldb("long-text", StagingLongTextTest::stagedWhole);
    }

    /** The same on PostgreSQL, where a server is given (see PostgresProfileTest); skipped without one. */
    @Test
    void longTextIsStagedWholeOnPostgresqlToo() {
        TestDatabases.postgresql("long_text", StagingLongTextTest::stagedWhole);
    }

    private static void stagedWhole(JdbcTemplate jdbc) {
        StagingRepository staging = new StagingRepository(jdbc);
        String path = "d/".repeat(2500) + "f.csv";
        String header = "h".repeat(5000);
        String station = "s".repeat(5000);
        String message = "m".repeat(20_000);
        staging.replaceInputs(8, List.of(new InputFile(path, 1, "1".repeat(64))));
        staging.addIssues(8, StagingRepository.INGEST, List.of(DataIssue.error(IssueCode.ROW_REJECTED, path, 3,
                header, message)));
        var flagWriter = staging.flagWriter(8);
        flagWriter.add(List.of(new StationFlag("src", path, 3, "d1", station, null, null, null, message)));
        flagWriter.finish();
        assertEquals(path, staging.inputs(8).get(0).path());
        assertEquals(List.of(DataIssue.error(IssueCode.ROW_REJECTED, path, 3, header, message)),
                staging.issues(8));
        List<StationFlag> flags = new ArrayList<>();
        staging.forEachFlag(8, flags::add);
        assertEquals(station, flags.get(0).station());
        assertEquals(message, flags.get(0).reasons());
    }
}
