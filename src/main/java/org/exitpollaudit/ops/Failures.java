package org.exitpollaudit.ops;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

import org.exitpollaudit.model.ExitCodes;

/**
 * Names in words the failures a person can do something about, with the exit code that tells a scheduler which
 * kind it was. A failure deep in the job reaches the launcher wrapped several times (a JDBC exception around
 * HSQLDB's around the operating system's), so the whole chain of causes is searched; the operating system's own
 * wording ("No space left on device", "Read-only file system", "Permission denied") is what identifies it even
 * where a library kept only the message.
 */
public final class Failures {

    /** What to print and the exit code to return. */
    public record Outcome(int code, String message) {
    }

    private Failures() {
    }

    /**
     * @param input  the package folder (a failure to read there is the package's), or {@code null}
     * @param output the output folder of the run (where a write failure most likely happened)
     * @return the failure in words, or {@code null} when it is none of the kinds named here
     */
    public static Outcome classify(Throwable failure, Path input, Path output) {
        Path file = null;
        boolean noSpace = false;
        boolean readOnly = false;
        boolean denied = false;
        boolean memory = false;
        boolean databaseFull = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof FileSystemException fs) {
                file = file != null ? file : path(fs.getFile());
                m += " " + String.valueOf(fs.getReason()).toLowerCase(Locale.ROOT);
            }
            noSpace |= m.contains("no space left on device") || m.contains("disk quota exceeded");
            // HSQLDB's words when its data file cannot be extended: on a full disk, or past its size limit (64 GB)
            databaseFull |= m.contains("data file size limit is reached");
            readOnly |= m.contains("read-only file system");
            denied |= t instanceof AccessDeniedException || m.contains("permission denied");
            memory |= t instanceof OutOfMemoryError;
        }
        Path where = file != null ? file : output;
        String resume = " then run the same command again; it resumes where it stopped.";
        if (noSpace) {
            return new Outcome(ExitCodes.CANNOT_WRITE, "no space left on device while writing " + where
                    + ". Free space there (or choose another --output),"  + resume);
        }
        if (databaseFull) {
            return new Outcome(ExitCodes.CANNOT_WRITE, "the job's database (" + (output == null ? ".state"
                    : output.resolve(".state")) + ") cannot grow: no space left on device, or its size limit reached."
                    + " Free space there (or choose another --output)," + resume);
        }
        if (readOnly || denied) {
            if (file != null && input != null && file.toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize())) {
                return new Outcome(ExitCodes.BAD_INPUT, "cannot read " + file + ": permission denied. Make the"
                        + " package readable by this user and run again.");
            }
            return new Outcome(ExitCodes.CANNOT_WRITE, (readOnly ? "the output folder is on a read-only file system"
                    : "permission denied") + " while writing " + where + ". Make " + output + " writable by this"
                    + " user (or choose another --output),"  + resume);
        }
        if (memory) {
            return new Outcome(ExitCodes.FAILED, "out of memory (Java heap). Give the job more with -Xmx (for example"
                    + " java -Xmx4g -jar target/exit-poll-audit.jar …) and run the same command again; it resumes"
                    + " where it stopped.");
        }
        return null;
    }

    private static Path path(String file) {
        try {
            return file == null ? null : Path.of(file);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
