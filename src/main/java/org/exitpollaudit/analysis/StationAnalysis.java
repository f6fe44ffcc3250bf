package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.reconcile.StationChecks;
import org.exitpollaudit.reconcile.StationFlag;

/**
 * Everything below national level: per-station consistency (duplicates rejected, arithmetic flagged), the forensic
 * screening of each official station-level release, the reconciliation of station sums with district and national
 * figures, and the district-by-district and station-by-station comparison of exit polls that publish them.
 */
public final class StationAnalysis {

    /**
     * One official station-level release (its figures and flags went to the sink): its issues, its sums, and for the
     * reference of the local comparison the rows that passed the checks (for another release {@code null}, so that
     * its table can go).
     */
    private record Release(List<DataIssue> issues, Totals totals, LocalComparison.OfficialStations kept,
                           String leader) {
    }

    /** The staged rows of the official station-level releases, read a block at a time, as often as needed. */
    public interface Blocks {
        /**
         * Gives each block of a release's rows, in file order, the same blocks on every call; none when the release
         * has no rows. Every block has the same candidate columns. A block must hold until {@code block} returns for
         * the block after it (the screening reads it on another core meanwhile), and may hold no longer (its arrays
         * may be those of the block after that): what is kept of it is copied.
         */
        void forEach(String sourceId, Consumer<ResultColumns> block);

        /**
         * The same blocks with their lines and ids only, every figure missing, where that is cheaper to read: what the
         * duplicate check's scans look at. A block holds only until {@code block} returns (nothing reads it on
         * another core).
         */
        default void forEachKeys(String sourceId, Consumer<ResultColumns> block) {
            forEach(sourceId, block);
        }

        /** The block of a release whose first row is at line {@code firstLine}; {@code null} if there is none. */
        ResultColumns block(String sourceId, int firstLine);

        /** The rows of a release's blocks; −1 when not known. */
        default long rows(String sourceId) {
            return -1;
        }
    }

    private StationAnalysis() {
    }

    /**
     * Where the analysis hands its figures and flagged stations as it makes them (the checks of the small files, each
     * release's checks, screening and reconciliation, then the local comparison), in the order a whole result would
     * list them. A station-level release of millions of stations and thousands of districts has hundreds of
     * thousands of both, which need not all be held at once.
     */
    public interface Sink {
        void figures(List<Figure> figures);

        void flags(List<StationFlag> flags);

        /** A sink that hands figures and flags to the two consumers. */
        static Sink of(Consumer<List<Figure>> figures, Consumer<List<StationFlag>> flags) {
            return new Sink() {
                @Override
                public void figures(List<Figure> more) {
                    figures.accept(more);
                }

                @Override
                public void flags(List<StationFlag> more) {
                    flags.accept(more);
                }
            };
        }
    }

    /**
     * What the analysis keeps, its figures and flags having gone to a {@link Sink}.
     *
     * @param sums national sums of each district- or station-level source that has rows (registered, ballots,
     *             invalid, valid and each candidate over its units), for packages that publish no national figures
     */
    public record Summary(List<DataIssue> issues, Map<String, ResultRow> sums) {
    }

    /**
     * The station analysis, its figures and flags handed to {@code out} as they are made.
     *
     * @param rows     staged rows of every district- and station-level source except the official station-level
     *                 releases, by source id (file order); these files are small
     * @param stations reads the staged blocks of an official station-level release (they can be large: each is read
     *                 a block at a time, in as many passes as the screening needs, and of the reference for the local
     *                 comparison only the rows of the stations polls name are kept)
     * @param national the national row of each national source
     * @param rejected rows rejected at ingest, by source file
     * @param progress told the name of each part as it finishes (for timing logs)
     */
    public static Summary run(ElectionPackage pkg, Map<String, List<ResultRow>> rows,
                             Blocks stations, Map<String, ResultRow> national,
                             Map<String, Long> rejected, AnalysisParameters params, Consumer<String> progress,
                             Sink out) {
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Map<String, List<ResultRow>> clean = new LinkedHashMap<>();
        for (Source s : pkg.sources()) {
            List<ResultRow> r = rows.get(s.id());
            if (r != null) {
                clean.put(s.id(), StationChecks.run(s, r, issues, flags));
            }
        }
        out.flags(flags);
        progress.accept("district and poll rows checked");
        List<String> candidates = pkg.candidates().stream().map(Candidate::id).toList();
        List<Source> releases = pkg.officialReleases().stream().filter(s -> s.level() == Source.Level.STATION).toList();
        Source reference = releases.stream().filter(s -> s.values() == Source.ValueType.VOTES)
                .min(Comparator.comparing(s -> !s.finalRelease())).orElse(null);
        Map<String, ResultRow> sums = new LinkedHashMap<>();
        clean.forEach((id, r) -> sums.put(id, sum(id, Totals.of(r))));
        LocalComparison.OfficialStations referenceStations = null;
        // the releases repeat most stations: their screenings share the memos of the exact probabilities
        Forensics.Memos memos = new Forensics.Memos();
        Set<String> polled = LocalComparison.polledStations(pkg, clean);
        String previousLeader = null;
        for (Source s : releases) {
            Release one = release(pkg, s, stations, s == reference ? polled : null, clean, national, rejected,
                    candidates, params, memos, leaderGuess(pkg, national, previousLeader, candidates), progress, out);
            if (one == null) {
                continue;
            }
            previousLeader = one.leader() != null ? one.leader() : previousLeader;
            issues.addAll(one.issues());
            sums.put(s.id(), sum(s.id(), one.totals()));
            if (s == reference) {
                referenceStations = one.kept();
            }
        }
        LocalComparison.Result local = LocalComparison.run(pkg, clean, referenceStations, candidates,
                finalVotes(pkg, national, sums), params);
        out.figures(local.figures());
        out.flags(local.flags());
        issues.addAll(local.issues());
        progress.accept("local comparison");
        return new Summary(issues, sums);
    }

    /**
     * The final release's national figures by candidate (its national row, else the sum of its district or station
     * rows); {@code null} when there is no final release with figures.
     */
    private static Map<String, Double> finalVotes(ElectionPackage pkg, Map<String, ResultRow> national,
                                                  Map<String, ResultRow> sums) {
        for (Source s : pkg.officialReleases()) {
            if (s.finalRelease()) {
                ResultRow r = national.containsKey(s.id()) ? national.get(s.id()) : sums.get(s.id());
                return r == null ? null : r.candidates();
            }
        }
        return null;
    }

    /** A source's rows summed to one national row (line 0). */
    private static ResultRow sum(String id, Totals t) {
        return new ResultRow(id, 0, null, null, t.registered(), t.ballots(), t.invalid(), t.valid(), null, null,
                t.votes());
    }

    /**
     * Checks, reconciliation and forensics of one official station-level release, whose figures and flags go to
     * {@code out} (the result holds its issues); {@code null} when it has no rows.
     * The first pass over its blocks checks and sums the rows (the sums name the leader the screening needs); the
     * screening then makes its own passes, the first of them with the checks where the leader can be guessed.
     *
     * @param polled for the reference of the local comparison, the station ids polls name (its rows of them are
     *               kept); {@code null} for another release
     * @param guess  the leader the release most likely has ({@link #leaderGuess}), {@code null} if none (then the
     *               leader of the first block's checked rows is the guess): the screening's first pass runs with the
     *               checks and sums, one pass over the blocks fewer, and runs again should the sums name another
     *               leader
     */
    private static Release release(ElectionPackage pkg, Source s, Blocks stations, Set<String> polled,
                                   Map<String, List<ResultRow>> clean, Map<String, ResultRow> national,
                                   Map<String, Long> rejected, List<String> candidates, AnalysisParameters params,
                                   Forensics.Memos memos, String guess, Consumer<String> progress, Sink out) {
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        // a release of millions of stations has its duplicates found shard by shard, a pass over its blocks each
        StationChecks.Run checks = new StationChecks.Run(s, issues, flags,
                firstLine -> stations.block(s.id(), firstLine), null, stations.rows(s.id()));
        for (int scan = 0; scan < checks.scans(); scan++) {
            stations.forEachKeys(s.id(), checks::scan);
            checks.endScan();
        }
        if (checks.scans() > 0) {
            progress.accept(s.id() + ": duplicates of " + checks.scans() + " of the " + (checks.scans() + 1)
                    + " shards of its stations found");
        }
        Totals.Running running = new Totals.Running(true, true);
        KeptRows kept = new KeptRows();
        ResultColumns[] polledRows = new ResultColumns[1];
        StationSet polledSet = polled == null ? null : new StationSet(polled);
        // in an array, so that a wrong guess's screening can be let go before the right one runs
        Forensics.Screening[] early = {guess == null ? null : new Forensics.Screening(s.id(), s.file(), candidates,
                guess, params.alpha(), memos, true)};
        // without a guess, the leader of the first block's checked rows is one (a release's first few thousand
        // stations rarely have another leader than the whole; a wrong guess costs the pass it would have saved)
        String[] guessed = {guess};
        stations.forEach(s.id(), block -> {
            int[] rows = checks.next(block);
            if (guessed[0] == null && kept.blocks() == 0) {
                guessed[0] = leader(blockVotes(block, rows), candidates);
                if (guessed[0] != null) {
                    early[0] = new Forensics.Screening(s.id(), s.file(), candidates, guessed[0], params.alpha(),
                            memos, true);
                }
            }
            kept.add(block, rows);
            running.add(block, rows);
            if (early[0] != null) {
                early[0].add(block, rows);
            }
            if (polled != null) {
                if (polledRows[0] == null) {
                    polledRows[0] = new ResultColumns(s.id(), block.candidates(), 16);
                }
                for (int i : rows) {
                    if (polledSet.contains(block, i)) {
                        polledRows[0].add(block, i);
                    }
                }
            }
        });
        checks.end();
        if (early[0] != null) {
            // the pass is over: the parts still reading its last block end
            early[0].endPass();
        }
        // the checks' flags come first, the screening's after them, handed on as its last pass finds them
        out.flags(flags);
        if (kept.rows() == 0) {
            return null;
        }
        Totals.WithDistricts sums = running.result(kept.candidates());
        String leader = leader(sums.all().votes(), candidates);
        progress.accept(s.id() + ": " + kept.rows() + " rows checked and summed");
        if (leader != null) {
            long rejectedRows = rejected.getOrDefault(s.file(), 0L)
                    + issues.stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).count();
            // the screening's figures come first, then the reconciliation's (figures.csv keeps one order)
            List<DataIssue> levelIssues = new ArrayList<>();
            List<Figure> level = LevelReconciliation.run(pkg, s, sums, clean, national, rejectedRows, candidates,
                    levelIssues);
            progress.accept(s.id() + ": reconciliation");
            boolean right = early[0] != null && leader.equals(guessed[0]);
            Forensics.Screening screening = right ? early[0] : new Forensics.Screening(s.id(), s.file(), candidates,
                    leader, params.alpha(), memos, true);
            // a screening with the guess made its first pass with the checks
            early[0] = null;
            screening.flagsTo(out::flags);
            for (int pass = right ? 1 : 0; pass < screening.passes(); pass++) {
                kept.rewind();
                stations.forEach(s.id(), block -> screening.add(block, kept.next(block)));
                kept.endPass(s.id());
                screening.endPass();
            }
            // the screening's figures go on as they are made (thousands of districts' worth), then the reconciliation's
            screening.result(out::figures);
            out.figures(level);
            issues.addAll(levelIssues);
            progress.accept(s.id() + ": forensics");
        }
        LocalComparison.OfficialStations reference = null;
        if (polled != null) {
            ResultColumns table = polledRows[0];
            reference = new LocalComparison.OfficialStations(s, table, table.allRows(), sums);
        }
        return new Release(issues, sums.all(), reference, leader);
    }

    /**
     * The leader a station-level release most likely has: that of the final release's national row, else of the
     * release screened before; {@code null} when neither is known. A guess only saves a pass over the blocks: the
     * screening runs with the leader the release's own sums name.
     */
    static String leaderGuess(ElectionPackage pkg, Map<String, ResultRow> national, String previous,
                              List<String> candidates) {
        ResultRow row = null;
        for (Source f : pkg.officialReleases()) {
            if (f.finalRelease() && national.containsKey(f.id())) {
                row = national.get(f.id());
            }
        }
        if (row != null) {
            Map<String, Double> votes = new LinkedHashMap<>();
            row.candidates().forEach((c, v) -> {
                if (v != null) {
                    votes.put(c, v);
                }
            });
            String leader = leader(votes, candidates);
            if (leader != null) {
                return leader;
            }
        }
        return previous;
    }

    /**
     * The rows of each block of a release that passed the checks, for the passes after the first: the blocks' sizes
     * and the few rows rejected in each (not the many kept), so that it takes memory by blocks, not rows.
     */
    private static final class KeptRows {
        private static final int[] NONE = new int[0];
        private final List<int[]> rejected = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();
        private List<String> candidates;
        private long rows;
        private int next;

        /** Records the next block of the first pass and its kept rows (ascending). */
        void add(ResultColumns block, int[] kept) {
            if (candidates == null) {
                candidates = block.candidates();
            } else if (!candidates.equals(block.candidates())) {
                throw new IllegalStateException("a block of " + block.sourceId() + " has candidates "
                        + block.candidates() + ", the first had " + candidates);
            }
            int[] out = kept.length == block.size() ? NONE : new int[block.size() - kept.length];
            for (int i = 0, j = 0, r = 0; i < block.size(); i++) {
                if (j < kept.length && kept[j] == i) {
                    j++;
                } else {
                    out[r++] = i;
                }
            }
            rejected.add(out);
            sizes.add(block.size());
            rows += block.size();
        }

        /** Starts another pass over the blocks. */
        void rewind() {
            next = 0;
        }

        /** The kept rows of the pass's next block, which must be the block the first pass had at that place. */
        int[] next(ResultColumns block) {
            if (next >= sizes.size() || sizes.get(next) != block.size()) {
                throw new IllegalStateException("the staged blocks of " + block.sourceId()
                        + " changed between two passes over them");
            }
            int[] out = rejected.get(next++);
            int[] kept = new int[block.size() - out.length];
            for (int i = 0, j = 0, r = 0; i < block.size(); i++) {
                if (r < out.length && out[r] == i) {
                    r++;
                } else {
                    kept[j++] = i;
                }
            }
            return kept;
        }

        /** Checks that the pass had every block of the first. */
        void endPass(String sourceId) {
            if (next != sizes.size()) {
                throw new IllegalStateException("a pass over the staged blocks of " + sourceId + " had " + next
                        + " of the first pass's " + sizes.size() + " blocks");
            }
        }

        /** Blocks recorded by the first pass so far. */
        int blocks() {
            return sizes.size();
        }

        /** Rows read in the first pass. */
        long rows() {
            return rows;
        }

        /** The blocks' candidate columns. */
        List<String> candidates() {
            return candidates;
        }
    }

    /** The votes of each candidate with any over {@code rows} of {@code block}. */
    private static Map<String, Double> blockVotes(ResultColumns block, int[] rows) {
        Map<String, Double> votes = new LinkedHashMap<>();
        List<String> columns = block.candidates();
        for (int c = 0; c < columns.size(); c++) {
            double sum = 0;
            boolean any = false;
            for (int i : rows) {
                double v = block.votes(c, i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    any = true;
                }
            }
            if (any) {
                votes.put(columns.get(c), sum);
            }
        }
        return votes;
    }

    /** The candidate with the most votes. */
    static String leader(Map<String, Double> votes, List<String> candidates) {
        return candidates.stream().filter(votes::containsKey)
                .max((a, b) -> Double.compare(votes.get(a), votes.get(b))).orElse(null);
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    static Map<String, District> districts(ElectionPackage pkg) {
        Map<String, District> out = new LinkedHashMap<>();
        pkg.districts().forEach(d -> out.put(d.id(), d));
        return out;
    }
}
