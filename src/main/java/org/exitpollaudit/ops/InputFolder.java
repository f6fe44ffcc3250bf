package org.exitpollaudit.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.exitpollaudit.ingest.PackageReader;

/**
 * The cheap checks of {@code --input} that run before anything is created and before Spring starts, so that a
 * mistyped path fails in a fraction of a second and leaves no {@code .state} folder behind. What is inside the
 * package is the validate step's business.
 */
public final class InputFolder {

    private InputFolder() {
    }

    /**
     * The longest input or output path a run takes: the job repository records both as job parameters, in a column of
     * 2,500 characters (Spring Batch's schema), and a few hundred are left for what the job appends.
     */
    public static final int MAX_PATH = 2000;

    /** @return what is wrong with a path's length, as a sentence, or {@code null} */
    public static String tooLong(String option, Path path) {
        int length = path.toAbsolutePath().normalize().toString().length();
        return length <= MAX_PATH ? null : "the " + option + " path is " + String.format("%,d", length)
                + " characters long; at most " + String.format("%,d", MAX_PATH) + " (the job repository records it):"
                + " move the folder, or link it from a shorter path";
    }

    /** @return what is wrong with the path, as a sentence, or {@code null} when it looks like a package folder */
    public static String problem(Path input, boolean isDefault) {
        Path abs = input.toAbsolutePath().normalize();
        if (tooLong("--input", abs) != null) {
            return tooLong("--input", abs);
        }
        String expected = "; --input names an election package: the folder that holds " + PackageReader.ELECTION
                + ", candidates.csv and sources.csv (docs/input-format.md)";
        if (!Files.exists(abs)) {
            return "the input package " + abs + " does not exist" + expected
                    + (isDefault ? ". Run from the project folder, or pass --input=<package folder>." : ".");
        }
        if (!Files.isDirectory(abs)) {
            return "the input package " + abs + " is a file, not a folder" + expected
                    + (abs.getFileName().toString().equals(PackageReader.ELECTION) ? ": --input=" + abs.getParent() + "?" : ".");
        }
        if (!Files.isRegularFile(abs.resolve(PackageReader.ELECTION))) {
            String inside = packagesInside(abs);
            return "the folder " + abs + " has no " + PackageReader.ELECTION + expected
                    + (inside == null ? "." : ". Packages in it: " + inside + ".");
        }
        return null;
    }

    /** Sub-folders that are packages, to suggest when the parent was named. */
    private static String packagesInside(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            var found = children.filter(p -> Files.isRegularFile(p.resolve(PackageReader.ELECTION)))
                    .map(p -> "--input=" + p).sorted().limit(5).toList();
            return found.isEmpty() ? null : String.join(", ", found);
        } catch (IOException e) {
            return null;
        }
    }
}
