package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Which files of a package folder are inputs: the four documented manifest files and the files sources.csv names,
 * nothing else. Those are the files read and fingerprinted; everything else in the folder (a README, a .git
 * folder, an output folder, a link nothing names) is neither read nor hashed, so it cannot change the fingerprint.
 * An input that is a link leading out of the package, or not a regular file (a named pipe, a folder), is refused:
 * what it holds is not part of the package, and a pipe would block the reader or give other data each time.
 */
public final class PackageFiles {

    /** The manifest files of docs/input-format.md, read whenever they exist. */
    public static final List<String> DOCUMENTED = List.of(PackageReader.ELECTION, PackageReader.CANDIDATES,
            PackageReader.DISTRICTS, PackageReader.SOURCES);

    private PackageFiles() {
    }

    /**
     * Every input of the package, relative to it with '/' separators, path-sorted: the documented files that exist
     * and the files sources.csv names (when it can be read; if it cannot, validation says why). Paths leaving the
     * package are left out here and refused by the package reader.
     */
    public static List<String> inputs(Path root) {
        Set<String> out = new TreeSet<>();
        for (String d : DOCUMENTED) {
            if (Files.exists(root.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
                out.add(d);
            }
        }
        namedBySources(root).forEach(n -> out.add(n.path()));
        return List.copyOf(out);
    }

    /** A file sources.csv names, and the line that names it. */
    private record Named(String path, int line) {
    }

    /** The {@code file} column of sources.csv, normalised; empty when sources.csv cannot be read safely. */
    private static List<Named> namedBySources(Path root) {
        if (refusal(root, PackageReader.SOURCES) != null || !Files.isRegularFile(root.resolve(PackageReader.SOURCES))) {
            return List.of();
        }
        List<Named> out = new ArrayList<>();
        try (Table t = Table.open(root.resolve(PackageReader.SOURCES), PackageReader.SOURCES)) {
            int column = -1;
            for (int i = 0; i < t.header().size() && column < 0; i++) {
                if (t.header().get(i).toLowerCase(Locale.ROOT).equals("file")) {
                    column = i;
                }
            }
            while (column >= 0 && t.hasNext()) {
                TableRow row = t.next();
                String relative = relative(root, row.cell(column).strip());
                if (relative != null) {
                    out.add(new Named(relative, row.line()));
                }
            }
        } catch (InputException | IOException e) {
            // the package reader reports what is wrong with sources.csv
        }
        return out;
    }

    /** The path inside the package, '/'-separated, or {@code null} when it is empty, absolute or leaves the package. */
    private static String relative(Path root, String file) {
        if (file.isEmpty() || file.indexOf('\0') >= 0) {
            return null;
        }
        try {
            Path p = root.resolve(file).normalize();
            if (Path.of(file).isAbsolute() || !p.startsWith(root) || p.equals(root)) {
                return null;
            }
            return root.relativize(p).toString().replace('\\', '/');
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Why an input cannot be read, or {@code null} when it can (or does not exist: the reader says "not found").
     * The input is never opened here.
     */
    public static DataIssue refusal(Path root, String relative) {
        Path p = root.resolve(relative);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            return DataIssue.fatal(IssueCode.BROKEN_LINK, relative, null, null, "is a link to " + target(p)
                    + ", which does not exist; put the file itself in the package");
        }
        try {
            if (!real.startsWith(root.toRealPath())) {
                return DataIssue.fatal(IssueCode.LINK_LEAVES_PACKAGE, relative, null, null, "is a link to " + real
                        + ", outside the package folder, and is refused: the package must hold every file the report"
                        + " is made from, so that its fingerprint covers them; copy the file into the package");
            }
        } catch (IOException e) {
            return DataIssue.fatal(IssueCode.UNREADABLE_FILE, relative, null, null, "cannot be read: " + e.getMessage());
        }
        if (Files.isDirectory(real)) {
            return DataIssue.fatal(IssueCode.NOT_A_FILE, relative, null, null, "is a folder, not a file");
        }
        if (!Files.isRegularFile(real)) {
            return DataIssue.fatal(IssueCode.NOT_A_FILE, relative, null, null, "is not a regular file (a named pipe, a socket"
                    + " or a device) and is refused: reading it could wait forever or give other data each time;"
                    + " save the data as a file");
        }
        return null;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a path";
        }
    }

    /**
     * Every input that cannot be read safely, with the reason: a manifest file under its own name, a data file
     * where sources.csv names it (the line to fix).
     */
    public static List<DataIssue> refusals(Path root) {
        List<DataIssue> out = new ArrayList<>();
        for (String d : DOCUMENTED) {
            DataIssue r = refusal(root, d);
            if (r != null) {
                out.add(r);
            }
        }
        for (Named n : namedBySources(root)) {
            DataIssue r = refusal(root, n.path());
            if (r != null) {
                out.add(DataIssue.fatal(IssueCode.valueOf(r.code()), PackageReader.SOURCES, n.line(), "file", "'" + Cells.abbreviate(n.path())
                        + "' " + r.message()));
            }
        }
        return out;
    }

    /**
     * What the package folder holds besides its inputs, for a note: files and folders (a folder named once,
     * with a '/'), at most {@code limit} of them, found without following links and without looking into
     * folders that hold no input (a .git folder, an output folder).
     */
    public static List<String> others(Path root, int limit) {
        Set<String> inputs = new TreeSet<>(inputs(root));
        List<String> out = new ArrayList<>();
        others(root, root, inputs, out, limit);
        return out;
    }

    private static void others(Path root, Path dir, Set<String> inputs, List<String> out, int limit) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        } catch (IOException e) {
            return;
        }
        entries.sort(null);
        for (Path e : entries) {
            if (out.size() >= limit) {
                return;
            }
            String rel = root.relativize(e).toString().replace('\\', '/');
            if (inputs.contains(rel)) {
                continue;
            }
            boolean folder = Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS);
            if (folder && inputs.stream().anyMatch(i -> i.startsWith(rel + "/"))) {
                others(root, e, inputs, out, limit);
            } else {
                out.add(folder ? rel + "/" : rel);
            }
        }
    }
}
