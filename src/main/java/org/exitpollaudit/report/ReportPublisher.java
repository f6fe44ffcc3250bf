package org.exitpollaudit.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

import org.exitpollaudit.ingest.InputFingerprint;

/**
 * Writes a report folder completely in a hidden temporary folder beside its destination, then moves it into
 * place in one step; only then is {@code latest} pointed at it. An analyst never finds a half-written workbook
 * where a finished one belongs, and a failed run leaves the previous reports as they were.
 */
public final class ReportPublisher {

    public static final String WORKBOOK = "exit-poll-audit.xlsx";
    public static final String FIGURES = "figures.csv";
    public static final String ISSUES = "data-issues.csv";
    public static final String STATIONS = "stations-flagged.csv";
    public static final String MANIFEST = "manifest.json";
    public static final String LATEST = "latest";

    private ReportPublisher() {
    }

    /** The folder a run's report goes to: {@code <output>/<election id>/<first 12 hex digits of the fingerprint>}. */
    public static Path reportDir(Path output, String electionId, String fingerprint) {
        return output.resolve(electionId).resolve(fingerprint.substring(0, 12));
    }

    /** A published report: its folder, and what the console's answer takes from its figures. */
    public record Published(Path dir, PollAnswers answers) {
    }

    public static Published publish(ReportData data, Path output) throws IOException {
        Path target = reportDir(output, data.pkg().election().id(), data.fingerprint());
        Files.createDirectories(target.getParent());
        removeLeftovers(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), ".writing-");
        PollAnswers answers = new PollAnswers(data.pkg().finalRelease().id());
        try {
            // the CSV files do not depend on the workbook: written beside it, on a second core where there is one;
            // figures.csv is the large one (58 MB at a million stations), hashed as it is written, not read back
            FutureTask<String> csv = new FutureTask<>(() -> {
                String sha = CsvExports.figures(data.allFigures(), tmp.resolve(FIGURES), answers);
                CsvExports.issues(data.issues(), tmp.resolve(ISSUES));
                CsvExports.stations(data.flags(), tmp.resolve(STATIONS));
                return sha;
            });
            Thread csvWriter = new Thread(csv, "report-csv");
            csvWriter.setDaemon(true);
            csvWriter.start();
            try {
                WorkbookReport.write(data, tmp.resolve(WORKBOOK));
            } finally {
                // never leave it writing into a folder that is about to be deleted or published
                joinUninterruptibly(csvWriter);
            }
            String figures = result(csv);
            Map<String, String> outputs = new LinkedHashMap<>();
            for (String name : new String[] {WORKBOOK, FIGURES, ISSUES, STATIONS}) {
                outputs.put(name, name.equals(FIGURES) ? figures : InputFingerprint.sha256(tmp.resolve(name)));
            }
            Manifest.write(data, outputs, tmp.resolve(MANIFEST));
            if (Files.exists(target)) {
                // an earlier attempt of this same run got this far; its folder is replaced whole
                Path old = Files.createTempDirectory(target.getParent(), ".replaced-");
                Files.move(target, old.resolve("report"), StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
            readableByAll(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        pointLatest(target);
        return new Published(target, answers);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The finished task's result, its failure thrown as it was thrown. */
    private static <T> T result(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the report's CSV files were written");
        }
    }

    /** Replaces the {@code latest} link beside the report by one to it, atomically (rename over the old link). */
    static void pointLatest(Path target) throws IOException {
        Path latest = target.getParent().resolve(LATEST);
        Path link = target.getParent().resolve(".latest-" + ProcessHandle.current().pid());
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target.getFileName());
            Files.move(link, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (UnsupportedOperationException | FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(link);
            Files.writeString(target.getParent().resolve(LATEST + ".txt"), target.getFileName() + "\n");
        }
    }

    /**
     * Half-written folders of a run that was killed while publishing. The caller holds the output folder's run lock,
     * so no other process can be writing them.
     */
    private static void removeLeftovers(Path electionDir) throws IOException {
        try (Stream<Path> children = Files.list(electionDir)) {
            for (Path p : children.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".writing-") || name.startsWith(".replaced-") || name.startsWith(".latest-")) {
                    if (Files.isSymbolicLink(p)) {
                        Files.delete(p);
                    } else {
                        deleteTree(p);
                    }
                }
            }
        }
    }

    /** Temporary folders are created owner-only; a published report is as readable as any other output. */
    private static void readableByAll(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
