package org.exitpollaudit.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.AppVersion;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;

/**
 * Identifies a run by what it read: the SHA-256 of every input of the package (path, size, hash, in path
 * order) together with the analysis parameters and the application version. Same inputs, same fingerprint;
 * a changed byte in an input, a new input, or another parameter gives a new one.
 *
 * <p>The inputs are the documented manifest files and the files sources.csv names ({@link PackageFiles#inputs}):
 * nothing else in the folder is read or hashed, so a .git folder, an output folder inside the package, a README
 * or a link nothing names cannot make a new run. An input that is a link leading out of the package or not a
 * regular file is not read here either (a named pipe would block); validation refuses it.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /** Hashes started ahead of the launch, by package folder; each is taken once. */
    private static final Map<Path, CompletableFuture<List<InputFile>>> AHEAD = new ConcurrentHashMap<>();

    /**
     * Starts hashing the package's inputs on a background thread, for {@link #atLaunch}: the process's own launch
     * calls this before the application starts, so that reading a large package (about 0.3 s for 130 MB) overlaps
     * the framework's start-up on another core. A file that changes after this read gives a fingerprint the
     * validate step's own reading no longer matches: the run then stops with INPUT_CHANGED, as for any file that
     * changes between launch and validation.
     */
    public static void hashAhead(Path root) {
        Path r = root.toAbsolutePath().normalize();
        AHEAD.computeIfAbsent(r, k -> CompletableFuture.supplyAsync(() -> files(k), runnable -> {
            Thread t = new Thread(runnable, "input-hash");
            t.setDaemon(true);
            t.start();
        }));
    }

    /** The inputs as {@link #files(Path)} gives them, taking what {@link #hashAhead} read if it did. */
    public static List<InputFile> atLaunch(Path root) {
        CompletableFuture<List<InputFile>> ahead = AHEAD.remove(root.toAbsolutePath().normalize());
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (RuntimeException e) {
                // read again below, where a problem is reported as it would be without the head start
            }
        }
        return files(root);
    }

    /** The package's inputs that can be read, path-sorted, with size and SHA-256. */
    public static List<InputFile> files(Path root) {
        return files(root, input -> true);
    }

    /** Those of the package's inputs whose relative path {@code which} accepts. */
    public static List<InputFile> files(Path root, java.util.function.Predicate<String> which) {
        Path r = root.toAbsolutePath().normalize();
        List<InputFile> out = new ArrayList<>();
        for (String input : PackageFiles.inputs(r)) {
            Path p = r.resolve(input);
            if (which.test(input) && Files.isRegularFile(p) && PackageFiles.refusal(r, input) == null) {
                out.add(file(p, input));
            }
        }
        return out;
    }

    /** The code as an input: another version or commit is a new run, never "unchanged". */
    public static String codeVersion() {
        AppVersion v = AppVersion.current();
        return v.version() + "@" + v.commit() + (v.dirty() ? "+dirty" : "");
    }

    /**
     * Before a report is published: the inputs that later steps read again (the manifest and the national files) must
     * still be those recorded at the run's start. District, station and respondent files are left out: each was hashed
     * as it was read, so they are not read a third time.
     *
     * @param recorded the inputs as the validate step recorded them
     * @throws InputChangedException with one issue per file changed, gone or new
     */
    public static void requireUnchangedSinceRead(Path input, ElectionPackage pkg, List<InputFile> recorded) {
        Set<String> hashedWhenRead = pkg.sources().stream().filter(s -> s.level() != Source.Level.NATIONAL)
                .map(Source::file).collect(Collectors.toSet());
        java.util.function.Predicate<String> recheck = path -> !hashedWhenRead.contains(path);
        List<DataIssue> changed = changes(recorded.stream().filter(f -> recheck.test(f.path())).toList(),
                files(input, recheck));
        if (!changed.isEmpty()) {
            throw new InputChangedException(changed);
        }
    }

    /**
     * How the package's inputs now differ from those recorded at the start of a run, one issue per file: changed,
     * gone or new. Empty when they are the same.
     */
    public static List<DataIssue> changes(List<InputFile> recorded, List<InputFile> now) {
        Map<String, InputFile> present = new LinkedHashMap<>();
        now.forEach(f -> present.put(f.path(), f));
        List<DataIssue> out = new ArrayList<>();
        for (InputFile f : recorded) {
            InputFile p = present.remove(f.path());
            String change = p == null ? "is gone" : p.sha256().equals(f.sha256()) ? null
                    : "has changed (now " + p.bytes() + " bytes, SHA-256 " + p.sha256().substring(0, 12) + "…; at the start "
                            + f.bytes() + " bytes, " + f.sha256().substring(0, 12) + "…)";
            if (change != null) {
                out.add(DataIssue.fatal(IssueCode.INPUT_CHANGED, f.path(), null, null, "the file " + change + " since the run"
                        + " started: nothing is published for this run; run again once the package is complete"));
            }
        }
        present.keySet().forEach(extra -> out.add(DataIssue.fatal(IssueCode.INPUT_CHANGED, extra, null, null, "the file is new"
                + " since the run started: nothing is published for this run; run again once the package is complete")));
        return out;
    }

    /**
     * The fingerprint of these inputs with these parameters (name → value, in any order) and this code version. The
     * job computes a run's parameters from its {@code AnalysisParameters} ({@code RunContext.fingerprint}).
     */
    public static String of(List<InputFile> files, Map<String, String> parameters, String version) {
        // the format's number goes up whenever what a run stages changes shape (v2: flagged stations in blocks), so
        // that a build without git information ("@unknown") or with uncommitted changes ("+dirty"), whose version
        // string stays the same, never resumes a run staged in another shape
        StringBuilder b = new StringBuilder("exit-poll-audit inputs v2\n");
        files.forEach(f -> b.append(f.path()).append('\0').append(f.bytes()).append('\0').append(f.sha256()).append('\n'));
        new java.util.TreeMap<>(parameters).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        b.append("version=").append(version).append('\n');
        return hex(newSha256().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256(Path file) {
        return file(file, file.toString()).sha256();
    }

    /** Size and SHA-256 of the same bytes, read once (a size taken apart could belong to another version). */
    private static InputFile file(Path file, String name) {
        try (HashingInputStream in = new HashingInputStream(Files.newInputStream(file))) {
            Table.Content read = in.finish();
            return new InputFile(name, read.bytes(), read.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new SHA-256 digest (every JDK has one). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
