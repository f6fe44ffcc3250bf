package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.staging.RowBlock;
import org.junit.jupiter.api.Test;

/**
 * A station-level release screened from its staged blocks: whether the leader was guessed right (from the final
 * national row, or without one from the first block), or wrongly, the screening's figures and flags are those of the
 * whole table screened with the leader its own sums name; a right guess saves one pass over the blocks, a wrong one
 * costs one.
 */
class StationAnalysisTest {

    private static final double NAN = Double.NaN;

    @Test
    void theScreeningIsTheSameWhateverTheLeaderGuessAndAGoodGuessSavesAPass() {
        Source fin = source("final", Source.Level.NATIONAL, true);
        Source cec = source("cec", Source.Level.STATION, false);
        ElectionPackage pkg = new ElectionPackage(Path.of("."), new Election("e", "e", LocalDate.of(2024, 1, 1), "x",
                null, null, null), List.of(new Candidate("a", "Alpha", null, List.of()),
                new Candidate("b", "Beta", null, List.of())), List.of(new District("d0", "D0", null, null, null),
                new District("d1", "D1", null, null, null), new District("d2", "D2", null, null, null)),
                List.of(fin, cec));
        Map<String, Integer> passes = new LinkedHashMap<>();
        Map<String, Analysed> outputs = new LinkedHashMap<>();
        // without a national row the first block's leader is the guess, from its checked rows: b in two tables (one
        // with a rejected row for a), a in the other
        for (String national : new String[] {"b leads", "a leads", "none", "none, a ahead in the first block",
            "none, a rejected row for a in the first block"}) {
            ResultColumns table = table(national.endsWith("ahead in the first block"),
                    national.endsWith("rejected row for a in the first block"));
            int[] kept = IntStream.range(0, table.size()).filter(i -> table.line(i) < 100).toArray();
            List<Figure> expected = Forensics.run("cec", "cec.csv", table, kept, List.of("a", "b"), "b", 0.05)
                    .figures();
            int[] reads = {0};
            StationAnalysis.Blocks blocks = new StationAnalysis.Blocks() {
                @Override
                public void forEach(String sourceId, Consumer<ResultColumns> block) {
                    reads[0]++;
                    for (int from = 0; from < table.size(); from += 7) {
                        block.accept(table.slice(from, Math.min(table.size(), from + 7)));
                    }
                }

                @Override
                public ResultColumns block(String sourceId, int firstLine) {
                    for (int from = 0; from < table.size(); from += 7) {
                        if (table.line(from) == firstLine) {
                            return table.slice(from, Math.min(table.size(), from + 7));
                        }
                    }
                    return null;
                }
            };
            Map<String, ResultRow> nationalRows = new LinkedHashMap<>();
            if (!national.startsWith("none")) {
                boolean bLeads = national.equals("b leads");
                nationalRows.put("final", new ResultRow("final", 2, null, null, null, null, null, null, null, null,
                        votes(bLeads ? 40_000 : 60_000, bLeads ? 60_000 : 40_000)));
            }
            Analysed r = analysed(pkg, blocks, nationalRows, AnalysisParameters.DEFAULTS, part -> { });
            List<Figure> forensics = r.figures().stream().filter(f -> Figure.FORENSICS.equals(f.section())).toList();
            assertEquals(expected, forensics, national);
            assertFalse(forensics.isEmpty());
            passes.put(national, reads[0]);
            outputs.put(national, r);
        }
        assertEquals(Map.of("b leads", 3, "a leads", 4, "none", 3, "none, a ahead in the first block", 4,
                "none, a rejected row for a in the first block", 3), passes,
                "checks and sums, then the screening's three passes, the first of them with the checks when guessed");
        // the same table gives the same flags, in the same order, and rejects the same rows whatever the guess (its
        // forensic figures are compared above; its reconciliation's depend on the national row, which differs)
        for (String national : List.of("a leads", "none")) {
            assertEquals(outputs.get("b leads").flags(), outputs.get(national).flags(), national);
            assertEquals(rejected(outputs.get("b leads")), rejected(outputs.get(national)), national);
        }
        assertFalse(outputs.get("b leads").flags().isEmpty());
        assertEquals(1, rejected(outputs.get("none")).size());
        assertEquals(2, rejected(outputs.get("none, a rejected row for a in the first block")).size());
    }

    /**
     * 60 stations in three districts and a duplicate of one of them (line 100, rejected), b ahead of a overall (a has
     * 20-50 % of the ballots; s30, flagged, 1 %); with {@code aFirst} a has 90 % in the first seven stations, the first block; with
     * {@code aRejected} the first block also holds a duplicate of station s1 (line 101, rejected) with 99,999 votes for
     * a, more than b's in all the block's other rows.
     */
    private static ResultColumns table(boolean aFirst, boolean aRejected) {
        Random rnd = new Random(11);
        ResultColumns table = new ResultColumns("cec", List.of("a", "b"), 64);
        for (int i = 0; i < 60; i++) {
            double registered = 150 + rnd.nextInt(2000);
            double ballots = Math.round(registered * (0.4 + 0.5 * rnd.nextDouble()));
            double a = Math.round(ballots * (aFirst && i < 7 ? 0.9 : 0.2 + 0.3 * rnd.nextDouble()));
            if (i == 30) {
                // turnout and b's share both 99 %: a flagged station
                registered = 1000;
                ballots = 990;
                a = 10;
            }
            table.add(2 + i, "d" + (i % 3), "s" + i, registered, ballots, 0, ballots, NAN, NAN,
                    new double[] {a, ballots - a});
            if (i == 20) {
                table.add(100, "d2", "s5", 999, 999, 0, 999, NAN, NAN, new double[] {999, 0});
            }
            if (i == 2 && aRejected) {
                table.add(101, "d1", "s1", 99_999, 99_999, 0, 99_999, NAN, NAN, new double[] {99_999, 0});
            }
        }
        return table;
    }

    /**
     * A release the staging says has 3 million rows has its duplicates found in three shards, a pass over its blocks
     * each before the last (here a table of 120 rows, cut at random, 24 of them repeats, some in the block of their
     * first row and some blocks later): figures, issues and flags are those of the check in one pass. The sharded run
     * reads its blocks as staging gives them, encoded and decoded into the same arrays block after block: a part of
     * the analysis that kept a block beyond its turn would see the next one's figures.
     */
    @Test
    void aReleaseOfMillionsOfRowsIsCheckedInShardsToTheSameResult() {
        Random rnd = new Random(5);
        ResultColumns table = new ResultColumns("cec", List.of("a", "b"), 128);
        for (int i = 0; i < 120; i++) {
            int station = i < 96 ? i : rnd.nextInt(96);
            double registered = 150 + rnd.nextInt(2000);
            double ballots = Math.round(registered * (0.4 + 0.5 * rnd.nextDouble()));
            double a = Math.round(ballots * (0.2 + 0.3 * rnd.nextDouble()));
            table.add(2 + i, "d" + (station % 3), "s" + station, registered, ballots, 0, ballots + (i == 7 ? 5 : 0),
                    NAN, NAN, new double[] {a, ballots - a});
        }
        List<Integer> cuts = new ArrayList<>(List.of(0));
        while (cuts.get(cuts.size() - 1) < table.size()) {
            cuts.add(Math.min(table.size(), cuts.get(cuts.size() - 1) + 1 + rnd.nextInt(15)));
        }
        Source fin = source("final", Source.Level.NATIONAL, true);
        Source cec = source("cec", Source.Level.STATION, false);
        // a poll of a few stations, whose official rows the release's pass copies for the local comparison
        Source poll = new Source("poll", Source.Kind.EXIT_POLL, Source.Level.STATION, Source.ValueType.VOTES,
                null, "poll.csv",
                new Source.Published("org", "2024-01-01", null, null, 1),
                Source.Sample.NONE, Source.Coverage.of(false));
        Map<String, List<ResultRow>> polled = Map.of("poll", List.of(
                new ResultRow("poll", 2, "d1", "s10", null, null, null, null, null, null, votes(20, 10)),
                new ResultRow("poll", 3, "d0", "s45", null, null, null, null, null, null, votes(12, 18)),
                new ResultRow("poll", 4, "d2", "s95", null, null, null, null, null, null, votes(15, 15))));
        ElectionPackage pkg = new ElectionPackage(Path.of("."), new Election("e", "e", LocalDate.of(2024, 1, 1), "x",
                null, null, null), List.of(new Candidate("a", "Alpha", null, List.of()),
                new Candidate("b", "Beta", null, List.of())), List.of(), List.of(fin, cec, poll));
        List<Analysed> results = new ArrayList<>();
        List<Integer> reads = new ArrayList<>();
        List<Integer> keyReads = new ArrayList<>();
        for (long rows : new long[] {-1, 3_000_000}) {
            int[] read = {0, 0};
            boolean staged = rows > 0;
            StationAnalysis.Blocks blocks = new StationAnalysis.Blocks() {
                @Override
                public void forEach(String sourceId, Consumer<ResultColumns> block) {
                    read[0]++;
                    // two sets of arrays in turn, as staging decodes them
                    RowBlock.InTurn arrays = new RowBlock.InTurn();
                    for (int c = 1; c < cuts.size(); c++) {
                        ResultColumns slice = table.slice(cuts.get(c - 1), cuts.get(c));
                        block.accept(staged ? arrays.decode(sourceId, RowBlock.encode(slice).get(0).body()) : slice);
                    }
                }

                // the scans read the blocks' keys alone, as staging gives them (figures missing)
                @Override
                public void forEachKeys(String sourceId, Consumer<ResultColumns> block) {
                    read[1]++;
                    RowBlock.Reused reused = new RowBlock.Reused();
                    for (int c = 1; c < cuts.size(); c++) {
                        block.accept(RowBlock.decodeKeys(sourceId,
                                RowBlock.encode(table.slice(cuts.get(c - 1), cuts.get(c))).get(0).body(), reused));
                    }
                }

                @Override
                public ResultColumns block(String sourceId, int firstLine) {
                    for (int c = 1; c < cuts.size(); c++) {
                        if (table.line(cuts.get(c - 1)) == firstLine) {
                            return table.slice(cuts.get(c - 1), cuts.get(c));
                        }
                    }
                    return null;
                }

                @Override
                public long rows(String sourceId) {
                    return rows;
                }
            };
            List<Figure> figures = new ArrayList<>();
            List<StationFlag> flags = new ArrayList<>();
            StationAnalysis.Summary summary = StationAnalysis.run(pkg, polled, blocks, Map.of(), Map.of(),
                    AnalysisParameters.DEFAULTS, part -> { }, StationAnalysis.Sink.of(figures::addAll, flags::addAll));
            results.add(new Analysed(figures, summary.issues(), flags));
            reads.add(read[0]);
            keyReads.add(read[1]);
        }
        // the polled stations' official shares, as the table gives them (s10, s45 and s95 are not repeated rows)
        Map<String, Double> officialA = new LinkedHashMap<>();
        results.get(1).figures().stream().filter(f -> "official_share".equals(f.metric()) && "a".equals(f.candidate()))
                .forEach(f -> officialA.put(f.unit(), f.value()));
        Map<String, Double> expectedA = new LinkedHashMap<>();
        for (String id : List.of("s10", "s45", "s95")) {
            int i = Integer.parseInt(id.substring(1));
            expectedA.put("d" + (i % 3) + "/" + id, table.votes(0, i) / (table.votes(0, i) + table.votes(1, i)));
        }
        assertEquals(expectedA, officialA);
        assertEquals(List.of(3, 3), reads,
                "the checks with the sums and the screening's first pass (b leads the first block), then its two others");
        assertEquals(List.of(0, 2), keyReads, "two passes of keys more for three shards");
        assertEquals(24, results.get(0).issues().stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).count());
        assertFalse(results.get(0).flags().isEmpty(), "the arithmetic flag of line 9");
        assertEquals(results.get(0).figures(), results.get(1).figures());
        assertEquals(results.get(0).issues(), results.get(1).issues());
        assertEquals(results.get(0).flags(), results.get(1).flags());
    }

    private static List<DataIssue> rejected(Analysed a) {
        return a.issues().stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).toList();
    }

    /** What the analysis handed to its sink, in order, and the issues it kept. */
    private record Analysed(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags) {
    }

    private static Analysed analysed(ElectionPackage pkg, StationAnalysis.Blocks blocks,
                                     Map<String, ResultRow> national, AnalysisParameters params,
                                     Consumer<String> progress) {
        List<Figure> figures = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        StationAnalysis.Summary s = StationAnalysis.run(pkg, Map.of(), blocks, national, Map.of(), params, progress,
                StationAnalysis.Sink.of(figures::addAll, flags::addAll));
        return new Analysed(figures, s.issues(), flags);
    }

    private static Map<String, Double> votes(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    private static Source source(String id, Source.Level level, boolean isFinal) {
        return new Source(id, Source.Kind.OFFICIAL, level, Source.ValueType.VOTES, null, id + ".csv",
                new Source.Published("cec", "2024-01-01", null, null, 1),
                Source.Sample.NONE, Source.Coverage.of(isFinal));
    }
}
