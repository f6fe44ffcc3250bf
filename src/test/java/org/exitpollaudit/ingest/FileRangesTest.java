package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a results file is cut into ranges, and which files are not cut (their reading is ResultBlocksTest's). */
class FileRangesTest {

    @TempDir
    Path tmp;

    private Path write(String name, byte[] content) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b, int from, int to) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(b, from, to)));
    }

    /**
     * Counted by hand: a header and five rows of 6 bytes each (36 bytes, lines 1–6), ranges of at least 10 bytes. The
     * first line start at or after byte 10 is 12 (line 3), the next at or after 12 + 10 is 24 (line 5); a cut at 36
     * would leave nothing after it, so the last range is bytes 24–36.
     */
    @Test
    void cutsFallOnTheFirstLineStartPastEachRangesSize() throws Exception {
        byte[] content = bytes("h1,h2\n11,22\n11,22\n11,22\n11,22\n11,22\n");
        Path f = write("s.csv", content);
        FileRanges.Split split = FileRanges.split(f, 10);
        Table.Content header = new Table.Content(6, sha256(content, 0, 6));
        assertEquals(List.of(
                new FileRanges.Range(0, 12, 1, 3, sha256(content, 0, 12), header),
                new FileRanges.Range(12, 24, 3, 5, sha256(content, 12, 24), header),
                new FileRanges.Range(24, 36, 5, Integer.MAX_VALUE, sha256(content, 24, 36), header)), split.ranges());
        assertEquals(new Table.Content(36, sha256(content, 0, 36)), split.whole());
        assertEquals(12, split.ranges().get(1).bytes());
        assertTrue(split.ranges().get(1).holds(4) && !split.ranges().get(1).holds(5));
    }

    /**
     * CRLF line ends, a byte order mark and a blank line before a header in Cyrillic: the first cut falls after the
     * header's line (bytes: BOM 3, " ,\r\n" 4, "район,уик\r\n" 19 with two bytes a Cyrillic letter, then four rows
     * "1,2\r\n" of 5 each: 46).
     */
    @Test
    void byteOrderMarkBlankLinesAndCrlfAreLinesLikeAnyOther() throws Exception {
        byte[] content = bytes("\uFEFF ,\r\nрайон,уик\r\n1,2\r\n1,2\r\n1,2\r\n1,2\r\n");
        assertEquals(46, content.length);
        FileRanges.Split split = FileRanges.split(write("s.csv", content), 20);
        // no cut before the header (line 2, ending at byte 26); a cut at 31, 36 or 41 would leave less than 20 bytes
        Table.Content header = new Table.Content(26, sha256(content, 0, 26));
        assertEquals(List.of(
                new FileRanges.Range(0, 26, 1, 3, sha256(content, 0, 26), header),
                new FileRanges.Range(26, 46, 3, Integer.MAX_VALUE, sha256(content, 26, 46), header)), split.ranges());
    }

    /** Files whose line breaks are not all record ends as every reader counts them, and files too small, are read whole. */
    @Test
    void filesThatCannotBeCutAreReadWhole() throws Exception {
        String rows = "1,2\n".repeat(50);
        for (String text : List.of(
                "a,b\n" + rows + "\"1\",2\n" + rows,          // a quote: a field may hold a line break
                "a,b\n" + rows + "1,2\r" + rows,                // a carriage return alone ends a line to the CSV parser
                "a,b\n" + rows + "1,2\r",                       // and at the very end
                "\"a\",b\n" + rows + rows)) {
            assertEquals(List.of(), FileRanges.split(write("q.csv", bytes(text)), 40).ranges(), text);
        }
        // a header that is not UTF-8
        byte[] latin1 = ("stacja,wynik\u00f3w\n" + rows + rows).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of(), FileRanges.split(write("l.csv", latin1), 40).ranges());
        // UTF-16, an XLSX name, a compressed file, and a file smaller than two ranges
        byte[] utf16 = ("a,b\n" + rows + rows).getBytes(StandardCharsets.UTF_16);
        assertEquals(List.of(), FileRanges.split(write("u.csv", utf16), 40).ranges());
        byte[] plain = bytes("a,b\n" + rows + rows);
        assertEquals(List.of(), FileRanges.split(write("x.xlsx", plain), 40).ranges());
        assertEquals(List.of(), FileRanges.split(write("g.csv.gz", plain), 40).ranges());
        FileRanges.Split small = FileRanges.split(write("p.csv", plain), plain.length / 2 + 1);
        assertEquals(List.of(), small.ranges());
        assertNull(small.whole());
        // a line before the header longer than the plain reader's buffer
        byte[] longFirst = bytes(" ".repeat(CsvLines.BUFFER + 1) + "\na,b\n" + rows + rows);
        assertEquals(List.of(), FileRanges.split(write("b.csv", longFirst), 40).ranges());
        // the same plain file is cut
        assertEquals(5, FileRanges.split(write("p.csv", plain), 80).ranges().size());
        assertThrows(IllegalArgumentException.class, () -> FileRanges.split(write("p.csv", plain), 0));
    }
}
