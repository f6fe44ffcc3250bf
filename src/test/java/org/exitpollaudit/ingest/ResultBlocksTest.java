package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block reader against the reader it replaces in the ingest, on random files: a {@link Table} read row by row
 * through {@link RowParser}. Rows are drawn from plain counts and percentages and from what trips a reader up (signs,
 * exponents, spaces, quotes, commas and line breaks inside quotes, carriage returns, UTF-8 and broken UTF-8, blank
 * lines, extra and missing cells, implausible figures, unknown districts), so that each file mixes rows the plain
 * path reads itself, rows it hands to RowParser and a rest of the file it hands to the CSV parser. Both must load the
 * same rows bit for bit, reject the same rows with the same messages, fail with the same problems, and report the
 * size and SHA-256 of the whole file.
 */
class ResultBlocksTest {

    private static final CandidateResolver RESOLVER = CandidateResolver.build(List.of(
            new Candidate("anna", "Anna Ivanova", null, List.of()),
            new Candidate("boris", "Boris", null, List.of()),
            new Candidate("vlad", "Влад Петров", null, List.of())), new ArrayList<>());
    private static final Set<String> DISTRICTS = Set.of("d1", "d2", "d3", "Р1");

    @TempDir
    Path tmp;

    /** What a reader made of a file: loaded rows, rejections, the file's content; or the problems it stopped with. */
    record Outcome(List<ResultRow> rows, List<DataIssue> issues, Table.Content content, List<DataIssue> failure) {
    }

    /** Rows read by each of the three ways ({@link ResultBlocks#readBy}), over all files of a test. */
    private final int[] readBy = new int[3];

    private static Outcome reference(Path file, Source source, Set<String> districts, Long electorate) {
        List<ResultRow> rows = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        try (Table table = Table.open(file, source.file())) {
            List<DataIssue> problems = new ArrayList<>();
            ResultsLayout layout = ResultsLayout.resolve(table.header(), RESOLVER, source.file(), problems);
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            RowParser parser = new RowParser(source, layout, districts, electorate);
            while (table.hasNext()) {
                RowParser.Parsed p = parser.parse(table.next());
                if (p.loaded()) {
                    rows.add(p.row());
                } else {
                    issues.addAll(p.rejections());
                }
            }
            return new Outcome(rows, issues, table.content(), null);
        } catch (InputException e) {
            return new Outcome(null, null, null, e.problems());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Outcome blocks(Path file, Source source, Set<String> districts, Long electorate, int blockRows) {
        List<ResultRow> rows = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        try (ResultBlocks blocks = ResultBlocks.open(file, source, RESOLVER, districts, electorate, blockRows)) {
            ResultBlocks.Block block;
            boolean last = false;
            while ((block = blocks.next()) != null) {
                int size = block.rows().size() + block.issues().size();
                assertTrue(!last && size > 0 && size <= blockRows, "a full block before the last: " + size);
                last = size < blockRows;
                rows.addAll(block.rows().rows());
                issues.addAll(block.issues());
            }
            for (int i = 0; i < readBy.length; i++) {
                readBy[i] += blocks.readBy[i];
            }
            return new Outcome(rows, issues, blocks.content(), null);
        } catch (InputException e) {
            return new Outcome(null, null, null, e.problems());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Source source(Source.Level level, Source.Kind kind, Source.ValueType values) {
        return new Source("src", kind, level, values, Source.ShareBase.VALID, "official/results.csv",
                new Source.Published("org", "2024-01-01", null, null, 2), Source.Sample.NONE, Source.Coverage.of(true));
    }

    @Test
    void randomFilesAreReadAsTheTableReaderReadsThem() throws Exception {
        Random random = new Random(20261201);
        int plainRows = 0;
        int failures = 0;
        for (int round = 0; round < 600; round++) {
            Source.Level level = pick(random, Source.Level.STATION, Source.Level.STATION, Source.Level.DISTRICT,
                    Source.Level.NATIONAL);
            Source.ValueType values = random.nextInt(4) == 0 ? Source.ValueType.PERCENT : Source.ValueType.VOTES;
            Source source = source(level, random.nextInt(3) == 0 ? Source.Kind.EXIT_POLL : Source.Kind.OFFICIAL, values);
            Set<String> districts = random.nextBoolean() ? DISTRICTS : Set.of();
            Long electorate = random.nextInt(3) == 0 ? 50_000L : null;
            int rows = random.nextInt(8) == 0 ? 3000 + random.nextInt(3000) : random.nextInt(40);
            byte[] content = file(random, rows, values == Source.ValueType.PERCENT, level == Source.Level.NATIONAL,
                    random.nextInt(6) == 0);
            Path f = tmp.resolve("r" + round + ".csv");
            Files.write(f, content);
            Outcome expected = reference(f, source, districts, electorate);
            Outcome actual = blocks(f, source, districts, electorate, 1 + random.nextInt(random.nextBoolean() ? 8 : 2000));
            String where = "round " + round + ": " + new String(content, StandardCharsets.UTF_8).lines().limit(12).toList();
            assertEquals(expected.failure(), actual.failure(), where);
            assertEquals(expected.rows(), actual.rows(), where);
            assertEquals(expected.issues(), actual.issues(), where);
            assertEquals(expected.content(), actual.content(), where);
            failures += expected.failure() == null ? 0 : 1;
            if (expected.failure() == null) {
                assertEquals(sha256(content), actual.content().sha256(), where);
                assertEquals(content.length, actual.content().bytes());
                plainRows += expected.rows().size();
            }
        }
        assertTrue(plainRows > 10_000, "enough loaded rows to mean something: " + plainRows);
        assertTrue(failures > 5 && failures < 100, "files refused whole (broken UTF-8, quotes): " + failures);
        // each way of reading a row is taken often
        assertTrue(readBy[0] > 10_000 && readBy[1] > 1_000 && readBy[2] > 1_000, java.util.Arrays.toString(readBy));
    }

    /**
     * The same random files cut into ranges of a few bytes to a few kilobytes ({@link FileRanges}), each range read on
     * its own (the header from the file's start): together the ranges load the rows and reject the rows the whole
     * file's reading does, in order, with the same line numbers and messages; a file refused whole is refused by the
     * range that holds its bad line, with the same problems; and each range's size and SHA-256 are those of its bytes,
     * as the cut recorded them.
     */
    @Test
    void rangesOfAFileReadAsTheWholeFileReadsIt() throws Exception {
        Random random = new Random(20261202);
        int cutFiles = 0;
        int ranges = 0;
        int refusedInARange = 0;
        for (int round = 0; round < 250; round++) {
            Source source = source(Source.Level.STATION, Source.Kind.OFFICIAL, random.nextInt(4) == 0
                    ? Source.ValueType.PERCENT : Source.ValueType.VOTES);
            boolean percent = source.values() == Source.ValueType.PERCENT;
            byte[] content = file(random, 200 + random.nextInt(3000), percent, false, random.nextInt(4) == 0);
            if (random.nextInt(6) == 0) {
                // a byte that is not UTF-8 in the second half: the file is refused, naming its line
                int at = content.length / 2 + random.nextInt(content.length / 2);
                byte[] broken = new byte[content.length + 1];
                System.arraycopy(content, 0, broken, 0, at);
                broken[at] = (byte) 0xFF;
                System.arraycopy(content, at, broken, at + 1, content.length - at);
                content = broken;
            }
            Path f = tmp.resolve("cut" + round + ".csv");
            Files.write(f, content);
            FileRanges.Split split = FileRanges.split(f, 64 + random.nextInt(random.nextBoolean() ? 500 : 20_000));
            if (split.ranges().isEmpty()) {
                continue;
            }
            cutFiles++;
            ranges += split.ranges().size();
            assertEquals(new Table.Content(content.length, sha256(content)), split.whole());
            Outcome whole = blocks(f, source, DISTRICTS, null, 1 + random.nextInt(500));
            List<ResultRow> rows = new ArrayList<>();
            List<DataIssue> issues = new ArrayList<>();
            List<DataIssue> failure = null;
            String where = "round " + round + ", ranges " + split.ranges();
            for (FileRanges.Range r : split.ranges()) {
                try (ResultBlocks blocks = ResultBlocks.open(f, source, RESOLVER, DISTRICTS, null,
                        1 + random.nextInt(500), r)) {
                    for (ResultBlocks.Block block; (block = blocks.next()) != null; ) {
                        for (ResultRow row : block.rows().rows()) {
                            assertTrue(r.holds(row.line()), where + ": row of line " + row.line() + " in " + r);
                            rows.add(row);
                        }
                        for (DataIssue issue : block.issues()) {
                            assertTrue(r.holds(issue.line()), where + ": issue of line " + issue.line() + " in " + r);
                            issues.add(issue);
                        }
                    }
                    byte[] bytes = java.util.Arrays.copyOfRange(content, (int) r.from(), (int) r.to());
                    assertEquals(new Table.Content(bytes.length, sha256(bytes)), blocks.content(), where);
                    assertEquals(r.sha256(), sha256(bytes), where);
                } catch (InputException e) {
                    failure = e.problems();
                    refusedInARange++;
                    break;
                }
            }
            assertEquals(whole.failure(), failure, where);
            if (failure == null) {
                assertEquals(whole.rows(), rows, where);
                assertEquals(whole.issues(), issues, where);
            }
        }
        assertTrue(cutFiles > 80 && ranges > 1000, cutFiles + " files cut into " + ranges + " ranges");
        assertTrue(refusedInARange > 0, "a file refused by one of its ranges");
    }

    /**
     * A header edited in place after the cut (two candidates' columns swapped, the same length): the first range's
     * own hash covers the header, a later range checks the header's recorded hash before reading its rows, and
     * refuses the file as changed rather than load its rows under the wrong candidates.
     */
    @Test
    void aLaterRangeRefusesAHeaderChangedSinceTheCut() throws Exception {
        String rows = "d1,s1,900,500,480,100,300,80\n".repeat(40);
        Path f = tmp.resolve("swap.csv");
        Files.writeString(f, "district_id,station_id,registered,ballots_cast,valid,Anna Ivanova,boris,vlad\n" + rows);
        Source source = source(Source.Level.STATION, Source.Kind.OFFICIAL, Source.ValueType.VOTES);
        List<FileRanges.Range> ranges = FileRanges.split(f, 300).ranges();
        assertTrue(ranges.size() > 2, "" + ranges);
        Files.writeString(f, "district_id,station_id,registered,ballots_cast,valid,boris,Anna Ivanova,vlad\n" + rows);
        InputException changed = org.junit.jupiter.api.Assertions.assertThrows(InputChangedException.class,
                () -> ResultBlocks.open(f, source, RESOLVER, DISTRICTS, null, 100, ranges.get(1)).close());
        assertEquals("INPUT_CHANGED", changed.problems().get(0).code());
        try (ResultBlocks first = ResultBlocks.open(f, source, RESOLVER, DISTRICTS, null, 100, ranges.get(0))) {
            while (first.next() != null) {
                // read to the range's end
            }
            assertTrue(!first.content().sha256().equals(ranges.get(0).sha256()), "the first range's hash differs");
        }
    }

    /**
     * A quote left open and text after a closing quote, below plain rows: the CSV parser that reads the rest of the file
     * names the lines of the whole file (counted by hand: header 1, rows 2-4, the quote opens on 5 and the file ends on
     * line 7).
     */
    @Test
    void quoteErrorsBelowPlainRowsNameTheLinesOfTheWholeFile() throws Exception {
        String plain = "district_id,station_id,registered,ballots_cast,valid,anna,boris\nd1,s1,100,50,50,30,20\n"
                + "d1,s2,100,50,50,30,20\nd1,s3,100,50,50,30,20\n";
        Source source = source(Source.Level.STATION, Source.Kind.OFFICIAL, Source.ValueType.VOTES);
        Path open = tmp.resolve("open.csv");
        Files.writeString(open, plain + "d1,\"s4,100,50,50,30,20\nd1,s5,100,50,50,30,20\nd1,s6,100,50,50,30,20\n");
        Outcome unclosed = blocks(open, source, DISTRICTS, null, 2);
        assertEquals(reference(open, source, DISTRICTS, null), unclosed);
        assertEquals(5, unclosed.failure().get(0).line());
        assertTrue(unclosed.failure().get(0).message().contains("(to line 7)"), unclosed.failure().toString());
        Path after = tmp.resolve("after.csv");
        Files.writeString(after, plain + "d1,s4,100,50,50,30,20\nd1,\"s5\"x,100,50,50,30,20\n");
        Outcome text = blocks(after, source, DISTRICTS, null, 2);
        assertEquals(reference(after, source, DISTRICTS, null), text);
        assertEquals(6, text.failure().get(0).line());
    }

    /** A line exactly as long as the plain reader's buffer goes to the CSV parser, which reads it. */
    @Test
    void aLineAsLongAsTheBufferIsReadByTheCsvParser() throws Exception {
        String header = "district_id,station_id,registered,ballots_cast,valid,anna,boris\n";
        String before = "d1,s1,100,50,50,30,20\n";
        String prefix = "d1,";
        String suffix = ",100,50,50,30,20";
        String longRow = prefix + "s".repeat(CsvLines.BUFFER - prefix.length() - suffix.length()) + suffix + "\n";
        Path f = tmp.resolve("long.csv");
        Files.writeString(f, header + before + longRow + before.replace("s1", "s3"));
        Source source = source(Source.Level.STATION, Source.Kind.OFFICIAL, Source.ValueType.VOTES);
        Outcome expected = reference(f, source, DISTRICTS, null);
        Outcome actual = blocks(f, source, DISTRICTS, null, 10);
        assertEquals(null, expected.failure());
        assertEquals(2, expected.rows().size());
        assertEquals(1, expected.issues().size(), "the long station id is refused");
        assertEquals(expected, actual);
    }

    /** The plain reader's UTF-8 check against Java's own decoder, on random bytes that are mostly almost UTF-8. */
    @Test
    void utf8IsWhatJavasDecoderAccepts() {
        Random random = new Random(7);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int valid = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                int kind = random.nextInt(4);
                b[i] = (byte) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x40)
                        : kind == 2 ? 0xC0 + random.nextInt(0x40) : random.nextInt(256));
            }
            boolean java;
            try {
                decoder.reset().decode(ByteBuffer.wrap(b));
                java = true;
            } catch (CharacterCodingException e) {
                java = false;
            }
            assertEquals(java, CsvLines.utf8(b, 0, b.length), HexFormat.of().formatHex(b));
            valid += java ? 1 : 0;
        }
        assertTrue(valid > 10_000, "enough valid sequences: " + valid);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** A random results file: a header of the fixed columns, some optional ones and the candidates, then rows. */
    /**
     * @param odd whether the file has what the plain reader leaves to the CSV parser (quotes, a carriage return alone,
     *            a byte that is not UTF-8); any file has what it leaves to RowParser
     */
    private static byte[] file(Random random, int rows, boolean percent, boolean national, boolean odd) {
        List<String> columns = new ArrayList<>(List.of("district_id", "station_id", "registered", "ballots_cast",
                "valid", "Anna Ivanova", "boris", "Влад Петров"));
        for (String optional : List.of("invalid", "other", "turnout_pct")) {
            if (random.nextBoolean()) {
                columns.add(random.nextInt(columns.size() + 1), optional);
            }
        }
        java.util.Collections.shuffle(columns, random);
        if (random.nextInt(10) == 0) {
            columns.remove(random.nextInt(columns.size()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        if (random.nextInt(15) == 0) {
            out.writeBytes("\n \n".getBytes(StandardCharsets.UTF_8));
        }
        String header = String.join(",", columns);
        if (random.nextInt(20) == 0) {
            header = header.replace("boris", "\"boris\"");
        }
        boolean crlf = random.nextInt(4) == 0;
        out.writeBytes((header + (crlf ? "\r\n" : "\n")).getBytes(StandardCharsets.UTF_8));
        for (int r = 0; r < rows; r++) {
            out.writeBytes(line(random, columns, percent, national, odd, r));
            boolean last = r == rows - 1 && random.nextInt(5) == 0;
            if (!last) {
                out.writeBytes((crlf || odd && random.nextInt(50) == 0 ? "\r\n" : odd && random.nextInt(300) == 0 ? "\r"
                        : "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte[] line(Random random, List<String> columns, boolean percent, boolean national, boolean odd,
                               int r) {
        if (random.nextInt(odd ? 10 : 200) == 0) {
            return pick(random, "", "  ", ",,,", "\u3000", " , ,").getBytes(StandardCharsets.UTF_8);
        }
        List<String> cells = new ArrayList<>();
        for (String c : columns) {
            cells.add(switch (c) {
                case "district_id" -> national && random.nextInt(10) > 0 ? "" : district(random, odd);
                case "station_id" -> national && random.nextInt(10) > 0 ? "" : station(random, odd, r);
                case "turnout_pct" -> percent(random, odd);
                case "registered" -> count(random, odd, 500, 3000);
                case "ballots_cast", "valid" -> count(random, odd, 100, 500);
                default -> percent ? percent(random, odd) : count(random, odd, 0, 300);
            });
        }
        if (random.nextInt(odd ? 8 : 100) == 0) {
            cells.add(pick(random, "", " ", "x", "\t", "\u3000"));
        }
        if (random.nextInt(odd ? 8 : 100) == 0) {
            cells.remove(cells.size() - 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.join(",", cells).getBytes(StandardCharsets.UTF_8));
        if (odd && random.nextInt(3000) == 0) {
            // a byte that is not UTF-8: the whole file is refused, naming the line
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    private static String district(Random random, boolean odd) {
        if (odd && random.nextInt(30) == 0) {
            return pick(random, "\"d2\"", "\"d,1\"");
        }
        if (random.nextInt(odd ? 4 : 40) == 0) {
            return pick(random, "", " d1 ", "d9", "Р1", "d1\u3000", "x".repeat(300), "d\u00a01", "\u3000");
        }
        return pick(random, "d1", "d2", "d3");
    }

    private static String station(Random random, boolean odd, int r) {
        if (odd && random.nextInt(100) == 0) {
            return pick(random, "\"s," + r + "\"", "\"multi\nline " + r + "\"", "\"q\"\"" + r + "\"", "\"s\"x",
                    "\"never closed " + r);
        }
        if (random.nextInt(odd ? 4 : 20) == 0) {
            return pick(random, "", "  ", "УИК №" + r, "s\t" + r, " s" + r, "ş" + r,
                    odd && r > 100 ? "s" + r + "\u0000" : "s" + r);
        }
        return "s" + r;
    }

    private static String count(Random random, boolean odd, int from, int to) {
        if (odd && random.nextInt(100) == 0) {
            return pick(random, "\"40\"", "\"1,5\"");
        }
        if (random.nextInt(odd ? 5 : 60) == 0) {
            return pick(random, "", " 12", "12 ", "-3", "1e3", "1E+3", "7.", ".5", "0012", "abc", "#DIV/0!", "12.0",
                    "12.5", "99999999999", "1234567890123456", "123456789012345", "100000000000000000000", "NaN",
                    "Infinity", "1e400", "00.5", "１２", "60000", "-0", "+5", "0");
        }
        return Integer.toString(from + random.nextInt(to - from + 1));
    }

    private static String percent(Random random, boolean odd) {
        if (random.nextInt(odd ? 5 : 60) == 0) {
            return pick(random, "", "100", "100.5", "100.0000001", "0", "0.0", "-1.5", "33.3333333333333",
                    "33.33333333333333", "1e1", "101");
        }
        int decimals = random.nextInt(8) == 0 ? random.nextInt(16) : random.nextInt(4);
        double v = random.nextDouble() * (random.nextBoolean() ? 40 : 100);
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
