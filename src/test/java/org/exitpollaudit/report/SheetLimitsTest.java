package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Excel's limits, met by design: 31-character unique sheet names, 32,767 characters a cell. */
class SheetLimitsTest {

    @Test
    void sheetNamesSharingTheirFirst31CharactersAreMadeUnique() {
        List<String> names = WorkbookReport.uniqueSheetNames(List.of("Poll exit-poll-organization-a-wave-1",
                "Poll exit-poll-organization-a-wave-2", "Poll exit-poll-organization-a-wave-3", "Poll src",
                "Poll SRC", "Poll a:b/c?d*e[f]"));
        assertEquals(List.of("Poll exit-poll-organization-a-w", "Poll exit-poll-organization (2)",
                "Poll exit-poll-organization (3)", "Poll src", "Poll SRC (2)", "Poll a b c d e f "), names);
        // Excel compares sheet names ignoring case; POI refuses what Excel would
        assertEquals(names.size(), new HashSet<>(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()).size());
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            names.forEach(n -> {
                assertTrue(n.length() <= 31, n);
                wb.createSheet(n);
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHundredPollsWithOneLongPrefixStayUnique() {
        List<String> wanted = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "Poll " + "x".repeat(40) + i).toList();
        List<String> names = WorkbookReport.uniqueSheetNames(wanted);
        assertEquals(100, new HashSet<>(names).size());
        // 31 characters: "Poll ", 20 of the x's and " (100)"
        assertEquals("Poll " + "x".repeat(20) + " (100)", names.get(99));
    }

    @Test
    void textBeyondACellsLimitIsCutWithANote() {
        assertEquals("short", SheetWriter.cellText("short"));
        assertEquals("", SheetWriter.cellText(null));
        String exactly = "a".repeat(32_767);
        assertEquals(exactly, SheetWriter.cellText(exactly));
        String cut = SheetWriter.cellText("b".repeat(40_000));
        assertEquals(32_767, cut.length());
        assertTrue(cut.endsWith("b … [cut here: the text has 40,000 characters, more than a spreadsheet cell holds"
                + " (32,767)]"), cut.substring(32_600));
    }

    @Test
    void aCutNeverSplitsACharacterInTwo() {
        // emoji are two UTF-16 units: wherever the cut falls, no lone surrogate is left before the note
        for (int shift = 0; shift < 2; shift++) {
            String text = "a".repeat(shift) + "\uD83D\uDDF3".repeat(20_000);
            String cut = SheetWriter.cellText(text);
            int note = cut.indexOf(" … [cut here");
            assertTrue(note > 32_000 && cut.length() <= 32_767);
            assertTrue(!Character.isHighSurrogate(cut.charAt(note - 1)), "shift " + shift);
            assertTrue(cut.contains("the text has " + String.format(Locale.ROOT, "%,d", 20_000 + shift) + " characters"));
        }
    }
}
