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

    /** @return what is wrong with the path, as a sentence, or {@code null} when it looks like a package folder */
    public static String problem(Path input, boolean isDefault) {
        Path abs = input.toAbsolutePath().normalize();
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
