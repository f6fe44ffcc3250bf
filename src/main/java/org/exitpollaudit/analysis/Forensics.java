package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.stats.DigitTests;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.IntegerPercentageMemo;
import org.exitpollaudit.stats.LastDigitMemo;

/**
 * Screening of an official station-level release (section {@code forensics}), nationally and per district:
 * the integer-percentage test ({@link IntegerScreen}), the digit tests ({@link DigitScreen}), turnout against the
 * votes ({@link TurnoutScreen}), the distributions and fingerprint ({@link Distributions}) and the remarkable
 * stations ({@link StationFlags}), on the release's columns ({@link ForensicStations}). This class groups the
 * stations by district, runs the parts, and adjusts each test's district p-values for the number of districts
 * (Holm).
 *
 * <p>Figures come in one order whatever the threads do: the national tests, the national distributions, each
 * district's tests in order of first appearance, the Holm-adjusted p-values by test, each district's count of flagged
 * tests, then the headline counts. Every sum runs over stations in file order (a district's in its own rows' order;
 * the nation's integer and digit sums are the stations without a district, then the districts' sums in order), so
 * the figures are the same doubles on any number of cores.
 */
public final class Forensics {

    /** The figures, and the stations whose own numbers are remarkable. */
    public record Result(List<Figure> figures, List<StationFlag> flags) {
    }

    private Forensics() {
    }

    /**
     * @param table      the release's rows as columns
     * @param rows       the rows to screen: those that passed the station checks (duplicates removed), as indices
     *                   into {@code table}, ascending
     * @param candidates the package's candidates, in its order (the file's columns may be in another order, or miss
     *                   some)
     * @param leader     the candidate with the most votes in the release
     * @param alpha      significance level of the district flags, in (0, 1)
     */
    public static Result run(String source, String file, ResultColumns table, int[] rows, List<String> candidates,
                             String leader, double alpha) {
        return run(source, file, table, rows, candidates, leader, alpha, new Memos());
    }

    /**
     * {@link #run(String, String, ResultColumns, int[], List, String, double)} with memos kept from the screening of
     * another release: the releases of one election repeat most stations, whose probabilities are then looked up
     * instead of computed again (the figures are the same).
     */
    public static Result run(String source, String file, ResultColumns table, int[] rows, List<String> candidates,
                             String leader, double alpha, Memos memos) {
        return run(source, file, table, rows, candidates, leader, alpha, memos, true);
    }

    /** {@link #run}, its parts on several cores or on this thread alone (the figures are the same). */
    static Result run(String source, String file, ResultColumns table, int[] rows, List<String> candidates,
                      String leader, double alpha, Memos memos, boolean parallel) {
        Objects.requireNonNull(table, "table");
        Screening screening = new Screening(source, file, candidates, leader, alpha, memos, parallel);
        for (int pass = 0; pass < screening.passes(); pass++) {
            screening.add(table, rows);
            screening.endPass();
        }
        return screening.result();
    }

    /**
     * The screening of a release read a block of rows at a time, in {@link #passes} walks over its blocks in file
     * order (the turnout screen centres each station on its district's means and then takes the slopes' residuals,
     * so it needs three; every other part is done in the first). What it keeps grows with districts and candidates,
     * not stations: each part's sums per district, the memos, and the flagged stations. The figures are the same
     * doubles however the rows are cut into blocks, since every sum still adds its stations in file order.
     */
    public static final class Screening {
        private final String source;
        private final String file;
        private final List<String> candidates;
        private final String leader;
        private final double alpha;
        private final Memos memos;
        /** Starts the parts of a block that run beside the caller: on the common pool, or at once on the caller. */
        private final Function<Runnable, Future<?>> besideRunner;
        /** District numbers in order of first appearance; group 0 is the stations without a district, d + 1 district d. */
        private final Map<String, Integer> number = new HashMap<>();
        private final List<String> ids = new ArrayList<>();
        private final List<IntegerScreen.Sums> integer = new ArrayList<>();
        private final List<DigitTests.Tally[]> digits = new ArrayList<>();
        private final TurnoutScreen.Scan districtTurnout;
        private final TurnoutScreen.Scan nationalTurnout;
        private final Distributions distributions = new Distributions();
        private final List<StationFlag> flags = new ArrayList<>();
        /** Where the flagged stations go: kept for {@link #result}, or handed on ({@link #flagsTo}). */
        private Consumer<List<StationFlag>> flagSink = flags::addAll;
        /** The flagged stations whose turnout and leader share both reach 95 %. */
        private long both95;
        private int pass;
        /** Whether a block of the last pass has been added: its flags are being found. */
        private boolean flagging;
        /** The parts of the last block added that run beside the caller ({@link #add}); done when there are none. */
        private Future<?> beside;

        /**
         * @param candidates the package's candidates, in its order (the file's columns may be in another order, or
         *                   miss some)
         * @param leader     the candidate with the most votes in the release
         * @param alpha      significance level of the district flags, in (0, 1)
         * @param memos      memos kept from the screening of another release, or new ones
         * @param parallel   the parts of each block on several cores, or on the caller's thread alone (the figures
         *                   are the same)
         */
        public Screening(String source, String file, List<String> candidates, String leader, double alpha,
                         Memos memos, boolean parallel) {
            this(source, file, candidates, leader, alpha, memos, parallel
                    // the common pool's, as a parallel stream's (with two cores, one thread beside the caller's)
                    ? parts -> ForkJoinPool.commonPool().submit(parts)
                    : parts -> {
                        // run at once, and a failure kept for the wait, as the pool's task keeps it
                        FutureTask<Void> now = new FutureTask<>(parts, null);
                        now.run();
                        return now;
                    });
        }

        /**
         * A screening whose parts beside the caller {@code besideRunner} starts (tests choose when they run: at the
         * latest when the screening waits for them, at the next {@link #add} or {@link #endPass}).
         */
        Screening(String source, String file, List<String> candidates, String leader, double alpha, Memos memos,
                  Function<Runnable, Future<?>> besideRunner) {
            Objects.requireNonNull(candidates, "candidates");
            Objects.requireNonNull(leader, "leader");
            Objects.requireNonNull(memos, "memos");
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
            }
            this.source = source;
            this.file = file;
            this.candidates = List.copyOf(candidates);
            this.leader = leader;
            this.alpha = alpha;
            this.memos = memos;
            this.besideRunner = Objects.requireNonNull(besideRunner, "besideRunner");
            int leaderCandidate = candidates.indexOf(leader);
            districtTurnout = new TurnoutScreen.Scan(candidates.size(), leaderCandidate, true);
            nationalTurnout = new TurnoutScreen.Scan(candidates.size(), leaderCandidate, false);
            groups(1);
        }

        /** The walks over the release's blocks the screening needs. */
        public int passes() {
            return TurnoutScreen.Scan.PASSES;
        }

        /**
         * Hands the flagged stations to {@code sink} a block's at a time, in file order, as the last pass finds them,
         * instead of keeping them for {@link #result} (a ten-million-station release flags some 100,000). Only
         * before the last pass's first block.
         */
        public void flagsTo(Consumer<List<StationFlag>> sink) {
            if (flagging) {
                throw new IllegalStateException("the screening's last pass has begun: its flags are being found");
            }
            flagSink = Objects.requireNonNull(sink, "sink");
        }

        /**
         * Adds a block's rows to the current pass: {@code rows} are the indices into {@code table} of the rows that
         * passed the station checks (duplicates removed), ascending. Every pass must be given the same rows in the
         * same blocks, in file order. Unless the screening runs on the caller's thread alone, part of the block's
         * screening may still be running when this returns: {@code table} is read until the next {@code add} or
         * {@link #endPass} returns, so a reader that decodes blocks into reused arrays needs two sets of them, used in
         * turn.
         */
        public void add(ResultColumns table, int[] rows) {
            check(table, rows);
            if (pass >= passes()) {
                throw new IllegalStateException("the screening has had its " + passes() + " passes");
            }
            // the previous block's parts beside this thread: the sums group() makes room in are theirs
            awaitBeside();
            ForensicStations s = new ForensicStations(table, candidates, leader);
            int[] group = group(table, rows);
            // the parts are independent: each walks the block's rows in file order and adds to sums of its own (a
            // memo serves one part). With several cores, those "beside" run on another thread while this one runs
            // its own and goes on to read and check the next block; they end before the next block's parts start
            List<Runnable> own = new ArrayList<>(3);
            List<Runnable> beside = new ArrayList<>(3);
            beside.add(() -> {
                for (int j = 0; j < rows.length; j++) {
                    if (group[j] > 0) {
                        districtTurnout.add(s, rows[j], group[j]);
                    }
                }
            });
            own.add(() -> {
                for (int j = 0; j < rows.length; j++) {
                    nationalTurnout.add(s, rows[j], group[j]);
                }
            });
            if (pass == 0) {
                DigitTests.Tally[][] tallies = digits.toArray(DigitTests.Tally[][]::new);
                own.add(() -> {
                    for (int j = 0; j < rows.length; j++) {
                        integer.get(group[j]).add(s, rows[j], memos.integer);
                    }
                });
                beside.add(() -> {
                    for (int j = 0; j < rows.length; j++) {
                        DigitScreen.add(tallies[group[j]], s, rows[j], memos.lastDigit);
                    }
                });
                beside.add(() -> distributions.add(s, rows));
            }
            // the flags in the last pass: by then the station checks, which run with the first pass and whose flags
            // come first, are done, so that the screening's can be handed on as they are found
            if (pass == passes() - 1) {
                flagging = true;
            }
            this.beside = besideRunner.apply(() -> beside.forEach(Runnable::run));
            try {
                own.forEach(Runnable::run);
                if (flagging) {
                    List<StationFlag> found = StationFlags.of(source, file, s, rows);
                    both95 += found.stream().filter(x -> x.reasons().contains(StationFlags.BOTH_95)).count();
                    flagSink.accept(found);
                }
            } catch (RuntimeException | Error e) {
                // the parts beside end before the failure goes up (they read the block's arrays), and what they
                // threw goes with it
                try {
                    awaitBeside();
                } catch (RuntimeException | Error besideFailure) {
                    e.addSuppressed(besideFailure);
                }
                throw e;
            }
        }

        /**
         * Waits for the parts of the last block added that run beside the caller; what they threw comes out as the
         * cause of an {@link IllegalStateException}. Their block's arrays may be reused once this returns.
         */
        private void awaitBeside() {
            if (beside == null) {
                return;
            }
            Future<?> parts = beside;
            beside = null;
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        parts.get();
                        return;
                    } catch (InterruptedException e) {
                        // the parts read arrays the caller reuses next: they end first, whatever the interruption
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                // the parts screen rows the checks have passed: a failure there is the code's, its cause the story
                throw new IllegalStateException("the screening's parts beside the caller failed", e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Ends a pass: every block has been added to it. The last block's arrays may be reused once this returns (they
         * may be read until then).
         */
        public void endPass() {
            awaitBeside();
            districtTurnout.endPass();
            nationalTurnout.endPass();
            pass++;
        }

        /**
         * The group of each of the rows: 0 without a district (none, or an empty id), else 1 + the district's number in
         * order of first appearance; the first pass numbers the districts it meets.
         */
        private int[] group(ResultColumns table, int[] rows) {
            int[] group = new int[rows.length];
            // district ids are shared instances within a block, and files come sorted by district more often than not
            String last = null;
            int lastGroup = 0;
            for (int j = 0; j < rows.length; j++) {
                String d = table.district(rows[j]);
                if (d == null || d.isEmpty()) {
                    continue;
                }
                if (d != last) {
                    last = d;
                    Integer n = number.get(d);
                    if (n == null) {
                        if (pass > 0) {
                            throw new IllegalStateException("district " + d + " was not in the first pass");
                        }
                        n = ids.size();
                        number.put(d, n);
                        ids.add(d);
                    }
                    lastGroup = n + 1;
                }
                group[j] = lastGroup;
            }
            groups(ids.size() + 1);
            return group;
        }

        /** Makes room in every part's sums for groups 0 … n − 1. */
        private void groups(int n) {
            while (integer.size() < n) {
                integer.add(new IntegerScreen.Sums());
                DigitTests.Tally[] tallies = new DigitTests.Tally[candidates.size()];
                for (int c = 0; c < tallies.length; c++) {
                    tallies[c] = new DigitTests.Tally();
                }
                digits.add(tallies);
            }
            districtTurnout.groups(n);
            nationalTurnout.groups(n);
        }

        /** The figures and flags, after the passes. */
        public Result result() {
            List<Figure> out = new ArrayList<>();
            List<StationFlag> flags = result(out::addAll);
            return new Result(out, flags);
        }

        /**
         * The figures, handed to {@code figures} a few thousand at a time, in order, as they are made (a release of
         * thousands of districts has hundreds of thousands), after the passes; returns the flagged stations (none
         * when they were handed on: {@link #flagsTo}).
         */
        public List<StationFlag> result(Consumer<List<Figure>> figures) {
            if (pass < passes()) {
                throw new IllegalStateException("the screening has had " + pass + " of its " + passes() + " passes");
            }
            Chunks out = new Chunks(figures);
            // the nation's sums: the stations without a district, then each district's sums in order
            int count = ids.size();
            IntegerScreen.Sums sums = integer.get(0);
            DigitTests.Tally[] tallies = digits.get(0);
            for (int d = 1; d <= count; d++) {
                sums.add(integer.get(d));
                DigitScreen.add(tallies, digits.get(d));
            }
            Emit national = new Emit(out, source, Figure.NATIONAL, null);
            screen(candidates, national, sums, nationalTurnout.result(0), tallies);
            distributions.emit(national);
            List<Map<String, Double>> pPerDistrict = new ArrayList<>(count);
            for (int d = 0; d < count; d++) {
                pPerDistrict.add(screen(candidates, new Emit(out, source, Figure.LEVEL_DISTRICT, ids.get(d)),
                        integer.get(d + 1), districtTurnout.result(d + 1), digits.get(d + 1)));
            }
            Map<String, Double> significant = holm(source, ids, pPerDistrict, alpha, out);
            // the headline findings, as figures a sheet can show: districts screened, and how many remain significant
            // after Holm for the integer test and for the (descriptive) turnout-leader correlation (NaN where no
            // district could be tested)
            national.put(null, Metric.Forensics.DISTRICTS_SCREENED, count);
            national.put(null, Metric.Forensics.DISTRICTS_INTEGER_SIGNIFICANT,
                    significant.getOrDefault(HolmTest.INTEGER.key(), Double.NaN));
            national.put(null, Metric.Forensics.DISTRICTS_TURNOUT_LEADER_SIGNIFICANT,
                    significant.getOrDefault(HolmTest.TURNOUT_LEADER.key(), Double.NaN));
            national.put(null, Metric.Forensics.STATIONS_TURNOUT_AND_LEADER_95, both95);
            out.flush();
            return flags;
        }
    }

    /** One set of stations' figures: the integer, turnout and digit tests, in that order; returns their p by test. */
    private static Map<String, Double> screen(List<String> candidates, Emit e, IntegerScreen.Sums sums,
                                              TurnoutScreen turnout, DigitTests.Tally[] tallies) {
        Map<String, Double> p = new LinkedHashMap<>();
        IntegerScreen.emit(sums, e, p);
        turnout.emit(candidates, e, p);
        DigitScreen.emit(candidates, tallies, e, p);
        return p;
    }

    private static void check(ResultColumns table, int[] rows) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rows, "rows");
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] < 0 || rows[j] >= table.size() || j > 0 && rows[j] <= rows[j - 1]) {
                throw new IllegalArgumentException("rows must be ascending indices into the table's " + table.size()
                        + " rows; position " + j + " holds " + rows[j]);
            }
        }
    }

    /**
     * Holm's adjustment across districts of each test's p-values, as figures by test (in order of first appearance),
     * then each district's number of flagged tests (those {@link HolmTest#counted}); returns, by test, the number of
     * districts significant at {@code alpha} (0 for a test with p-values but none significant).
     */
    private static Map<String, Double> holm(String source, List<String> ids, List<Map<String, Double>> pPerDistrict,
                                             double alpha, Consumer<Figure> out) {
        Map<String, Map<String, Double>> pByTest = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String d = ids.get(i);
            pPerDistrict.get(i).forEach((test, value) -> pByTest.computeIfAbsent(test, t -> new LinkedHashMap<>())
                    .put(d, value));
        }
        Map<String, Integer> flaggedTests = new HashMap<>();
        Map<String, Double> significant = new HashMap<>();
        pByTest.forEach((test, byDistrict) -> {
            significant.put(test, 0.0);
            List<String> ds = new ArrayList<>(byDistrict.keySet());
            double[] adjusted = Holm.adjust(ds.stream().mapToDouble(byDistrict::get).toArray());
            for (int i = 0; i < ds.size(); i++) {
                out.accept(new Figure(Figure.FORENSICS, source, null, Figure.LEVEL_DISTRICT, ds.get(i), null,
                        Metric.Forensics.P_HOLM.member(test), adjusted[i]));
                if (adjusted[i] < alpha) {
                    significant.merge(test, 1.0, Double::sum);
                    if (HolmTest.of(test).counted()) {
                        flaggedTests.merge(ds.get(i), 1, Integer::sum);
                    }
                }
            }
        });
        for (String d : ids) {
            out.accept(Figure.of(Metric.Forensics.FLAGGED_TESTS, source, null, Figure.LEVEL_DISTRICT, d, null,
                    (double) flaggedTests.getOrDefault(d, 0)));
        }
        return significant;
    }

    /**
     * The exact probabilities of the integer-percentage and last-digit tests, each computed once per (count, total)
     * pair: a screening fills them and the next one, of another release of the same election, finds most of its
     * pairs there. They grow with the number of distinct pairs, not of stations: about 90 MB for the 1.2 million
     * distinct pairs of the three releases of the synthetic million-station election. A Memos serves one screening
     * at a time.
     */
    public static final class Memos {
        private final IntegerPercentageMemo integer = new IntegerPercentageMemo(IntegerScreen.TOLERANCE);
        private final LastDigitMemo lastDigit = new LastDigitMemo();
    }

    /** Adds figures of one level and unit. */
    record Emit(Consumer<Figure> out, String source, String level, String unit) {
        void put(String candidate, Metric.Forensics metric, double value) {
            out.accept(Figure.of(metric, source, null, level, unit, candidate, value));
        }

        void putUnit(String bin, Metric.Forensics metric, double value) {
            out.accept(Figure.of(metric, source, null, level, bin, null, value));
        }
    }

    /** Figures handed on a few thousand at a time. */
    private static final class Chunks implements Consumer<Figure> {
        private static final int SIZE = 4096;
        private final Consumer<List<Figure>> to;
        private List<Figure> chunk = new ArrayList<>(SIZE);

        Chunks(Consumer<List<Figure>> to) {
            this.to = to;
        }

        @Override
        public void accept(Figure f) {
            chunk.add(f);
            if (chunk.size() == SIZE) {
                flush();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                to.accept(chunk);
                chunk = new ArrayList<>(SIZE);
            }
        }
    }
}
