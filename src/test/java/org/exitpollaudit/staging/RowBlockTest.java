package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;

class RowBlockTest {

    private static final double NAN = Double.NaN;

    private static Map<String, Double> votes(Object... idValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < idValue.length; i += 2) {
            m.put((String) idValue[i], (Double) idValue[i + 1]);
        }
        return m;
    }

    /** Every figure of every row, bit for bit (NaN for a missing one), and the text columns. */
    private static void assertSameRows(ResultColumns expected, ResultColumns actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.candidates(), actual.candidates());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.line(i), actual.line(i));
            assertEquals(expected.district(i), actual.district(i));
            assertEquals(expected.station(i), actual.station(i));
            double[][] pairs = {{expected.registered(i), actual.registered(i)},
                {expected.ballotsCast(i), actual.ballotsCast(i)}, {expected.invalid(i), actual.invalid(i)},
                {expected.valid(i), actual.valid(i)}, {expected.turnoutPct(i), actual.turnoutPct(i)},
                {expected.other(i), actual.other(i)}};
            for (double[] p : pairs) {
                assertEquals(Double.doubleToRawLongBits(p[0]), Double.doubleToRawLongBits(p[1]), "row " + i + ": " + p[0]);
            }
            for (int c = 0; c < expected.candidates().size(); c++) {
                assertEquals(Double.doubleToRawLongBits(expected.votes(c, i)), Double.doubleToRawLongBits(actual.votes(c, i)),
                        "row " + i + ", candidate " + c);
            }
        }
    }

    @Test
    void everyNumberMissingFigureAndTextComesBackExactly() {
        String longId = "Участковая избирательная комиссия ".repeat(10) + "№ 554\t\u001e\u001f\"=1+1";
        ResultColumns rows = new ResultColumns("s", List.of("putin", "davankov"), 4);
        rows.add(4, null, null, -0.0, 0.0, -12.0, 1e300, Double.MIN_VALUE, 9007199254740993.0, new double[] {0.1 + 0.2, 7});
        rows.add(5, "r02", "", (double) Long.MAX_VALUE, 4503599627370497.0, NAN, NAN, NAN, 2.5, new double[] {1, 2});
        rows.add(9, "r01", longId, 526, 386, 1, 385, 73.384, NAN, new double[] {339, 7});
        rows.add(Integer.MAX_VALUE, "r01", "x", NAN, NAN, NAN, NAN, NAN, NAN, new double[] {NAN, -3});
        rows.add(2, "r01", "y", 1, 2, 3, 4, 5, 6, new double[] {7, 8});
        RowBlock.Encoded block = RowBlock.encode(rows).get(0);
        assertEquals("s", block.sourceId());
        assertEquals(2, block.firstLine(), "the smallest line, whatever the order");
        assertEquals(5, block.rowCount());
        assertSameRows(rows, RowBlock.decode("s", block.body()));
        assertEquals(rows.rows(), new RowBlock.Decoder().decode("s", block.body()));
    }

    /**
     * Blocks decoded one after another into the same arrays each read as a block decoded alone: a larger block, then
     * a smaller one whose columns are of other kinds (figures where the first had none and none where it had some,
     * ids as text where they were numbered), then a block's keys, then a whole block again. Each is compared before
     * the next is decoded, as a pass reads them.
     */
    @Test
    void blocksDecodedIntoTheSameArraysReadAsBlocksDecodedAlone() {
        ResultColumns large = new ResultColumns("s", List.of("a", "b"), 5);
        for (int i = 0; i < 5; i++) {
            large.add(2 + i, "d" + (i % 2), "s" + (10 + i), 100 + i, 50 + i, 1, 49 + i, 50.5, NAN,
                    new double[] {30 + i, 19});
        }
        ResultColumns small = new ResultColumns("s", List.of("a", "b"), 3);
        small.add(7, "d9", "УИК №1", NAN, 40, NAN, NAN, NAN, 2, new double[] {0.25, NAN});
        small.add(8, null, "x", 90, NAN, NAN, 45, NAN, 3, new double[] {45, 1e300});
        RowBlock.Reused reused = new RowBlock.Reused();
        byte[] largeBody = RowBlock.encode(large).get(0).body();
        byte[] smallBody = RowBlock.encode(small).get(0).body();
        assertSameRows(RowBlock.decode("s", largeBody), RowBlock.decode("s", largeBody, reused));
        assertSameRows(RowBlock.decode("s", smallBody), RowBlock.decode("s", smallBody, reused));
        assertSameRows(RowBlock.decodeKeys("s", largeBody), RowBlock.decodeKeys("s", largeBody, reused));
        assertSameRows(large, RowBlock.decode("s", largeBody, reused));
        assertSameRows(small, RowBlock.decode("s", smallBody, reused));
    }

    /**
     * Decoded in turn, a block holds while the next is decoded and read (the screening reads it on another core
     * meanwhile): each block compared after the one after it has been decoded.
     */
    @Test
    void blocksDecodedInTurnHoldWhileTheNextIsRead() {
        List<ResultColumns> blocks = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            ResultColumns block = new ResultColumns("s", List.of("a", "b"), 4);
            for (int i = 0; i < 4 - b % 2; i++) {
                block.add(10 * b + i, "d" + b, "s" + (10 * b + i), 100 + b, 50 + i, b % 3 == 0 ? NAN : 1, 49 + i,
                        NAN, NAN, new double[] {30 + b, 19 - i});
            }
            blocks.add(block);
        }
        RowBlock.InTurn arrays = new RowBlock.InTurn();
        ResultColumns previous = null;
        for (int b = 0; b < blocks.size(); b++) {
            ResultColumns decoded = arrays.decode("s", RowBlock.encode(blocks.get(b)).get(0).body());
            if (previous != null) {
                assertSameRows(blocks.get(b - 1), previous);
            }
            assertSameRows(blocks.get(b), decoded);
            previous = decoded;
        }
    }

    /** Read for its keys, a block gives the same lines, districts and station ids, and no figure. */
    @Test
    void keysAloneAreTheSameKeysWithEveryFigureMissing() {
        ResultColumns rows = new ResultColumns("s", List.of("a", "b"), 4);
        rows.add(2, "d1", "s7", 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
        rows.add(3, "d1", "s8", 120, 60, 1, 59, 50.0, NAN, new double[] {40, 19});
        rows.add(5, null, null, 0.5, NAN, NAN, NAN, NAN, NAN, new double[] {1, 2});
        rows.add(4, "d2", "УИК №1", 90, 45, 0, 45, NAN, 3, new double[] {45, 0});
        ResultColumns keys = RowBlock.decodeKeys("s", RowBlock.encode(rows).get(0).body());
        ResultColumns none = new ResultColumns("s", List.of("a", "b"), 4);
        for (int i = 0; i < rows.size(); i++) {
            none.add(rows.line(i), rows.district(i), rows.station(i), NAN, NAN, NAN, NAN, NAN, NAN,
                    new double[] {NAN, NAN});
        }
        assertSameRows(none, keys);
        // numbered ids too (s7, s8 and a missing one do not share a prefix with УИК №1: here one block of each)
        ResultColumns numbered = rows.slice(0, 2);
        assertEquals("s", RowBlock.decodeKeys("s", RowBlock.encode(numbered).get(0).body()).stationPrefix());
        assertSameRows(none.slice(0, 2), RowBlock.decodeKeys("s", RowBlock.encode(numbered).get(0).body()));
    }

    @Test
    void aBlockWithoutCandidatesOrFiguresAndNoBlockForNoRows() {
        ResultColumns rows = new ResultColumns("n", List.of(), 1);
        rows.add(3, null, null, NAN, NAN, NAN, NAN, NAN, NAN, new double[0]);
        assertSameRows(rows, RowBlock.decode("n", RowBlock.encode(rows).get(0).body()));
        assertEquals(List.of(), RowBlock.encode(new ResultColumns("n", List.of("a"), 1)));
    }

    /**
     * Counts and station numbers take a byte per value below 128. Two rows of a station file, written out byte by byte:
     * format 0, 2 rows, 2 candidates (tag 1, length 1, "a"; tag 1, length 1, "b") = 9; lines 2 and +1 = 2; districts
     * "d1" new (tag, length, 2 bytes) and again (reference 3) = 5; stations numbered (kind 1, prefix "s" as tag, length,
     * 1 byte, numbers 1 and +1) = 6; registered (kind 1, 100, 120) = 3; ballots cast (kind 1, 50, 60) = 3; invalid,
     * valid, turnout and other missing (kind 0) = 4; candidates a (kind 1, 30, 40) = 3 and b (kind 1, 20, 20) = 3. In
     * all 38 bytes.
     */
    @Test
    void countsTakeAByteEachBelow128() {
        ResultColumns rows = new ResultColumns("s", List.of("a", "b"), 2);
        rows.add(2, "d1", "s1", 100, 50, NAN, NAN, NAN, NAN, new double[] {30, 20});
        rows.add(3, "d1", "s2", 120, 60, NAN, NAN, NAN, NAN, new double[] {40, 20});
        byte[] body = RowBlock.encode(rows).get(0).body();
        assertEquals(38, body.length, HexFormat.of().formatHex(body));
        assertSameRows(rows, RowBlock.decode("s", body));
    }

    /**
     * A district written again takes the reference it took the first time, whether the column holds the same instance
     * again (as a parser's shares it row after row), an equal one, or comes back to it after another district: the
     * block's bytes do not depend on which.
     */
    @Test
    void aRepeatedDistrictIsTheSameReferenceWhetherTheSameInstanceOrAnEqualOne() {
        String d1 = "d1";
        String d2 = "d2";
        String[] same = {d1, d2, d1, d1, null, d1, d2, d2, ""};
        byte[][] bodies = new byte[2][];
        for (int variant = 0; variant < 2; variant++) {
            ResultColumns rows = new ResultColumns("s", List.of("a"), same.length);
            for (int i = 0; i < same.length; i++) {
                String d = variant == 0 || same[i] == null ? same[i] : new String(same[i]);
                rows.add(2 + i, d, "s" + i, 100, 50, NAN, NAN, NAN, NAN, new double[] {30});
            }
            bodies[variant] = RowBlock.encode(rows).get(0).body();
            assertSameRows(rows, RowBlock.decode("s", bodies[variant]));
        }
        assertArrayEquals(bodies[1], bodies[0]);
    }

    /** Rows too wide for one block go to several, each of them read back as it was, in line order. */
    @Test
    void rowsTooWideForOneBlockAreSplitInLineOrder() {
        ResultColumns rows = new ResultColumns("s", List.of("a", "b"), 7);
        for (int i = 0; i < 7; i++) {
            rows.add(10 + i, "d", "s" + i, 1, 2, 3, 4, 5.5, NAN, new double[] {0.1 * (i + 1), i});
        }
        // room for two rows: 7 rows are halved into 3 (then 1 and 2) and 4 (then 2 and 2)
        int limit = RowBlock.encode(rows.slice(0, 2)).get(0).body().length;
        List<RowBlock.Encoded> blocks = RowBlock.encode(rows, limit);
        assertEquals(List.of(10, 11, 13, 15), blocks.stream().map(RowBlock.Encoded::firstLine).toList());
        List<ResultRow> back = new java.util.ArrayList<>();
        RowBlock.Decoder decoder = new RowBlock.Decoder();
        for (RowBlock.Encoded b : blocks) {
            assertEquals(true, b.body().length <= limit, b.body().length + " of " + limit);
            back.addAll(decoder.decode("s", b.body()));
        }
        assertEquals(rows.rows(), back);
        assertEquals(7, blocks.stream().mapToInt(RowBlock.Encoded::rowCount).sum());
    }

    /** Ids that are a prefix and a number only when they read back as the same text; any other id as it is. */
    @Test
    void stationIdsComeBackAsTheyWereWrittenNumberedOrNot() {
        List<List<String>> blocks = List.of(List.of("s1", "s10", "s3", "s0"), List.of("УИК №554", "УИК №1"),
                List.of("7", "8", "6"), List.of("s1", "s01"), List.of("s1", "t2"), List.of("s1", "s"),
                List.of("s1", "s" + "9".repeat(19)), List.of("s" + "9".repeat(18), "s1"), List.of("x", "y"));
        for (List<String> ids : blocks) {
            ResultColumns rows = new ResultColumns("s", List.of("a"), ids.size());
            for (int i = 0; i < ids.size(); i++) {
                rows.add(2 + i, "d", ids.get(i), NAN, NAN, NAN, NAN, NAN, NAN, new double[] {1});
            }
            ResultColumns back = RowBlock.decode("s", RowBlock.encode(rows).get(0).body());
            assertSameRows(rows, back);
            // ids read back as numbers are the same text in a slice, a copied row and a table they are added to
            assertSameRows(rows.slice(1, ids.size()), back.slice(1, ids.size()));
            ResultColumns copied = new ResultColumns("s", List.of("a"), 1);
            copied.add(back, ids.size() - 1);
            assertSameRows(rows.slice(ids.size() - 1, ids.size()), copied);
            back.addAll(rows);
            assertEquals(ids, java.util.stream.IntStream.range(0, ids.size()).mapToObj(back::station).toList());
            assertEquals(ids, java.util.stream.IntStream.range(ids.size(), 2 * ids.size()).mapToObj(back::station)
                    .toList());
        }
        ResultColumns missing = new ResultColumns("s", List.of("a"), 2);
        missing.add(2, "d", "s1", NAN, NAN, NAN, NAN, NAN, NAN, new double[] {1});
        missing.add(3, "d", null, NAN, NAN, NAN, NAN, NAN, NAN, new double[] {1});
        assertSameRows(missing, RowBlock.decode("s", RowBlock.encode(missing).get(0).body()));
    }

    @Test
    void rowsOfTheSameCandidatesShareOneIdArrayAndDistrictsOneStringAcrossBlocks() {
        ResultColumns first = new ResultColumns("s", List.of("a", "b"), 2);
        first.add(2, new String("r01"), "s1", 100, 50, NAN, 49, NAN, NAN, new double[] {1, 48});
        ResultColumns second = new ResultColumns("s", List.of("a", "b"), 2);
        second.add(3, new String("r01"), "s2", 100, 50, NAN, 49, NAN, NAN, new double[] {2, 47});
        RowBlock.Decoder decoder = new RowBlock.Decoder();
        ResultRow a = decoder.decode("s", RowBlock.encode(first).get(0).body()).get(0);
        ResultRow b = decoder.decode("s", RowBlock.encode(second).get(0).body()).get(0);
        assertEquals(first.row(0), a);
        assertEquals(second.row(0), b);
        assertSame(a.districtId(), b.districtId());
        assertSame(a.registered(), b.registered(), "whole numbers below 2^16: one shared value each");
        assertEquals(List.of("a", "b"), List.copyOf(b.candidates().keySet()));
    }

    /** A body that does not start with the format byte is not a staged block: refused, never read as rows. */
    @Test
    void aBodyOfAnotherFormatIsRefused() {
        byte[] notABlock = {2, 1, 3};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RowBlock.decode("s", notABlock));
        assertEquals("not a staged block: format byte 2", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new RowBlock.Decoder().decode("s", notABlock));
        assertThrows(IllegalStateException.class, () -> RowBlock.decodeKeys("s", notABlock));
    }
}
