package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a package folder are its inputs, and which inputs are refused before anything opens them. */
class PackageFilesTest {

    @TempDir
    Path tmp;

    Path root;

    private void write(String file, String text) throws Exception {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @BeforeEach
    void aPackage() throws Exception {
        root = tmp.toRealPath().resolve("pkg");
        Files.createDirectories(root);
        write("election.yaml", "id: x\n");
        write("candidates.csv", "candidate_id,name\na,A\n");
        // odd spellings of paths inside the package, and one that leaves it
        write("sources.csv", "source_id,file\nf,./official/final.csv\np,exit-polls/../exit-polls/poll.csv\n"
                + "x,../elsewhere.csv\nm,official/missing.csv\n");
        write("official/final.csv", "a\n1\n");
        write("exit-polls/poll.csv", "a\n1\n");
        write("README.md", "about\n");
        write(".git/HEAD", "ref\n");
        write("reports/pkg/2024/figures.csv", "x\n");
    }

    @Test
    void theInputsAreTheManifestAndWhatSourcesNames() {
        assertEquals(List.of("candidates.csv", "election.yaml", "exit-polls/poll.csv", "official/final.csv",
                "official/missing.csv", "sources.csv"), PackageFiles.inputs(root));
        // what does not exist is not hashed (the package reader says it is missing)
        assertEquals(List.of("candidates.csv", "election.yaml", "exit-polls/poll.csv", "official/final.csv", "sources.csv"),
                InputFingerprint.files(root).stream().map(InputFile::path).toList());
    }

    @Test
    void whatIsNotAnInputIsNamedOnceWithoutLookingInside() {
        assertEquals(List.of(".git/", "README.md", "reports/"), PackageFiles.others(root, 10));
        assertEquals(List.of(".git/"), PackageFiles.others(root, 1));
    }

    @Test
    void aCommitOrAReportInsideThePackageDoesNotChangeTheInputs() throws Exception {
        List<InputFile> before = InputFingerprint.files(root);
        write(".git/refs/heads/main", "abc\n");
        write("reports/pkg/2025/figures.csv", "y\n");
        write("notes.txt", "n\n");
        assertEquals(before, InputFingerprint.files(root));
        write("official/final.csv", "a\n2\n");
        assertTrue(!before.equals(InputFingerprint.files(root)), "a changed input is a change");
    }

    @Test
    void linksInsideThePackageAreInputsLinksOutAreRefused() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("poll.csv"), "a\n1\n");
        Files.delete(root.resolve("exit-polls/poll.csv"));
        // a link to another file of the package is fine
        Files.createSymbolicLink(root.resolve("exit-polls/poll.csv"), root.resolve("official/final.csv"));
        assertNull(PackageFiles.refusal(root, "exit-polls/poll.csv"));
        // a folder that is a link out of the package takes its files with it
        Files.move(root.resolve("official"), outside.resolve("official"));
        Files.createSymbolicLink(root.resolve("official"), outside.resolve("official"));
        List<DataIssue> refused = PackageFiles.refusals(root);
        assertEquals(List.of("LINK_LEAVES_PACKAGE", "LINK_LEAVES_PACKAGE"), refused.stream().map(DataIssue::code).toList(),
                refused.toString());
        DataIssue first = refused.get(0);
        assertEquals("sources.csv", first.file());
        assertEquals(2, first.line());
        assertEquals("file", first.column());
        assertTrue(first.message().startsWith("'official/final.csv' is a link to " + outside.resolve("official/final.csv")),
                first.message());
        assertTrue(InputFingerprint.files(root).stream().noneMatch(f -> f.path().startsWith("official/")
                || f.path().equals("exit-polls/poll.csv")), "nothing outside is hashed");
    }

    @Test
    void aDanglingLinkIsABrokenLinkNotAMissingFile() throws Exception {
        Files.delete(root.resolve("official/final.csv"));
        Files.createSymbolicLink(root.resolve("official/final.csv"), tmp.resolve("gone.csv"));
        DataIssue r = PackageFiles.refusal(root, "official/final.csv");
        assertEquals("BROKEN_LINK", r.code());
        assertTrue(r.message().contains("gone.csv") && r.message().contains("does not exist"), r.message());
    }

    @Test
    void aNamedPipeOrAFolderIsNotAFile() throws Exception {
        Files.delete(root.resolve("candidates.csv"));
        Files.createDirectories(root.resolve("candidates.csv"));
        assertTrue(PackageFiles.refusal(root, "candidates.csv").message().contains("is a folder"));
        Files.delete(root.resolve("official/final.csv"));
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", root.resolve("official/final.csv").toString()).start()
                .waitFor() == 0);
        DataIssue r = PackageFiles.refusal(root, "official/final.csv");
        assertEquals("NOT_A_FILE", r.code());
        assertTrue(r.message().contains("named pipe"), r.message());
        // and the fingerprint does not open it (it would wait forever for a writer)
        assertTrue(InputFingerprint.files(root).stream().noneMatch(f -> f.path().equals("official/final.csv")));
    }
}
