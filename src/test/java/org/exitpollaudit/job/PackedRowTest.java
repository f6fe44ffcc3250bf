package org.exitpollaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class PackedRowTest {

    @Test
    void aStagedRowComesBackWithEveryNumberAndNull() {
        Map<String, Double> votes = new LinkedHashMap<>();
        votes.put("putin", 339.0);
        votes.put("davankov", 7.0);
        ResultRow row = new ResultRow("cec-stations", 3, "r01", "УИК №554", 526.0, 386.0, 1.0, 385.0, 73.384,
                null, votes);
        String packed = StagingRepository.pack(row);
        assertEquals("526,386,1,385,73.384,,\u001dputin\u001f339\u001edavankov\u001f7", packed);
        ResultRow back = StagingRepository.unpack("cec-stations", 3, "r01", "УИК №554", packed,
                new CandidateValues.Decoder());
        assertEquals(row, back);
        assertNull(back.other());
    }

    @Test
    void rowsStagedByTheColumnPerTotalLayoutAreReadAfterTheUpgrade() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:hsqldb:mem:packed-upgrade", "SA", "", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // the EPA_ROW of version 90e6993: a column per total, candidate values alone in VALS
            jdbc.execute("CREATE CACHED TABLE EPA_ROW (RUN_KEY BIGINT NOT NULL, SOURCE_ID VARCHAR(100) NOT NULL,"
                    + " LINE_NO INT NOT NULL, DISTRICT_ID VARCHAR(200), STATION_ID VARCHAR(200), REGISTERED DOUBLE,"
                    + " BALLOTS_CAST DOUBLE, INVALID_VALUE DOUBLE, VALID DOUBLE, TURNOUT_PCT DOUBLE, OTHER_VALUE DOUBLE,"
                    + " VALS VARCHAR(65536), PRIMARY KEY (RUN_KEY, SOURCE_ID, LINE_NO))");
            jdbc.update("INSERT INTO EPA_ROW VALUES (7, 'cec-stations', 3, 'r01', 'УИК №554', 526, 386, 1, 385, 73.384,"
                    + " NULL, 'putin\u001f339\u001edavankov\u001f7')");
            StagingRepository staging = new StagingRepository(jdbc);
            ResultRow back = staging.rows(7, List.of("cec-stations")).get(0);
            assertEquals(new ResultRow("cec-stations", 3, "r01", "УИК №554", 526.0, 386.0, 1.0, 385.0, 73.384, null,
                    Map.of("putin", 339.0, "davankov", 7.0)), back);
            assertEquals(List.of("putin", "davankov"), List.copyOf(back.candidates().keySet()));
        } finally {
            ds.destroy();
        }
    }
}
