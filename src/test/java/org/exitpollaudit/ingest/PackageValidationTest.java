package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validate stage in its order: refusals before anything is read, then the run's fingerprint, then the manifest and
 * the headers; what it hands on is every input file with its hash and the package's issues.
 */
class PackageValidationTest {

    @TempDir
    Path tmp;

    /** A fingerprint of the files' paths and hashes alone, for the test. */
    private static final Function<List<InputFile>, String> FINGERPRINT = files -> files.toString();

    private Path copy() throws Exception {
        Path root = tmp.toRealPath().resolve("pkg");
        try (var paths = Files.walk(TestPackages.AZ)) {
            for (Path p : paths.toList()) {
                Path to = root.resolve(TestPackages.AZ.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return root;
    }

    @Test
    void theInputsTheRunWasLaunchedForAreReadAndRecorded() throws Exception {
        Path root = copy();
        String launched = FINGERPRINT.apply(InputFingerprint.files(root));
        List<Path> read = new ArrayList<>();
        PackageValidation.Validated v = PackageValidation.validate(root, launched, FINGERPRINT, r -> {
            read.add(r);
            return PackageReader.read(r);
        });
        assertEquals(List.of(root), read);
        assertEquals(InputFingerprint.files(root), v.files());
        assertTrue(v.files().stream().anyMatch(f -> f.path().equals("sources.csv")));
        // the note naming what lies in the folder but is no input, at least (README.md of the package)
        assertFalse(v.issues().isEmpty());
    }

    @Test
    void aFileChangedSinceTheLaunchStopsTheRunBeforeTheManifestIsRead() throws Exception {
        Path root = copy();
        String launched = FINGERPRINT.apply(InputFingerprint.files(root));
        Files.writeString(root.resolve("sources.csv"), Files.readString(root.resolve("sources.csv")) + "\n");
        InputChangedException e = assertThrows(InputChangedException.class, () -> PackageValidation.validate(root,
                launched, FINGERPRINT, r -> {
                    throw new AssertionError("read after the fingerprint failed");
                }));
        assertTrue(e.problems().get(0).is(IssueCode.INPUT_CHANGED));
        // without a fingerprint to check (a run launched without one), the same files pass
        PackageValidation.validate(root, null, FINGERPRINT, PackageReader::read);
    }

    @Test
    void aLinkOutOfThePackageIsRefusedBeforeAnythingIsRead() throws Exception {
        Path root = copy();
        Path outside = Files.writeString(tmp.resolve("outside.csv"), "x\n");
        Path linked = root.resolve("official/cec-final.csv");
        Files.delete(linked);
        Files.createSymbolicLink(linked, outside);
        InputException e = assertThrows(InputException.class, () -> PackageValidation.validate(root, "any",
                files -> {
                    throw new AssertionError("hashed after a refusal");
                }, r -> {
                    throw new AssertionError("read after a refusal");
                }));
        assertFalse(e.problems().isEmpty());
    }

    /**
     * Before the report is published, the files steps read again (the manifest, national files) must be as validated;
     * a station-level file, hashed as the ingest read it, is not read a third time.
     */
    @Test
    void beforeTheReportOnlyTheFilesReadAgainAreCheckedAgain() throws Exception {
        Path root = tmp.toRealPath().resolve("synthetic");
        org.exitpollaudit.calibration.SyntheticPackage.write(
                new org.exitpollaudit.calibration.SyntheticPackage.Spec(5, 300, 3, 3, 1, 30, 10), root);
        List<InputFile> recorded = InputFingerprint.files(root);
        var pkg = PackageReader.read(root).electionPackage();
        String stationFile = pkg.sources().stream().filter(s -> s.level() == org.exitpollaudit.election.Source.Level.STATION)
                .findFirst().orElseThrow().file();
        Files.writeString(root.resolve(stationFile), Files.readString(root.resolve(stationFile)) + "late,row\n");
        InputFingerprint.requireUnchangedSinceRead(root, pkg, recorded);

        Files.writeString(root.resolve("candidates.csv"), Files.readString(root.resolve("candidates.csv")) + "\n");
        InputChangedException e = assertThrows(InputChangedException.class,
                () -> InputFingerprint.requireUnchangedSinceRead(root, pkg, recorded));
        assertEquals(1, e.problems().size());
        assertEquals("candidates.csv", e.problems().get(0).file());
    }
}
