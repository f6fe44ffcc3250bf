package org.exitpollaudit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Copies of election packages for tests to change, and a way to capture what a launch prints. */
public final class TestPackages {

    public static final Path AZ = Path.of("input", "az-2024-presidential");
    public static final Path RU = Path.of("src", "test", "resources", "packages", "ru-2024-presidential");

    private TestPackages() {
    }

    /**
     * The complete Russian package at {@code target}: the fixture with its gzip-compressed station file unpacked.
     */
    public static Path ru(Path target) {
        copy(RU, target);
        Path gz = target.resolve("official/stations.csv.gz");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, target.resolve("official/stations.csv"));
            Files.delete(gz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** A temporary folder for a test class's state that must exist before Spring reads its properties. */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writable copy of {@code source} at {@code target}. */
    public static Path copy(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path pkg, String file, String content) {
        try {
            Files.createDirectories(pkg.resolve(file).getParent());
            Files.writeString(pkg.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path pkg, String file) {
        try {
            return Files.readString(pkg.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one exact occurrence of {@code from}; fails the test when the file does not contain it. */
    public static void replace(Path pkg, String file, String from, String to) {
        String text = read(pkg, file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not contain '" + from + "'");
        }
        write(pkg, file, text.replace(from, to));
    }

    /** What a launch printed and the code it returned. */
    public record Launch(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** Runs the audit of {@code pkg} into {@code output} with its own output streams, captured. */
    public static Launch audit(org.exitpollaudit.ops.AuditRunner runner, Path pkg, Path output) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runner.run(org.exitpollaudit.ops.CliOptions.parse(new String[] {"--input=" + pkg, "--output=" + output}),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Launch(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code launch} with System.out and System.err captured. */
    public static synchronized Launch capture(Supplier<Integer> launch) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = launch.get();
            return new Launch(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
