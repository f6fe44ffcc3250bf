package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.exitpollaudit.ingest.ResultColumns;
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

    /** The p-values' test names (a candidate's digit tests append the candidate id). */
    public static final String INTEGER = "integer";
    public static final String TURNOUT_LEADER = "turnout_leader";
    public static final String BENFORD2 = "benford2_";
    public static final String LAST_DIGIT = "last_digit_";

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
        check(table, rows, candidates, leader, alpha);
        Objects.requireNonNull(memos, "memos");
        ForensicStations stations = new ForensicStations(table, candidates, leader);
        Districts districts = Districts.of(table, rows);
        Parts parts = Parts.of(source, file, stations, rows, districts, memos, parallel);
        // the nation's sums: the stations without a district, then each district's sums in order
        int count = districts.ids.size();
        IntegerScreen.Sums sums = parts.integer[count];
        DigitTests.Tally[] tallies = parts.digits[count];
        for (int d = 0; d < count; d++) {
            sums.add(parts.integer[d]);
            DigitScreen.add(tallies, parts.digits[d]);
        }
        List<Figure> out = new ArrayList<>();
        Emit national = new Emit(out, source, Figure.NATIONAL, null);
        screen(candidates, national, sums, parts.nationalTurnout, tallies);
        parts.distributions.emit(national);
        List<Map<String, Double>> pPerDistrict = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            pPerDistrict.add(screen(candidates, new Emit(out, source, Figure.LEVEL_DISTRICT, districts.ids.get(d)),
                    parts.integer[d], parts.districtTurnout[d], parts.digits[d]));
        }
        Map<String, Double> significant = holm(source, districts.ids, pPerDistrict, alpha, out);
        // the headline findings, as figures a sheet can show: districts screened, and how many remain significant
        // after Holm for the integer test and for the (descriptive) turnout-leader correlation (NaN where no
        // district could be tested)
        national.put(null, Metric.Forensics.DISTRICTS_SCREENED, count);
        national.put(null, Metric.Forensics.DISTRICTS_INTEGER_SIGNIFICANT, significant.getOrDefault(INTEGER, Double.NaN));
        national.put(null, Metric.Forensics.DISTRICTS_TURNOUT_LEADER_SIGNIFICANT,
                significant.getOrDefault(TURNOUT_LEADER, Double.NaN));
        national.put(null, Metric.Forensics.STATIONS_TURNOUT_AND_LEADER_95, parts.flags.stream()
                .filter(f -> f.reasons().contains(StationFlags.BOTH_95)).count());
        return new Result(out, parts.flags);
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

    private static void check(ResultColumns table, int[] rows, List<String> candidates, String leader, double alpha) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(leader, "leader");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] < 0 || rows[j] >= table.size() || j > 0 && rows[j] <= rows[j - 1]) {
                throw new IllegalArgumentException("rows must be ascending indices into the table's " + table.size()
                        + " rows; position " + j + " holds " + rows[j]);
            }
        }
    }

    /**
     * Holm's adjustment across districts of each test's p-values, as figures by test (in order of first appearance),
     * then each district's number of flagged tests (those {@link #counted}); returns, by test, the number of
     * districts significant at {@code alpha} (0 for a test with p-values but none significant).
     */
    private static Map<String, Double> holm(String source, List<String> ids, List<Map<String, Double>> pPerDistrict,
                                             double alpha, List<Figure> out) {
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
                out.add(new Figure(Figure.FORENSICS, source, null, Figure.LEVEL_DISTRICT, ds.get(i), null,
                        Metric.Forensics.P_HOLM.member(test), adjusted[i]));
                if (adjusted[i] < alpha) {
                    significant.merge(test, 1.0, Double::sum);
                    if (counted(test)) {
                        flaggedTests.merge(ds.get(i), 1, Integer::sum);
                    }
                }
            }
        });
        for (String d : ids) {
            out.add(Figure.of(Metric.Forensics.FLAGGED_TESTS, source, null, Figure.LEVEL_DISTRICT, d, null,
                    (double) flaggedTests.getOrDefault(d, 0)));
        }
        return significant;
    }

    /**
     * Whether a test's Holm-adjusted p counts among a district's flagged tests. 2BL does not: its Benford null does
     * not hold for honest counts (see Methods). Nor does the turnout-leader correlation: its null of zero correlation
     * fails wherever turnout and support legitimately vary together (towns and villages), so with thousands of
     * stations it rejects in honest elections too; its slopes are reported as effect sizes instead.
     */
    static boolean counted(String test) {
        return !test.startsWith(BENFORD2) && !TURNOUT_LEADER.equals(test);
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

    /** What the parts compute: per group (the districts, then the stations without one) or for the nation. */
    private static final class Parts {
        IntegerScreen.Sums[] integer;
        DigitTests.Tally[][] digits;
        TurnoutScreen[] districtTurnout;
        TurnoutScreen nationalTurnout;
        Distributions distributions;
        List<StationFlag> flags;

        /**
         * The parts, as independent tasks that each walk the rows in file order (a district's rows are spread over
         * the file: walking them district by district would read the columns at random); a group's sums are those
         * of its rows in file order. Each memo serves one task.
         */
        static Parts of(String source, String file, ForensicStations s, int[] rows, Districts districts, Memos memos,
                        boolean parallel) {
            int count = districts.ids.size();
            int[] group = districts.groupOfRow;
            Parts parts = new Parts();
            List<Runnable> tasks = List.of(
                    () -> parts.integer = IntegerScreen.sums(s, rows, group, count + 1, memos.integer),
                    () -> parts.digits = DigitScreen.tallies(s, rows, group, count + 1, memos.lastDigit),
                    () -> parts.districtTurnout = TurnoutScreen.perDistrict(s, rows, group, count),
                    () -> parts.nationalTurnout = TurnoutScreen.national(s, rows, group, count),
                    () -> {
                        parts.distributions = Distributions.of(s, rows);
                        parts.flags = StationFlags.of(source, file, s, rows);
                    });
            // the one place the screening runs on several cores
            (parallel ? tasks.parallelStream() : tasks.stream()).forEach(Runnable::run);
            return parts;
        }
    }

    /**
     * The districts of a set of rows in order of first appearance, and the group of each row at its position in the
     * set: the districts numbered 0 … n − 1, the rows without a district (none, or an empty id) n.
     */
    private record Districts(List<String> ids, int[] groupOfRow) {

        static Districts of(ResultColumns table, int[] rows) {
            Map<String, Integer> number = new HashMap<>();
            List<String> ids = new ArrayList<>();
            int[] group = new int[rows.length];
            // district ids are shared instances, and files come sorted by district more often than not
            String last = null;
            int lastGroup = -1;
            for (int j = 0; j < rows.length; j++) {
                String d = table.district(rows[j]);
                if (d == null || d.isEmpty()) {
                    group[j] = -1;
                    continue;
                }
                if (d != last) {
                    last = d;
                    lastGroup = number.computeIfAbsent(d, k -> {
                        ids.add(k);
                        return ids.size() - 1;
                    });
                }
                group[j] = lastGroup;
            }
            for (int j = 0; j < rows.length; j++) {
                if (group[j] < 0) {
                    group[j] = ids.size();
                }
            }
            return new Districts(ids, group);
        }
    }

    /** Adds figures of one level and unit. */
    record Emit(List<Figure> out, String source, String level, String unit) {
        void put(String candidate, Metric.Forensics metric, double value) {
            out.add(Figure.of(metric, source, null, level, unit, candidate, value));
        }

        void putUnit(String bin, Metric.Forensics metric, double value) {
            out.add(Figure.of(metric, source, null, level, bin, null, value));
        }
    }
}
