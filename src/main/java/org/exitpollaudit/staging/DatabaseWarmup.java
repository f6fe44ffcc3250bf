package org.exitpollaudit.staging;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens, uses and drops a private in-memory HSQLDB database on a background thread while the application starts.
 * Opening the job's embedded database is one of the slowest steps of start-up, mostly the loading and initialisation
 * of HSQLDB's own classes on first use; done here first, on a spare core, it leaves the real opening little to do.
 * The in-memory database shares nothing with the job's (its own name, dropped at the end); a failure here only means
 * the real opening pays the cost itself.
 */
public final class DatabaseWarmup {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DatabaseWarmup() {
    }

    /** Starts the warm-up once per process, on a daemon thread (it never delays the exit). */
    public static void start() {
        if (Runtime.getRuntime().availableProcessors() < 2 || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(DatabaseWarmup::run, "database-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:mem:epa-warmup-" + ProcessHandle.current().pid(),
                "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE CACHED TABLE WARM (K BIGINT NOT NULL, V VARBINARY(1000), PRIMARY KEY (K))");
            s.execute("INSERT INTO WARM VALUES (1, X'00')");
            try (ResultSet r = s.executeQuery("SELECT K, V FROM WARM WHERE K = 1")) {
                r.next();
            }
            s.execute("SHUTDOWN");
        } catch (Exception | LinkageError e) {
            // only a warm-up: the job opens its own database and reports its own failures
        }
    }
}
