package org.exitpollaudit.report;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a throw-away workbook ({@link WorkbookReport#warmUp}: styles, a thousand rows, each kind of chart, a streamed
 * sheet) on a background thread while the application starts, once per process. The first workbook of a process
 * costs about half a second of class loading, initialisation and compilation (POI, XMLBeans' schema types, the chart
 * model) whatever its size; Spring's start-up runs on one core meanwhile, so on a machine
 * with two or more the cost is paid in parallel instead of inside the validate step (XLSX inputs) and the report
 * step. Nothing of it is kept or written; a failure here only means the real workbook pays the cost itself.
 */
public final class Warmup {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {
    }

    /** Starts the warm-up once per process, on a daemon thread (it never delays the exit). */
    public static void start() {
        if (Runtime.getRuntime().availableProcessors() < 2 || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warmup::run, "workbook-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            WorkbookReport.warmUp();
        } catch (Exception | LinkageError e) {
            // only a warm-up: the report makes the real workbook and reports its own failures
        }
    }
}
