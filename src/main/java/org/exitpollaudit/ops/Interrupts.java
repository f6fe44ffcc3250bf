package org.exitpollaudit.ops;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.exitpollaudit.model.ExitCodes;

/**
 * Ctrl-C and SIGTERM. During a launch that is meant to end by itself (run, verify, history): one plain line and
 * exit code {@link ExitCodes#INTERRUPTED}. Without this the JVM's shutdown would close Spring's context under the
 * running job — its database connections first — and the job would die printing "Could not open JDBC Connection"
 * before the JVM exits with 143, a code nobody documented. Instead the process stops at once, as after
 * {@code kill -9}: the job repository and the staging tables are left as the last committed chunk left them, the
 * run lock goes with the process, and the next launch recovers the execution and resumes it (see AuditRunner).
 * A report is never half-published: it is written in a hidden folder and moved into place in one step.
 * <p>
 * The {@code schedule} and {@code worker} commands are stopped by SIGTERM or Ctrl-C by design: they keep Spring's
 * orderly shutdown, and once it has let the launch return, the process ends with the launch's own exit code (0)
 * rather than the JVM's 143 or 130.
 */
public final class Interrupts {

    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static volatile int exitCode = ExitCodes.OK;
    private static volatile boolean watching;

    private Interrupts() {
    }

    /** Watches this process until {@link #finished}; the launcher must not register Spring's shutdown hook. */
    public static synchronized void install(PrintStream err) {
        if (watching) {
            return;
        }
        watching = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (FINISHED.getCount() > 0) {
                err.println("interrupted; run again to resume (the same command resumes where this run stopped)");
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
        }, "interrupted"));
    }

    /** For schedule and worker: a stop signal ends the process with the launch's exit code once it has returned. */
    public static void installForService(PrintStream out) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (FINISHED.await(60, TimeUnit.SECONDS)) {
                    out.println("stopped");
                    out.flush();
                    Runtime.getRuntime().halt(exitCode);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stopped"));
    }

    /** Whether this process is watched (then Spring must not register its own shutdown hook). */
    public static boolean watching() {
        return watching;
    }

    /** The launch is over with {@code code}: a shutdown from now on is the process's normal exit. */
    public static void finished(int code) {
        exitCode = code;
        FINISHED.countDown();
    }
}
