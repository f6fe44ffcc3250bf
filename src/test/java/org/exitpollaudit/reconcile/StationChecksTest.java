package org.exitpollaudit.reconcile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;

/** Duplicates and arithmetic of a station- or district-level file, checked on its columns. */
class StationChecksTest {

    private static final List<String> AB = List.of("a", "b");
    private static final double NAN = Double.NaN;

    @Test
    void aSecondRowOfAStationIsRejectedAndTheFirstKept() {
        ResultColumns t = new ResultColumns("cec", AB, 4);
        t.add(2, "d1", "s1", 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
        // the same station id in another district is another station
        t.add(3, "d2", "s1", 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
        t.add(4, "d1", "s1", 100, 60, 0, 60, NAN, NAN, new double[] {30, 30});
        t.add(5, "d1", "s2", 100, 50, 0, 50, NAN, NAN, new double[] {25, 25});
        t.add(9, "d1", "s1", 100, 60, 0, 60, NAN, NAN, new double[] {30, 30});
        Checked c = check(Source.Level.STATION, Source.ValueType.VOTES, t);
        assertArrayEquals(new int[] {0, 1, 3}, c.kept());
        List<DataIssue> issues = c.issues();
        assertEquals(2, issues.size());
        DataIssue first = issues.get(0);
        assertTrue(first.is(IssueCode.ROW_REJECTED));
        assertEquals(DataIssue.Severity.ERROR, first.severity());
        assertEquals("cec.csv", first.file());
        assertEquals(4, first.line());
        assertEquals("station_id", first.column());
        assertEquals("row rejected: station 's1' appears again (first at line 2); the first row is kept",
                first.message());
        // a third copy names the first row too
        assertEquals(9, issues.get(1).line());
        assertTrue(issues.get(1).message().contains("(first at line 2)"));
        assertTrue(c.flags().isEmpty());
    }

    @Test
    void aDistrictLevelFileHasOneRowPerDistrict() {
        ResultColumns t = new ResultColumns("cec-d", AB, 3);
        t.add(2, "d1", null, NAN, NAN, NAN, 50, NAN, NAN, new double[] {30, 20});
        t.add(3, "d2", null, NAN, NAN, NAN, 50, NAN, NAN, new double[] {30, 20});
        t.add(4, "d1", null, NAN, NAN, NAN, 50, NAN, NAN, new double[] {30, 20});
        Checked c = check(Source.Level.DISTRICT, Source.ValueType.VOTES, t);
        assertArrayEquals(new int[] {0, 1}, c.kept());
        List<DataIssue> issues = c.issues();
        assertEquals("district_id", issues.get(0).column());
        assertEquals("row rejected: district 'd1' appears again (first at line 2); the first row is kept",
                issues.get(0).message());
    }

    /**
     * Station s1: candidates 600 + 300 + other 50 = 950 votes, valid 1,000 (off by 50); valid + invalid = 1,000 + 30
     * = 1,030 found, more than the 1,020 cast; 1,020 cast over 1,000 registered; turnout 100 · 1020 / 1000 = 102 %.
     * Station s2 has no registered figure: only the votes check applies (10 + 10 ≠ 25), and its flag has neither
     * registered nor turnout. Station s3 adds up within the half-vote of rounding (valid 20.4 for 20 votes).
     */
    @Test
    void arithmeticThatDoesNotAddUpIsReportedAndFlagged() {
        ResultColumns t = new ResultColumns("cec", AB, 3);
        t.add(2, "d1", "s1", 1000, 1020, 30, 1000, NAN, 50, new double[] {600, 300});
        t.add(3, "d1", "s2", NAN, 30, 5, 25, NAN, NAN, new double[] {10, 10});
        t.add(4, "d1", "s3", 100, 25, 5, 20.4, NAN, NAN, new double[] {10, 10});
        Checked c = check(Source.Level.STATION, Source.ValueType.VOTES, t);
        assertArrayEquals(new int[] {0, 1, 2}, c.kept());
        List<DataIssue> issues = c.issues();
        List<StationFlag> flags = c.flags();
        assertEquals(4, issues.size());
        assertTrue(issues.get(0).is(IssueCode.VOTES_NE_VALID));
        assertEquals("valid", issues.get(0).column());
        assertEquals("station s1: candidate votes sum to 950 but valid is 1,000", issues.get(0).message());
        assertTrue(issues.get(1).is(IssueCode.FOUND_OVER_CAST));
        assertEquals("station s1: valid + invalid = 1,030 ballots found, more than the 1,020 cast",
                issues.get(1).message());
        assertTrue(issues.get(2).is(IssueCode.BALLOTS_OVER_REGISTERED));
        assertEquals("ballots_cast", issues.get(2).column());
        assertEquals("station s1: ballots cast 1,020 exceed the 1,000 registered", issues.get(2).message());
        assertEquals("station s2: candidate votes sum to 20 but valid is 25", issues.get(3).message());
        assertEquals(3, issues.get(3).line());

        assertEquals(2, flags.size());
        StationFlag s1 = flags.get(0);
        assertEquals(new StationFlag("cec", "cec.csv", 2, "d1", "s1", 1000.0, 102.0, null,
                "candidate votes sum to 950 but valid is 1,000; valid + invalid = 1,030 ballots found, more than the"
                        + " 1,020 cast; ballots cast 1,020 exceed the 1,000 registered"), s1);
        assertNull(flags.get(1).registered());
        assertNull(flags.get(1).turnoutPct());
    }

    @Test
    void aPercentFileIsCheckedForDuplicatesOnly() {
        ResultColumns t = new ResultColumns("poll", AB, 2);
        t.add(2, "d1", "s1", NAN, NAN, NAN, 90, NAN, NAN, new double[] {60, 40});
        Checked c = check(Source.Level.STATION, Source.ValueType.PERCENT, t);
        assertTrue(c.issues().isEmpty());
        assertTrue(c.flags().isEmpty());
    }

    /**
     * Many stations, some of them repeated, some ids whose hash codes collide ("Aa" and "BB" hash alike, so do
     * "AaAa", "AaBB", "BBAa" and "BBBB"): the rows kept are those a map of first rows by (district, station) keeps.
     * The row-list entry point keeps the same rows, and so do the checks of the file read in blocks.
     */
    @Test
    void keepsWhatAMapOfFirstRowsKeeps() {
        SplittableRandom random = new SplittableRandom(20240319);
        String[] colliding = {"AaAa", "AaBB", "BBAa", "BBBB"};
        ResultColumns t = new ResultColumns("cec", AB, 16);
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String district = random.nextInt(50) == 0 ? null : "d" + random.nextInt(40);
            String station = switch (random.nextInt(10)) {
                case 0 -> colliding[random.nextInt(colliding.length)];
                case 1 -> null;
                default -> "s" + random.nextInt(60_000);
            };
            t.add(i + 2, district, station, 100, 50, 0, 50, NAN, NAN, new double[] {25, 25});
            rows.add(t.row(i));
        }
        Map<List<String>, Integer> first = new LinkedHashMap<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (first.putIfAbsent(java.util.Arrays.asList(t.district(i), t.station(i)), i) == null) {
                expected.add(i);
            }
        }
        Checked c = check(Source.Level.STATION, Source.ValueType.VOTES, t);
        int[] kept = c.kept();
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), kept);
        assertEquals(t.size() - kept.length, c.issues().size());
        assertTrue(expected.size() < 45_000 && expected.size() > 20_000, "duplicates: " + (t.size() - expected.size()));
        List<ResultRow> keptRows = StationChecks.run(source(Source.Level.STATION, Source.ValueType.VOTES), rows,
                new ArrayList<>(), new ArrayList<>());
        assertEquals(expected.stream().map(rows::get).toList(), keptRows);
        // the same file read in blocks, as the analysis reads a staged release: a duplicate of a row of an earlier
        // block is found, and the issues are the same, word for word; also with a hash that collides for most keys,
        // whose rows are then told apart by their ids (read back from earlier blocks)
        Map<Integer, ResultColumns> blocks = new LinkedHashMap<>();
        for (int from = 0; from < t.size(); ) {
            int to = Math.min(t.size(), from + 1 + random.nextInt(3_000));
            blocks.put(t.line(from), t.slice(from, to));
            from = to;
        }
        int[] readBack = {0};
        // and in shards (as a file of millions of rows is checked), each shard's repeats found in a pass of its own
        for (int shards : new int[] {1, 3}) for (boolean weakHash : new boolean[] {false, true}) {
            List<DataIssue> blockIssues = new ArrayList<>();
            IntFunction<ResultColumns> earlier = line -> {
                readBack[0]++;
                return blocks.get(line);
            };
            Source cec = source(Source.Level.STATION, Source.ValueType.VOTES);
            StationChecks.Run run = new StationChecks.Run(cec, blockIssues, new ArrayList<>(), earlier,
                    weakHash ? (d, st) -> (Objects.hashCode(st) & 0x3FF) * 0x9E3779B97F4A7C15L : null, shards,
                    t.size());
            assertEquals(shards - 1, run.scans());
            for (int scan = 0; scan < run.scans(); scan++) {
                blocks.values().forEach(run::scan);
                run.endScan();
            }
            String what = (weakHash ? "weak hash" : "hash") + ", " + shards + " shards";
            List<Integer> keptInBlocks = new ArrayList<>();
            int from = 0;
            for (ResultColumns block : blocks.values()) {
                for (int i : run.next(block)) {
                    keptInBlocks.add(from + i);
                }
                from += block.size();
            }
            assertEquals(expected, keptInBlocks, what);
            assertEquals(c.issues(), blockIssues, what);
            // its table of keys goes at the end: a block after it is a mistake, said as such
            run.end();
            ResultColumns after = blocks.values().iterator().next();
            assertEquals("the check of " + cec.file() + " has ended",
                    assertThrows(IllegalStateException.class, () -> run.next(after)).getMessage(), what);
            assertThrows(IllegalStateException.class, run::end, what);
        }
        assertTrue(readBack[0] > 0, "earlier blocks were read back");
    }

    /**
     * A file that lists its stations twice, read in blocks: each earlier block is read back at most once per block
     * that repeats its stations (never once per row), and just once per block when the second listing is in the
     * first one's order. Every repeat is rejected, naming the first listing's line.
     */
    @Test
    void aFileListingItsStationsTwiceReadsEachEarlierBlockBackOncePerBlock() {
        int blockRows = 100;
        int stations = 5_000;
        for (int stride : new int[] {1, 7919}) {
            Map<Integer, ResultColumns> byLine = new LinkedHashMap<>();
            int line = 2;
            for (int from = 0; from < 2 * stations; from += blockRows) {
                ResultColumns b = new ResultColumns("cec", AB, blockRows);
                for (int i = from; i < from + blockRows; i++) {
                    int station = i < stations ? i : (int) ((long) (i - stations) * stride % stations);
                    b.add(line++, "d1", "s" + station, 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
                }
                byLine.put(b.line(0), b);
            }
            int[] readBack = {0};
            List<DataIssue> issues = new ArrayList<>();
            StationChecks.Run run = new StationChecks.Run(source(Source.Level.STATION, Source.ValueType.VOTES), issues,
                    new ArrayList<>(), l -> {
                        readBack[0]++;
                        return byLine.get(l);
                    });
            int kept = 0;
            for (ResultColumns b : byLine.values()) {
                kept += run.next(b).length;
            }
            assertEquals(stations, kept, "stride " + stride);
            assertEquals(stations, issues.size(), "stride " + stride);
            int blocks = stations / blockRows;
            assertTrue(readBack[0] <= (stride == 1 ? blocks : blocks * blocks), "stride " + stride + ": "
                    + readBack[0] + " blocks read back");
            DataIssue last = issues.get(issues.size() - 1);
            int station = (int) ((long) (stations - 1) * stride % stations);
            assertEquals("row rejected: station 's" + station + "' appears again (first at line " + (2 + station)
                    + "); the first row is kept", last.message());
        }
    }

    /**
     * Staging holds most station ids as a prefix and a number: the duplicate check hashes them without making their
     * text, to the same value as the text, so a block of text ids and a block of numbered ids of the same stations
     * find each other.
     */
    @Test
    void stationIdsHeldAsNumbersHashAsTheirText() {
        for (String prefix : new String[] {"s", "", "УИК №"}) {
            for (long n : new long[] {0, 1, 9, 10, 99, 100, 12_345, 1_000_000_007L, Long.MAX_VALUE}) {
                assertEquals(StationChecks.Run.hash("d1", prefix + n), StationChecks.Run.hashNumbered("d1", prefix, n),
                        prefix + n);
                assertEquals(StationChecks.Run.hash(null, prefix + n), StationChecks.Run.hashNumbered(null, prefix, n),
                        prefix + n);
            }
        }
        ResultColumns text = new ResultColumns("cec", AB, 100);
        for (int i = 0; i < 100; i++) {
            text.add(2 + i, "d1", "s" + i, 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
        }
        ResultColumns numbered = new ResultColumns("cec", AB, 100);
        long[] numbers = new long[100];
        for (int i = 0; i < 100; i++) {
            numbered.add(102 + i, "d1", "s" + (50 + i), 100, 50, 0, 50, NAN, NAN, new double[] {30, 20});
            numbers[i] = 50 + i;
        }
        numbered.withNumberedStations("s", numbers);
        assertEquals("s", numbered.stationPrefix());
        List<DataIssue> issues = new ArrayList<>();
        StationChecks.Run run = new StationChecks.Run(source(Source.Level.STATION, Source.ValueType.VOTES), issues,
                new ArrayList<>(), line -> line == 2 ? text : null);
        assertEquals(100, run.next(text).length);
        int[] kept = run.next(numbered);
        assertEquals(50, kept.length);
        assertEquals(50, kept[0]);
        assertEquals(50, issues.size());
        assertEquals("row rejected: station 's50' appears again (first at line 52); the first row is kept",
                issues.get(0).message());
        assertEquals(102, issues.get(0).line());
    }

    /**
     * A file is checked in one pass up to 1,474,560 rows (15/16 of the 3 × 2¹⁹ keys a table of 2 million slots holds,
     * 24 MB), in a pass per 1,474,560 rows beyond.
     */
    @Test
    void aFileOfMillionsOfRowsIsCheckedInShards() {
        assertEquals(1_474_560, StationChecks.Run.ROWS_PER_SHARD);
        assertEquals(1, StationChecks.Run.shards(-1));
        assertEquals(1, StationChecks.Run.shards(0));
        assertEquals(1, StationChecks.Run.shards(1_000_000));
        assertEquals(1, StationChecks.Run.shards(1_474_560));
        assertEquals(2, StationChecks.Run.shards(1_474_561));
        // 3,145,728 rows, twice what one table holds, in three passes: two would overfill one table by chance
        assertEquals(3, StationChecks.Run.shards(3_145_728));
        assertEquals(7, StationChecks.Run.shards(10_000_000));
    }

    private record Checked(int[] kept, List<DataIssue> issues, List<StationFlag> flags) {
    }

    private static Checked check(Source.Level level, Source.ValueType values, ResultColumns t) {
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        int[] kept = StationChecks.run(source(level, values), t, issues, flags);
        return new Checked(kept, issues, flags);
    }

    private static Source source(Source.Level level, Source.ValueType values) {
        String id = level == Source.Level.STATION && values == Source.ValueType.VOTES ? "cec"
                : values == Source.ValueType.PERCENT ? "poll" : "cec-d";
        Source.Kind kind = values == Source.ValueType.PERCENT ? Source.Kind.EXIT_POLL : Source.Kind.OFFICIAL;
        return new Source(id, kind, level, values, null, id + ".csv",
                new Source.Published("org", "2024-01-01", null, null, 1), Source.Sample.NONE, Source.Coverage.of(true));
    }
}
