package org.exitpollaudit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.exitpollaudit.job.StagingRepository.InputFile;

/**
 * Identifies a run by what it read: the SHA-256 of every file of the package (path, size, hash, in path
 * order) together with the analysis parameters and the application version. Same inputs, same fingerprint;
 * a changed byte anywhere, a new file, or another parameter gives a new one.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /** Every regular file below the package folder, path-sorted, with size and SHA-256. Hidden files are skipped. */
    public static List<InputFile> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().chars().noneMatch(c -> c == 0)
                            && !root.relativize(p).getFileName().toString().startsWith("."))
                    .map(p -> new InputFile(root.relativize(p).toString().replace('\\', '/'), size(p), sha256(p)))
                    .sorted(java.util.Comparator.comparing(InputFile::path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(List<InputFile> files, Map<String, String> parameters, String version) {
        StringBuilder b = new StringBuilder("exit-poll-audit inputs v1\n");
        files.forEach(f -> b.append(f.path()).append('\0').append(f.bytes()).append('\0').append(f.sha256()).append('\n'));
        new java.util.TreeMap<>(parameters).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        b.append("version=").append(version).append('\n');
        return hex(digest().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static String sha256(Path file) {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hex(md.digest());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
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
