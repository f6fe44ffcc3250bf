package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.model.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash started ahead of the launch is the launch's own reading, and it is used once. */
class InputFingerprintAheadTest {

    @TempDir
    Path pkg;

    @Test
    void aHeadStartGivesTheSameInputsAndIsTakenOnce() throws Exception {
        Files.writeString(pkg.resolve("election.yaml"), "id: x\n");
        Files.writeString(pkg.resolve("candidates.csv"), "candidate_id,name\na,A\n");
        List<InputFile> direct = InputFingerprint.files(pkg);
        InputFingerprint.hashAhead(pkg);
        assertEquals(direct, InputFingerprint.atLaunch(pkg));

        // taken: a later launch reads the package afresh and sees what changed since
        Files.writeString(pkg.resolve("candidates.csv"), "candidate_id,name\na,A\nb,B\n");
        List<InputFile> later = InputFingerprint.atLaunch(pkg);
        assertNotEquals(direct, later);
        assertEquals(InputFingerprint.files(pkg), later);
    }
}
