package org.exitpollaudit.model;

/**
 * Exit codes a scheduler can act on. Each says what to do next: 0 nothing, 1 run again, 2 fix the package or the
 * options, 3 wait, 4 read the report's data issues (the report is there), 5 run again to resume, 6 fix the output
 * folder (permissions, space).
 */
public final class ExitCodes {

    /** The report was written, or the inputs are unchanged since the last complete report. */
    public static final int OK = 0;
    /**
     * The run failed for a reason other than its input or the output folder (a database or network failure, a bug);
     * the message says why. Running the same command again restarts it from the failed step.
     */
    public static final int FAILED = 1;
    /** The input package or the options are unusable; the message names file, line and column. Nothing was written. */
    public static final int BAD_INPUT = 2;
    /** Another run holds the output folder. */
    public static final int ALREADY_RUNNING = 3;
    /**
     * The report was written, but a source was left out of the comparison (a poll whose rows were all rejected, a
     * poll that shares fewer than two candidates with a release): the report answers a narrower question than the
     * package asks. Rejected rows alone do not give this code.
     */
    public static final int SOURCE_LEFT_OUT = 4;
    /** Interrupted (Ctrl-C, SIGTERM) before the end; the same command resumes where it stopped. */
    public static final int INTERRUPTED = 5;
    /** The output folder cannot be written: no permission, a read-only file system, or no space left. */
    public static final int CANNOT_WRITE = 6;

    private ExitCodes() {
    }
}
