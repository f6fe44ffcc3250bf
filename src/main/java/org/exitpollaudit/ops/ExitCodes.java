package org.exitpollaudit.ops;

/** Exit codes a scheduler can act on. */
public final class ExitCodes {

    /** The report was written, or the inputs are unchanged since the last complete report. */
    public static final int OK = 0;
    /** The run failed for a reason other than its input; the log says why. Re-running restarts it. */
    public static final int FAILED = 1;
    /** The input package or the options are unusable; the message names file, line and column. */
    public static final int BAD_INPUT = 2;
    /** Another run holds the output folder. */
    public static final int ALREADY_RUNNING = 3;

    private ExitCodes() {
    }
}
