package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.staging.RowBlock;
import org.junit.jupiter.api.Test;

/** The screening's turnout slopes, fine histograms, headline counts and flag counting on hand-made stations. */
class ForensicsTest {

    /**
     * Five stations of 1,000 registered voters in one district, turnout .5 … .9, no invalid ballots; a gets 250 330
     * 420 520 630 votes, b the rest (250 270 280 280 270). As worked in {@code LocalForensicStatsTest}: a's slope of
     * votes / registered on turnout is .95 (SE 0.0291547595) against its share 2,150 / 3,500 = .6142857143, an
     * excess of .3357142857; b's votes are turnout minus a's, so its slope is 1 − .95 = .05 with the same residuals
     * (mirrored) and SE, against its share 1,350 / 3,500 = .3857142857. The same in the district's own rows.
     * Histograms: turnout 50.0, 60.0 … 90.0 one station each; a's share of ballots found is 50.0, 55.0, 60.0,
     * 65.0, 70.0 %.
     */
    @Test
    void turnoutSlopesAndTenthBins() {
        List<ResultRow> rows = new ArrayList<>();
        double[] a = {250, 330, 420, 520, 630};
        for (int i = 0; i < 5; i++) {
            double ballots = 500 + 100 * i;
            rows.add(row("d1", "s" + i, 1000, ballots, a[i], ballots - a[i]));
        }
        Map<String, Double> f = index(screen(rows, List.of("a", "b"), "a").figures());
        for (String level : List.of("national|", "district|d1")) {
            assertEquals(0.95, f.get(level + "|a|turnout_slope"), 1e-12);
            assertEquals(0.0291547595, f.get(level + "|a|turnout_slope_se"), 1e-10);
            assertEquals(0.6142857143, f.get(level + "|a|turnout_slope_share"), 1e-10);
            assertEquals(0.05, f.get(level + "|b|turnout_slope"), 1e-12);
            assertEquals(0.3857142857, f.get(level + "|b|turnout_slope_share"), 1e-10);
            assertEquals(0.3357142857, f.get(level + "||turnout_slope_leader_excess"), 1e-10);
            assertEquals(0.05, f.get(level + "||turnout_slope_others"), 1e-12);
            assertEquals(0.0291547595, f.get(level + "||turnout_slope_others_se"), 1e-10);
            assertEquals(5.0, f.get(level + "||turnout_slope_stations"));
        }
        assertEquals(1.0, f.get("national|60.0||turnout_histogram_tenths"));
        assertEquals(0.0, f.get("national|60.1||turnout_histogram_tenths"));
        assertEquals(1.0, f.get("national|55.0||leader_share_histogram_tenths"));
        assertEquals(0.0, f.get("national|54.9||leader_share_histogram_tenths"));
        assertEquals(1001, f.keySet().stream().filter(k -> k.endsWith("|turnout_histogram_tenths")).count());
    }

    /**
     * Two districts of 60 stations in which the leader's share rises with turnout (the within-district correlation is
     * strongly positive, as it may be in an honest election where turnout and support differ between villages and
     * towns), plus one station at 96 % turnout and 96 % for the leader. The correlation's Holm p is reported for each
     * district but does not count among its flagged tests, which count only the integer and last-digit tests.
     */
    @Test
    void turnoutLeaderCorrelationIsNotCountedAsAFlag() {
        List<ResultRow> rows = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        for (String d : List.of("d1", "d2")) {
            for (int i = 0; i < 60; i++) {
                double registered = 1203 + 17 * i;
                double turnout = 0.403 + 0.0071 * i + 0.02 * rnd.nextGaussian();
                double ballots = Math.round(registered * turnout);
                double leader = Math.round(ballots * (0.413 + 0.0063 * i + 0.02 * rnd.nextGaussian()));
                rows.add(row(d, "s" + i, registered, ballots, leader, ballots - leader));
            }
        }
        rows.add(row("d1", "s95", 1000, 960, 922.0, 38));
        Map<String, Double> f = index(screen(rows, List.of("a", "b"), "a").figures());
        assertEquals(1.0, f.get("national|||stations_turnout_and_leader_95"));
        assertEquals(2.0, f.get("national|||districts_screened"));
        for (String d : List.of("d1", "d2")) {
            assertTrue(f.get("district|" + d + "||turnout_leader_p_holm") < 0.05);
            int counted = 0;
            for (Map.Entry<String, Double> e : f.entrySet()) {
                String[] k = e.getKey().split("\\|", -1);
                if (k[0].equals("district") && k[1].equals(d) && k[3].endsWith("_p_holm") && e.getValue() < 0.05
                        && (k[3].equals("integer_p_holm") || k[3].startsWith("last_digit_"))) {
                    counted++;
                }
            }
            assertEquals(counted, f.get("district|" + d + "||flagged_tests"));
        }
        assertEquals(2.0, f.get("national|||districts_turnout_leader_significant"));
    }

    /**
     * Three stations of 1,000 registered voters: s1 in d1 (500 ballots, a 250, b 250), s2 in d1 with a's cell empty,
     * s3 without a district (600 ballots, a 300, b 300). A station counts for the totals only with the leader's
     * votes: stations_with_figures is 2 nationally (s1, s3) and 1 in d1, turnout 100 · 1,100 / 2,000 = 55 %; but
     * every count present enters the digit tallies: b has 3 counts ≥ 10, a 2. The stations without a district
     * count nationally and form no district.
     */
    @Test
    void aStationWithoutTheLeadersVotesCountsOnlyForTheDigits() {
        Map<String, Double> f = index(screen(List.of(row("d1", "s1", 1000, 500, 250.0, 250),
                row("d1", "s2", 1000, 500, null, 250), row(null, "s3", 1000, 600, 300.0, 300)), List.of("a", "b"), "a")
                .figures());
        assertEquals(2.0, f.get("national|||stations_with_figures"));
        assertEquals(55.0, f.get("national|||turnout_pct"), 1e-12);
        assertEquals(1.0, f.get("district|d1||stations_with_figures"));
        assertEquals(3.0, f.get("national||b|benford2_n"));
        assertEquals(2.0, f.get("national||a|benford2_n"));
        assertEquals(2.0, f.get("district|d1|b|benford2_n"));
        assertEquals(1.0, f.get("national|||districts_screened"));
    }

    /**
     * The rows to screen are a subset of the table, the file's columns are in another order than the package's and
     * the package has a candidate the file lacks: the figures are those of a table of just those rows, columns in
     * the package's order, but for the lacking candidate's (no votes, so no slope and no counts); and the same
     * whether the parts run on several cores or on one.
     */
    @Test
    void rowsAreChosenByIndexAndCandidatesByIdWhateverTheColumnOrder() {
        List<ResultRow> all = sixtyStations();
        List<ResultRow> reversed = new ArrayList<>();
        for (ResultRow r : all) {
            Map<String, Double> votes = new LinkedHashMap<>();
            votes.put("b", r.candidates().get("b"));
            votes.put("a", r.candidates().get("a"));
            reversed.add(new ResultRow(r.sourceId(), r.line(), r.districtId(), r.stationId(), r.registered(),
                    r.ballotsCast(), r.invalid(), r.valid(), null, null, votes));
        }
        int[] chosen = IntStream.range(0, all.size()).filter(i -> i % 7 != 3).toArray();
        List<ResultRow> subset = IntStream.of(chosen).mapToObj(all::get).toList();
        ResultColumns table = ResultColumns.of("count", reversed);
        List<Figure> viaIndex = Forensics.run("count", "count.csv", table, chosen, List.of("a", "c", "b"), "a", 0.05)
                .figures();
        List<Figure> expected = screen(subset, List.of("a", "b"), "a").figures();
        List<Figure> withoutC = viaIndex.stream().filter(x -> !"c".equals(x.candidate())).toList();
        assertEquals(expected, withoutC);
        Map<String, Double> f = index(viaIndex);
        assertEquals(0.0, f.get("national||c|benford2_n"));
        assertEquals(null, f.get("national||c|turnout_slope"));
        assertEquals(viaIndex, Forensics.run("count", "count.csv", table, chosen, List.of("a", "c", "b"), "a", 0.05,
                new Forensics.Memos(), false).figures());
        // memos filled by the screening of another release (here: all the stations) give the same figures
        Forensics.Memos used = new Forensics.Memos();
        Forensics.run("count", "count.csv", table, IntStream.range(0, all.size()).toArray(), List.of("a", "c", "b"),
                "a", 0.05, used);
        assertEquals(viaIndex, Forensics.run("count", "count.csv", table, chosen, List.of("a", "c", "b"), "a", 0.05,
                used).figures());
    }

    /**
     * A release read in blocks, as the analysis reads staged rows: whatever the cut, the screening's figures and flags
     * are the very doubles of the whole table's (every sum adds its stations in file order), with stations without a
     * district among them and rows left out by the checks in several blocks.
     */
    @Test
    void blocksOfAnySizeGiveTheWholeTablesFigures() {
        List<ResultRow> rows = new ArrayList<>(sixtyStations());
        rows.add(row(null, "n1", 900, 600, 400.0, 200));
        rows.add(5, row("", "n2", 800, 500, 300.0, 200));
        rows.add(17, row(null, "n3", 1200, 700, 500.0, 200));
        rows.add(row("d9", "s96", 1000, 960, 930.0, 30));
        ResultColumns table = ResultColumns.of("count", rows);
        int[] chosen = IntStream.range(0, table.size()).filter(i -> i % 11 != 4).toArray();
        List<String> candidates = List.of("a", "b");
        Forensics.Result whole = Forensics.run("count", "count.csv", table, chosen, candidates, "a", 0.05);
        java.util.Random rnd = new java.util.Random(5);
        for (int trial = 0; trial < 20; trial++) {
            List<ResultColumns> blocks = new ArrayList<>();
            List<int[]> kept = new ArrayList<>();
            for (int from = 0; from < table.size(); ) {
                int to = Math.min(table.size(), from + 1 + rnd.nextInt(trial < 10 ? 8 : 40));
                int start = from;
                blocks.add(table.slice(from, to));
                kept.add(IntStream.of(chosen).filter(i -> i >= start && i < to).map(i -> i - start).toArray());
                from = to;
            }
            Forensics.Screening screening = new Forensics.Screening("count", "count.csv", candidates, "a", 0.05,
                    new Forensics.Memos(), trial % 2 == 0);
            // every third trial hands its flags on as the last pass finds them, a block's at a time
            List<List<StationFlag>> handed = new ArrayList<>();
            for (int pass = 0; pass < screening.passes(); pass++) {
                // given at the start of the last pass at the latest (trial 0 at the first, the others there); no flag
                // is found before that pass
                if (trial % 3 == 0 && pass == screening.passes() - 1) {
                    assertTrue(handed.isEmpty());
                }
                if (trial % 3 == 0 && pass == (trial == 0 ? 0 : screening.passes() - 1)) {
                    screening.flagsTo(handed::add);
                }
                // staged blocks as a pass decodes them, in two sets of arrays in turn: the parts beside the caller
                // read a block until the next add returns, and no longer
                RowBlock.InTurn arrays = new RowBlock.InTurn();
                for (int b = 0; b < blocks.size(); b++) {
                    screening.add(arrays.decode("count", RowBlock.encode(blocks.get(b)).get(0).body()), kept.get(b));
                    if (trial % 3 == 0 && pass == screening.passes() - 1 && b == 0) {
                        assertThrows(IllegalStateException.class, () -> screening.flagsTo(handed::add), "too late");
                    }
                }
                screening.endPass();
            }
            Forensics.Result inBlocks = screening.result();
            assertEquals(whole.figures(), inBlocks.figures(), "blocks of trial " + trial);
            if (trial % 3 == 0) {
                assertEquals(List.of(), inBlocks.flags(), "handed on, not kept: trial " + trial);
                assertEquals(blocks.size(), handed.size(), "a list per block: trial " + trial);
                assertEquals(whole.flags(), handed.stream().flatMap(List::stream).toList(), "flags of trial " + trial);
            } else {
                assertEquals(whole.flags(), inBlocks.flags(), "flags of trial " + trial);
            }
        }
        assertTrue(whole.flags().stream().anyMatch(f -> "s96".equals(f.station())), "the 96 % station is flagged");
        Forensics.Screening early = new Forensics.Screening("count", "count.csv", candidates, "a", 0.05,
                new Forensics.Memos(), false);
        early.add(table, chosen);
        assertThrows(IllegalStateException.class, early::result, "a result before the passes are done");
    }

    /**
     * Starts a block's parts beside the caller as late as the screening allows: they run only when it waits for them,
     * at the next add or endPass, after the caller has decoded the next block.
     */
    private static Future<?> atTheLatest(Runnable parts) {
        return new FutureTask<Void>(parts, null) {
            @Override
            public Void get() throws InterruptedException, ExecutionException {
                run();
                return super.get();
            }
        };
    }

    /** The blocks of a table cut every {@code size} rows, with the kept rows of each as indices into it. */
    private static void cut(ResultColumns table, int[] chosen, int size, List<ResultColumns> blocks, List<int[]> kept) {
        for (int from = 0; from < table.size(); from += size) {
            int start = from;
            int to = Math.min(table.size(), from + size);
            blocks.add(table.slice(from, to));
            kept.add(IntStream.of(chosen).filter(i -> i >= start && i < to).map(i -> i - start).toArray());
        }
    }

    /**
     * A block's parts beside the caller read its arrays until the next add returns: blocks decoded in two sets of
     * arrays in turn give the whole table's figures even when those parts run as late as that; decoded into one set,
     * they would read the next block's rows by then, and the figures differ.
     */
    @Test
    void partsBesideTheCallerReadTheirBlockUntilTheNextAddReturns() {
        ResultColumns table = ResultColumns.of("count", sixtyStations());
        int[] chosen = IntStream.range(0, table.size()).filter(i -> i % 7 != 3).toArray();
        List<String> candidates = List.of("a", "b");
        Forensics.Result whole = Forensics.run("count", "count.csv", table, chosen, candidates, "a", 0.05);
        List<ResultColumns> blocks = new ArrayList<>();
        List<int[]> kept = new ArrayList<>();
        cut(table, chosen, 9, blocks, kept);
        for (boolean inTurn : new boolean[] {true, false}) {
            Forensics.Screening screening = new Forensics.Screening("count", "count.csv", candidates, "a", 0.05,
                    new Forensics.Memos(), ForensicsTest::atTheLatest);
            for (int pass = 0; pass < screening.passes(); pass++) {
                RowBlock.InTurn two = new RowBlock.InTurn();
                RowBlock.Reused one = new RowBlock.Reused();
                for (int b = 0; b < blocks.size(); b++) {
                    byte[] body = RowBlock.encode(blocks.get(b)).get(0).body();
                    screening.add(inTurn ? two.decode("count", body) : RowBlock.decode("count", body, one),
                            kept.get(b));
                }
                screening.endPass();
            }
            if (inTurn) {
                assertEquals(whole.figures(), screening.result().figures());
            } else {
                assertNotEquals(whole.figures(), screening.result().figures(), "one set of arrays, read too late");
            }
        }
    }

    /**
     * What the parts beside the caller throw comes out of the screening when it waits for them; when the caller's
     * own part fails meanwhile, its failure goes up once they have ended, with theirs suppressed in it.
     */
    @Test
    void failuresBesideTheCallerAreNotLost() {
        ResultColumns table = ResultColumns.of("count", sixtyStations());
        int[] all = IntStream.range(0, table.size()).toArray();
        List<String> candidates = List.of("a", "b");
        AtomicBoolean fail = new AtomicBoolean(true);
        Function<Runnable, Future<?>> runner = parts -> atTheLatest(() -> {
            parts.run();
            if (fail.get()) {
                throw new ArithmeticException("beside");
            }
        });
        Forensics.Screening waiting = new Forensics.Screening("count", "count.csv", candidates, "a", 0.05,
                new Forensics.Memos(), runner);
        waiting.add(table, all);
        IllegalStateException failed = assertThrows(IllegalStateException.class, waiting::endPass);
        assertTrue(failed.getCause() instanceof ArithmeticException && "beside".equals(failed.getCause().getMessage()),
                String.valueOf(failed.getCause()));

        // the caller's own part fails (the sink its flags go to) while the last block's parts beside are pending
        fail.set(false);
        Forensics.Screening flagging = new Forensics.Screening("count", "count.csv", candidates, "a", 0.05,
                new Forensics.Memos(), runner);
        for (int pass = 0; pass < flagging.passes() - 1; pass++) {
            flagging.add(table, all);
            flagging.endPass();
        }
        flagging.flagsTo(found -> {
            throw new IllegalStateException("sink");
        });
        fail.set(true);
        IllegalStateException sink = assertThrows(IllegalStateException.class, () -> flagging.add(table, all));
        assertEquals("sink", sink.getMessage());
        assertEquals(1, sink.getSuppressed().length, "the parts beside ran before the failure went up");
        assertEquals("beside", sink.getSuppressed()[0].getCause().getMessage());
    }

    @Test
    void argumentsAreChecked() {
        ResultColumns table = ResultColumns.of("count", sixtyStations());
        List<String> ab = List.of("a", "b");
        int[][] badRows = {{0, 2, 2}, {3, 1}, {-1, 0}, {0, table.size()}};
        for (int[] rows : badRows) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Forensics.run("count", "count.csv", table, rows, ab, "a", 0.05));
            assertTrue(e.getMessage().contains("ascending indices"), e.getMessage());
        }
        for (double alpha : new double[] {0, 1, Double.NaN, -0.05}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Forensics.run("count", "count.csv", table, new int[] {0}, ab, "a", alpha), "alpha " + alpha);
        }
        assertThrows(NullPointerException.class,
                () -> Forensics.run("count", "count.csv", null, new int[0], ab, "a", .05));
        assertThrows(NullPointerException.class, () -> Forensics.run("count", "count.csv", table, null, ab, "a", .05));
        assertThrows(NullPointerException.class,
                () -> Forensics.run("count", "count.csv", table, new int[0], ab, null, .05));
        assertThrows(NullPointerException.class,
                () -> Forensics.run("count", "count.csv", table, new int[0], ab, "a", .05, (Forensics.Memos) null));
    }

    /** Sixty stations in three districts with varied turnout and shares (a deterministic pseudo-random draw). */
    private static List<ResultRow> sixtyStations() {
        java.util.Random rnd = new java.util.Random(17);
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double registered = 150 + rnd.nextInt(2000);
            double ballots = Math.round(registered * (0.4 + 0.5 * rnd.nextDouble()));
            double a = Math.round(ballots * (0.3 + 0.5 * rnd.nextDouble()));
            rows.add(row("d" + (i % 3), "s" + i, registered, ballots, a, ballots - a));
        }
        return rows;
    }

    /** The screening of every row, as the station analysis calls it. */
    private static Forensics.Result screen(List<ResultRow> rows, List<String> candidates, String leader) {
        ResultColumns table = ResultColumns.of("count", rows);
        return Forensics.run("count", "count.csv", table, IntStream.range(0, table.size()).toArray(), candidates,
                leader, 0.05);
    }

    private static ResultRow row(String district, String station, double registered, double ballots, Double a,
                                 double b) {
        Map<String, Double> votes = new LinkedHashMap<>();
        votes.put("a", a);
        votes.put("b", b);
        return new ResultRow("count", 0, district, station, registered, ballots, 0.0, (a == null ? 0 : a) + b, null,
                null, votes);
    }

    /** "level|unit|candidate|metric"; the national unit is empty. */
    private static Map<String, Double> index(List<Figure> figures) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Figure f : figures) {
            out.put(f.level() + "|" + (f.unit() == null ? "" : f.unit()) + "|" + (f.candidate() == null ? ""
                    : f.candidate()) + "|" + f.metric(), f.value() == null ? Double.NaN : f.value());
        }
        return out;
    }
}
