package org.exitpollaudit.ops;

import java.io.PrintStream;

/**
 * Ctrl-C and SIGTERM during a launch that is meant to end by itself (run, verify, history): one plain line and
 * exit code {@link ExitCodes#INTERRUPTED}. Without this the JVM's shutdown would close Spring's context under the
 * running job — its database connections first — and the job would die printing "Could not open JDBC Connection"
 * before the JVM exits with 143, a code nobody documented. Instead the process stops at once, as after
 * {@code kill -9}: the job repository and the staging tables are left as the last committed chunk left them, the
 * run lock goes with the process, and the next launch recovers the execution and resumes it (see AuditRunner).
 * A report is never half-published: it is written in a hidden folder and moved into place in one step.
 * <p>
 * The {@code schedule} and {@code worker} commands are stopped by SIGTERM by design; they keep Spring's orderly
 * shutdown and do not install this.
 */
public final class Interrupts {

    private static volatile boolean finished;
    private static volatile boolean watching;

    private Interrupts() {
    }

    /** Watches this process until {@link #finished()}; the launcher must not register Spring's shutdown hook. */
    public static synchronized void install(PrintStream err) {
        if (watching) {
            return;
        }
        watching = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                err.println("interrupted; run again to resume (the same command resumes where this run stopped)");
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
        }, "interrupted"));
    }

    /** Whether this process is watched (then Spring must not register its own shutdown hook). */
    public static boolean watching() {
        return watching;
    }

    /** The launch is over: a shutdown from now on is the process's normal exit. */
    public static void finished() {
        finished = true;
    }
}
