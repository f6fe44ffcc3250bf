package org.exitpollaudit.staging;

import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Throwaway databases for the staging's tests: an in-memory HSQLDB, and PostgreSQL where a server is given. */
final class TestDatabases {

    private TestDatabases() {
    }

    /** An in-memory HSQLDB database of its own for one test, closed after it. */
    static void hsqldb(String name, Consumer<JdbcTemplate> test) {
        inDatabase("jdbc:hsqldb:mem:" + name + "-" + Long.toHexString(System.nanoTime()), "SA", test);
    }

    /**
     * A PostgreSQL database of its own for one test, created on the server {@code EPA_TEST_POSTGRES_URL} names (see
     * PostgresProfileTest; .ci/run starts one) and dropped after it; the test is skipped without a server.
     */
    static void postgresql(String name, Consumer<JdbcTemplate> test) {
        String url = System.getenv("EPA_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(url != null, "no PostgreSQL server: set EPA_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("EPA_TEST_POSTGRES_USER", "epa");
        String db = name + "_" + Long.toHexString(System.nanoTime());
        inDatabase(url, user, admin -> admin.execute("CREATE DATABASE " + db));
        try {
            inDatabase(url.substring(0, url.lastIndexOf('/') + 1) + db, user, test);
        } finally {
            inDatabase(url, user, admin -> admin.execute("DROP DATABASE " + db));
        }
    }

    private static void inDatabase(String url, String user, Consumer<JdbcTemplate> test) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, user,
                System.getenv().getOrDefault("EPA_TEST_POSTGRES_PASSWORD", ""), true);
        try {
            test.accept(new JdbcTemplate(ds));
        } finally {
            ds.destroy();
        }
    }
}
