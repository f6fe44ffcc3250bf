package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.exitpollaudit.election.Candidate;
import org.junit.jupiter.api.Test;

class CandidateResolverTest {

    /** The embedded package's candidates, read as the job reads them. */
    private static final CandidateResolver AZ = PackageReader.read(Path.of("input", "az-2024-presidential")).resolver();

    @Test
    void theTwoAliyevsAreNeverConfused() {
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("Ilham Aliyev"));
        assertEquals(Optional.of("aliyev-fuad"), AZ.resolve("Fuad Aliyev"));
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("Aliyev Ilham Heydar oghlu"));
        assertEquals(Optional.of("aliyev-fuad"), AZ.resolve("Aliyev Fuad Aghasi oghlu"));
        // the bare surname names nobody: it would have to guess
        assertEquals(Optional.empty(), AZ.resolve("Aliyev"));
    }

    @Test
    void caseDiacriticsAndSpacingAreIgnored() {
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("İlham Əliyev"));
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("  ILHAM   aliyev "));
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("ilham\u00a0aliyev"));
        assertEquals(Optional.of("aliyev-ilham"), AZ.resolve("Ильхам Алиев"));
        assertEquals(Optional.of("oruj"), AZ.resolve("Zahid Oruc"));
        assertEquals(Optional.of("hasanguliyev"), AZ.resolve("Gudrat Hasanguliev"));
        assertEquals(Optional.of("other"), AZ.resolve("OTHER"));
        assertEquals(Optional.of("invalid"), AZ.resolve("Invalid"));
        assertEquals(Optional.empty(), AZ.resolve("Ilham Aliyeva"));
    }

    @Test
    void aSpellingSharedByTwoCandidatesIsReportedAndResolvesToNobody() {
        List<String> conflicts = new ArrayList<>();
        CandidateResolver r = CandidateResolver.build(List.of(
                new Candidate("aliyev-ilham", "Ilham Aliyev", "", List.of("Aliyev")),
                new Candidate("aliyev-fuad", "Fuad Aliyev", "", List.of("Aliyev"))), conflicts);
        assertEquals(1, conflicts.size());
        assertTrue(conflicts.get(0).contains("'Aliyev'"), conflicts.get(0));
        assertEquals(Optional.empty(), r.resolve("Aliyev"));
        assertEquals(Optional.of("aliyev-fuad"), r.resolve("Fuad Aliyev"));
    }

    @Test
    void knownCandidatesListsEveryIdAndName() {
        String known = AZ.knownCandidates();
        assertTrue(known.startsWith("aliyev-ilham (Ilham Aliyev), oruj (Zahid Oruj)"), known);
        assertTrue(known.contains("aliyev-fuad (Fuad Aliyev)"), known);
        assertTrue(known.endsWith("reserved: other, invalid"), known);
    }
}
