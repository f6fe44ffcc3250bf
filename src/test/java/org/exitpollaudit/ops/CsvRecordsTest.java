package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast reader against the reference reader, Commons CSV's {@code CSVFormat.RFC4180}, record for record. */
class CsvRecordsTest {

    @TempDir
    Path tmp;

    private static List<List<String>> reference(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(CSVFormat.RFC4180).get()) {
            for (CSVRecord r : p) {
                out.add(r.toList());
            }
        }
        return out;
    }

    /** Up to {@code longest - 1} characters drawn from the alphabet. */
    private static String randomText(Random random, String alphabet, int longest) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(longest); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A check of a text the fast reader reads, given the records of its full read. */
    @FunctionalInterface
    private interface TextCheck {
        void check(String text, List<List<String>> records) throws IOException;
    }

    /**
     * 50,000 random texts of up to 15 of the characters that matter to CSV (seeded): each that the fast reader reads
     * is checked, with its records.
     */
    private static void readableTexts(long seed, TextCheck check) throws IOException {
        Random random = new Random(seed);
        for (int n = 0; n < 50_000; n++) {
            String text = randomText(random, "ab ,\"\r\n", 16);
            List<List<String>> all;
            try {
                all = fast(text);
            } catch (IOException e) {
                continue;
            }
            check.check(text, all);
        }
    }

    private static List<List<String>> fast(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        CsvRecords.records(utf8(text), out::add);
        return out;
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Text of any shape, valid or not: the same records where Commons CSV reads it, an error where it refuses it. The
     * alphabet has characters of two and three bytes in UTF-8, one of them white space (U+2003, which Commons CSV skips
     * after a closing quote as it skips a space) and one not (U+00A0, which it refuses there).
     */
    @Test
    void anyTextReadsAsCommonsCsvReadsIt() throws Exception {
        Random random = new Random(29);
        String alphabet = "ab ,\"\r\n;\t'\u2003\u00a0é";
        int refused = 0;
        for (int n = 0; n < 50_000; n++) {
            String text = randomText(random, alphabet, 12);
            List<List<String>> expected;
            try {
                expected = reference(text);
            } catch (IOException | RuntimeException e) {
                refused++;
                assertThrows(IOException.class, () -> fast(text), () -> "[" + text + "] refused by Commons CSV");
                continue;
            }
            assertEquals(expected, fast(text), () -> "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]");
        }
        // both kinds were exercised
        assertEquals(true, refused > 1000 && refused < 45_000, refused + " refused");
    }

    /**
     * Records passed over by their first field are still read through (a quoted field may span lines): what is left
     * is exactly the records of a full read whose first field is kept.
     */
    @Test
    void recordsPassedOverLeaveTheOthersAsAFullReadGivesThem() throws Exception {
        int[] compared = {0};
        readableTexts(31, (text, all) -> {
            List<List<String>> kept = new ArrayList<>();
            CsvRecords.recordPrefixes(utf8(text), first -> first.startsWith("a") ? Integer.MAX_VALUE : 0,
                    kept::add);
            assertEquals(all.stream().filter(r -> r.get(0).startsWith("a")).toList(), kept,
                    () -> "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]");
            compared[0] += all.size() > kept.size() && !kept.isEmpty() ? 1 : 0;
        });
        // texts where some records were passed over and some kept were among them
        assertEquals(true, compared[0] > 1000, compared[0] + " mixed texts");
    }

    /**
     * A record asked for its first k fields gives exactly the first k fields of a full read (all of them when it has
     * fewer), whatever follows them; one asked for none is passed over.
     */
    @Test
    void leadingFieldsAreThoseOfAFullRead() throws Exception {
        int[] cut = {0};
        readableTexts(37, (text, all) -> {
            // the number of fields asked for, a function of the first field: 0, 1, 2 or all
            java.util.function.ToIntFunction<String> wanted = first -> first.isEmpty() ? 2
                    : first.startsWith("a") ? 1 : first.startsWith("b") ? 0 : Integer.MAX_VALUE;
            List<List<String>> prefixes = new ArrayList<>();
            CsvRecords.recordPrefixes(utf8(text), wanted, prefixes::add);
            List<List<String>> expected = new ArrayList<>();
            for (List<String> r : all) {
                int k = wanted.applyAsInt(r.get(0));
                if (k > 0) {
                    expected.add(r.subList(0, Math.min(k, r.size())));
                    cut[0] += k < r.size() ? 1 : 0;
                }
            }
            assertEquals(expected, prefixes, () -> "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]");
        });
        // records were cut short, not only passed whole or over
        assertEquals(true, cut[0] > 1000, cut[0] + " records cut short");
    }

    /**
     * Bytes that are not UTF-8 are an error in a field that is built, as they are to a decoding reader, and pass
     * unread in a record passed over.
     */
    @Test
    void bytesThatAreNotUtf8AreAnErrorWhereRead() throws Exception {
        byte[] text = "k,a\u00ffb\ns,x\u00ffy\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IOException.class, () -> CsvRecords.records(new ByteArrayInputStream(text), r -> { }));
        List<List<String>> kept = new ArrayList<>();
        CsvRecords.recordPrefixes(new ByteArrayInputStream(text), first -> first.equals("k") ? 1 : 0, kept::add);
        assertEquals(List.of(List.of("k")), kept);
    }

    /** Reads in chunks of 1 to 40 bytes, so that every offset of a text is a buffer's end somewhere. */
    private static InputStream chunked(byte[] b, Random random) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 1 + random.nextInt(40)));
            }
        };
    }

    /**
     * The fast reader's records of the text, or both readers refuse it.
     *
     * @return whether Commons CSV read the text (and records were compared)
     */
    private static boolean assertReadAsCommonsCsvReadsIt(String text, InputStream in) throws IOException {
        List<List<String>> expected;
        try {
            expected = reference(text);
        } catch (IOException | RuntimeException e) {
            assertThrows(IOException.class, () -> CsvRecords.records(in, r -> { }));
            return false;
        }
        List<List<String>> out = new ArrayList<>();
        CsvRecords.records(in, out::add);
        assertEquals(expected, out);
        return true;
    }

    /**
     * Texts of 300,000 characters or more, read whole (64 KiB at a time) and in small random chunks: characters of up
     * to four bytes, white space after closing quotes and CRLF fall on the buffers' ends (the texts above are short).
     */
    @Test
    void largeTextsReadAlikeWhereverTheBuffersEnd() throws Exception {
        Random random = new Random(43);
        String[] alphabet = {"a", "b", " ", ",", "\"", "\r", "\n", "é", "\u2003", "\u00a0", "\uD83D\uDE00", "\u2028",
                "\u0085"};
        for (int n = 0; n < 20; n++) {
            StringBuilder s = new StringBuilder();
            while (s.length() < 300_000) {
                s.append('"');
                for (int i = random.nextInt(8); i > 0; i--) {
                    String c = alphabet[random.nextInt(alphabet.length)];
                    s.append(c.equals("\"") ? "\"\"" : c);
                }
                s.append('"').append(random.nextBoolean() ? "\u2003" : "").append(random.nextInt(3) == 0 ? "\r\n" : ",");
                if (random.nextInt(5) == 0) {
                    for (int i = random.nextInt(6); i > 0; i--) {
                        String c = alphabet[random.nextInt(alphabet.length)];
                        s.append(c.equals("\"") || c.equals(",") ? "x" : c);
                    }
                    s.append(",");
                }
            }
            String text = s.toString();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            // every text is one Commons CSV reads: records are compared, not two refusals
            assertTrue(assertReadAsCommonsCsvReadsIt(text, new ByteArrayInputStream(bytes)), "text " + n);
            assertTrue(assertReadAsCommonsCsvReadsIt(text, chunked(bytes, random)), "text " + n);
        }
    }

    /** A character of several bytes, a closing quote or a CRLF cut by the end of the first 64 KiB read. */
    @Test
    void sequencesAcrossTheFirstBuffersEnd() throws Exception {
        int read = 0;
        for (String tail : List.of("\"a\"\u2003,b\r\nc", "\"a\"\uD83D\uDE00", "x\uD83D\uDE00y\r\nz", "\"a\"\"b\"\r\n",
                "\"a\"\u00a0,b")) {
            for (int k = 1; k <= 6; k++) {
                String text = "p".repeat((1 << 16) - k) + "\n" + tail;
                read += assertReadAsCommonsCsvReadsIt(text, utf8(text)) ? 1 : 0;
            }
        }
        // the tails with white space after a quote are read, those with U+00A0 or U+1F600 there refused
        assertEquals(18, read);
    }

    /**
     * Bytes that are not UTF-8 after a closing quote (overlong forms of white space, a lead byte no character has) and
     * a character cut short at a field's end are errors, as they are to a decoding reader.
     */
    @Test
    void malformedBytesAfterAClosingQuoteAreAnError() {
        for (String bad : List.of("\u00c0\u00a0", "\u00e0\u0080\u00a0", "\u00f8\u0080\u0080\u00a0", "\u00c0\u0089", "\u00ff",
                "\u0080", "\u00e2\u0080,")) {
            byte[] b = ("\"a\"" + bad + ",b\n").getBytes(StandardCharsets.ISO_8859_1);
            assertThrows(IOException.class, () -> CsvRecords.records(new ByteArrayInputStream(b), r -> { }), bad);
        }
        byte[] cut = "a\u00c3,b\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IOException.class, () -> CsvRecords.records(new ByteArrayInputStream(cut), r -> { }));
    }

    /** A field whose bytes repeat its column's last is that same text; one that differs (even as a prefix) is not. */
    @Test
    void repeatedFieldsAreOneText() throws Exception {
        String row = String.join(",", Collections.nCopies(12, "same")) + "\n";
        List<List<String>> out = new ArrayList<>();
        CsvRecords.records(utf8(row + row + "sam,same\n"), out::add);
        assertSame(out.get(0).get(11), out.get(1).get(11));
        assertSame(out.get(0).get(0), out.get(1).get(0));
        assertEquals(List.of("sam", "same"), out.get(2));
    }

    /** Records as Commons CSV prints them (quoting what needs it, CRLF) come back whole, by their header names. */
    @Test
    void printedRecordsComeBackByColumnName() throws Exception {
        Random random = new Random(31);
        String alphabet = "ab =,\"\r\n;é";
        List<List<String>> records = new ArrayList<>();
        StringBuilder text = new StringBuilder(CSVFormat.RFC4180.format("section", "source", "value")).append("\n");
        for (int n = 0; n < 2000; n++) {
            List<String> r = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(5); i > 0; i--) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                r.add(s.toString());
            }
            records.add(r);
            text.append(CSVFormat.RFC4180.format(r.toArray())).append(n % 2 == 0 ? "\r\n" : "\n");
        }
        Path file = tmp.resolve("figures.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<List<String>> back = new ArrayList<>();
        CsvRecords.read(file, r -> back.add(List.of(r.get("section"), r.get("source"), r.get("value"))));
        assertEquals(records, back);
    }
}
