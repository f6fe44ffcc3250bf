package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVRecord;
import org.exitpollaudit.EndToEndTest;
import org.exitpollaudit.ExitPollAuditApplication;
import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.ingest.FileRanges;
import org.exitpollaudit.testing.Launcher;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres profile: the job repository and staging on a PostgreSQL server give the same report as the
 * embedded HSQLDB, byte for byte, and the nightly and auditor commands work on it. Needs a server:
 * {@code .ci/run} starts one ({@code .ci/postgres}) and passes its address in EPA_TEST_POSTGRES_URL (and
 * EPA_TEST_POSTGRES_USER); without it the tests are skipped. Each test uses a database of its own.
 */
class PostgresProfileTest {

    private static final String URL = System.getenv("EPA_TEST_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("EPA_TEST_POSTGRES_USER", "epa");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path pkg;
    private static Path embedded;

    /** The package both tests run, and its report made on the embedded database. */
    @BeforeAll
    static void reference() throws Exception {
        assumeTrue(URL != null, "no PostgreSQL server: set EPA_TEST_POSTGRES_URL (.ci/run does)");
        // 3,000 stations in 30 districts, a final and two partial station releases, five exit polls with a
        // station file each: every staging table and an ingest of many files are exercised
        pkg = shared.resolve("synthetic");
        SyntheticPackage.write(new SyntheticPackage.Spec(11, 3000, 30, 12, 5, 300, 30), pkg);
        embedded = shared.resolve("embedded");
        assertEquals(0, TestPackages.capture(() -> ExitPollAuditApplication.run("--input=" + pkg,
                "--output=" + embedded)).code());
    }

    @Test
    void aStationLevelPackageGivesTheSameReportOnPostgresqlAsOnTheEmbeddedDatabase() throws Exception {
        String dbUrl = createDatabase();
        try {
            // the station files (about 150 KB each) cut into ranges of at least 40 KB, staged side by side
            Map<String, String> env = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "EPA_DB_URL", dbUrl,
                    "EPA_DB_USER", USER, "EPA_INGEST_RANGE_BYTES", "40000");
            Path out = tmp.resolve("postgres");
            String first = run(env, "--input=" + pkg, "--output=" + out, "--verbose");
            assertTrue(first.contains("Report written to"), first);
            assertTrue(java.util.regex.Pattern.compile("step ingestFile:\\S+#\\d+ completed").matcher(first).find(),
                    "a file staged in ranges:\n" + first);
            // every row of every results file staged once (the ingest step's count of rows read and staged)
            java.util.regex.Matcher ingest = java.util.regex.Pattern.compile(
                    "step ingest completed in \\d+ ms \\(read (\\d+), written (\\d+)").matcher(first);
            assertTrue(ingest.find(), first);
            assertEquals(dataRows(), Long.parseLong(ingest.group(2)), "every row of every results file staged once");
            Path report = out.resolve("synthetic-3000/latest");
            assertArrayEquals(Files.readAllBytes(embedded.resolve("synthetic-3000/latest/figures.csv")),
                    Files.readAllBytes(report.resolve("figures.csv")), "figures.csv identical on both databases");
            assertArrayEquals(Files.readAllBytes(embedded.resolve("synthetic-3000/latest/data-issues.csv")),
                    Files.readAllBytes(report.resolve("data-issues.csv")));

            // what was staged is in PostgreSQL, not in an HSQLDB file under the output folder: the run's inputs stay;
            // its row blocks, dropped when it completed (a row staged twice or not at all would have changed the
            // figures or the data issues compared above)
            try (Connection c = DriverManager.getConnection(dbUrl, USER, System.getenv("EPA_TEST_POSTGRES_PASSWORD"));
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM EPA_INPUT")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, "the run's inputs are recorded in PostgreSQL");
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM EPA_ROW_BLOCK")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "the completed run's row blocks dropped");
                }
            }
            assertTrue(!Files.exists(out.resolve(".state/db")), "no embedded database beside the report");

            String again = run(env, "--input=" + pkg, "--output=" + out);
            assertTrue(again.contains("Inputs unchanged since run"), again);
            String history = run(env, "history", "--output=" + out);
            assertTrue(history.contains("COMPLETED") && history.contains(report.toRealPath().toString()), history);
            String verify = run(env, "verify", report.toString());
            assertTrue(verify.contains("VERIFIED: all"), verify);
        } finally {
            dropDatabase(dbUrl);
        }
    }

    /**
     * Remote partitioning: the launching JVM sends the ingest partitions (one per results file, or per range of the
     * station files, cut small here) through the database and runs none itself; two worker JVMs stage them, each
     * exactly once, and the report is the one the embedded database gives.
     */
    @Test
    void twoWorkerJvmsStageTheFilesOfARunLaunchedElsewhere() throws Exception {
        String dbUrl = createDatabase();
        Map<String, String> env = Map.of("SPRING_PROFILES_ACTIVE", "postgres,remote", "EPA_DB_URL", dbUrl,
                "EPA_DB_USER", USER, "EPA_WORKER_THREADS", "1", "EPA_INGEST_RANGE_BYTES", "40000");
        try (Launcher w1 = Launcher.start(env, "worker"); Launcher w2 = Launcher.start(env, "worker")) {
            w1.await(l -> l.startsWith("Worker: 1 threads"), 120);
            w2.await(l -> l.startsWith("Worker: 1 threads"), 120);
            Map<String, String> manager = new java.util.HashMap<>(env);
            manager.put("EPA_REMOTE_WORKERS", "0");
            Path out = tmp.resolve("remote");
            String run = run(manager, "--input=" + pkg, "--output=" + out, "--verbose");
            assertTrue(!run.contains("step ingestFile:"), "the launching JVM staged no file itself:\n" + run);
            assertArrayEquals(Files.readAllBytes(embedded.resolve("synthetic-3000/latest/figures.csv")),
                    Files.readAllBytes(out.resolve("synthetic-3000/latest/figures.csv")));

            List<String> staged = new ArrayList<>();
            for (Launcher w : List.of(w1, w2)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("step ingestFile:(\\S+) completed")
                        .matcher(w.output());
                while (m.find()) {
                    staged.add(m.group(1));
                }
            }
            // a partition per file, or per range of a file that is cut (numbered)
            List<String> files = new ArrayList<>();
            for (CSVRecord s : resultsSources()) {
                List<FileRanges.Range> ranges = FileRanges.split(pkg.resolve(s.get("file")), 40000).ranges();
                if (ranges.isEmpty()) {
                    files.add(s.get("source_id"));
                }
                for (int k = 1; k <= ranges.size(); k++) {
                    files.add(s.get("source_id") + "#" + k);
                }
            }
            assertTrue(files.stream().anyMatch(f -> f.contains("#")), "files cut into ranges: " + files);
            Collections.sort(staged);
            Collections.sort(files);
            assertEquals(files, staged, "each results file or range of one staged once, by the workers");
        } finally {
            dropDatabase(dbUrl);
        }
    }

    /** A database of its own for one test, on the server of EPA_TEST_POSTGRES_URL; returns its address. */
    private static String createDatabase() throws Exception {
        String db = "epa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("EPA_TEST_POSTGRES_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return URL.substring(0, URL.lastIndexOf('/') + 1) + db;
    }

    private static void dropDatabase(String dbUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("EPA_TEST_POSTGRES_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + dbUrl.substring(dbUrl.lastIndexOf('/') + 1) + " WITH (FORCE)");
        }
    }

    /** The package's sources that are staged: all but respondent-level files. */
    private static List<CSVRecord> resultsSources() throws Exception {
        return EndToEndTest.records(pkg.resolve("sources.csv")).stream()
                .filter(s -> !s.get("level").equals("respondent")).toList();
    }

    /** Data rows of the package's results files, counted from the files themselves. */
    private static long dataRows() throws Exception {
        long rows = 0;
        for (CSVRecord s : resultsSources()) {
            rows += EndToEndTest.records(pkg.resolve(s.get("file"))).size();
        }
        assertTrue(rows > 3000, "the package has station files: " + rows);
        return rows;
    }

    /** A launch in a process of its own with the given environment; fails unless it exits 0. */
    private static String run(Map<String, String> env, String... args) throws Exception {
        try (Launcher l = Launcher.start(env, args)) {
            int code = l.waitFor(300);
            assertEquals(0, code, l.output());
            return l.output();
        }
    }
}
