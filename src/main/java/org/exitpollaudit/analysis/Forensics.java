package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.stats.DigitTests;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.LastDigitMemo;
import org.exitpollaudit.stats.IntegerPercentage;
import org.exitpollaudit.stats.Normal;
import org.exitpollaudit.stats.PercentBins;
import org.exitpollaudit.stats.TurnoutSlope;

/**
 * Screening of an official station-level release (section {@code forensics}), nationally and per district:
 * turnout and leader-share distributions, the Klimek et al. (2012, PNAS 109:16469) turnout × leader-share
 * fingerprint, the integer-percentage test ({@link IntegerPercentage}) and the digit tests ({@link DigitTests}).
 * Turnout is ballots_cast / registered; the leader's share is the leader's votes over ballots found
 * (valid + invalid), as in Kobak, Shpilkin &amp; Pshenichnikov.
 */
public final class Forensics {

    /** Tolerance of the integer-percentage test, in percentage points. */
    public static final double INTEGER_TOLERANCE = 0.05;

    /** The figures, and the stations whose own numbers are remarkable. */
    public record Result(List<Figure> figures, List<StationFlag> flags) {
    }

    private Forensics() {
    }

    /**
     * @param rows    the release's station rows (duplicates already removed)
     * @param leader  the candidate with the most votes in the release
     */
    public static Result run(String source, String file, List<ResultRow> rows, List<String> candidates, String leader,
                             double alpha) {
        List<Figure> out = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Emit national = new Emit(out, source, Figure.NATIONAL, null);
        Map<String, List<ResultRow>> byDistrict = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            byDistrict.computeIfAbsent(r.districtId() == null ? "" : r.districtId(), d -> new ArrayList<>()).add(r);
        }
        // the last-digit expectation of each (count, valid) pair, computed once per thread for the district and
        // national tests
        ThreadLocal<LastDigitMemo> memo = ThreadLocal.withInitial(LastDigitMemo::new);
        // per district, then Holm across districts for each test so that a flag survives the number of districts;
        // districts are independent: screened on all cores, collected in district order (the output is the same)
        List<String> districts = byDistrict.keySet().stream().filter(d -> !d.isEmpty()).toList();
        List<List<Figure>> perDistrict = new ArrayList<>();
        districts.forEach(d -> perDistrict.add(new ArrayList<>()));
        Sums[] sums = new Sums[districts.size()];
        DigitTests.Tally[][] tallies = new DigitTests.Tally[districts.size()][];
        List<Map<String, Double>> pPerDistrict = IntStream.range(0, districts.size()).parallel().mapToObj(i -> {
            List<ResultRow> in = byDistrict.get(districts.get(i));
            sums[i] = Sums.of(in, leader);
            tallies[i] = tallies(in, candidates, memo.get());
            return screen(in, candidates, leader, new Emit(perDistrict.get(i), source, Figure.LEVEL_DISTRICT,
                    districts.get(i)), sums[i], tallies[i]);
        }).toList();
        // the national sums are those of the districts plus the stations without a district
        List<ResultRow> noDistrict = byDistrict.getOrDefault("", List.of());
        Sums all = Sums.of(noDistrict, leader);
        DigitTests.Tally[] allTallies = tallies(noDistrict, candidates, memo.get());
        for (int i = 0; i < districts.size(); i++) {
            all = all.plus(sums[i]);
            for (int c = 0; c < candidates.size(); c++) {
                allTallies[c].add(tallies[i][c]);
            }
        }
        // the national histograms and the station flags are passes of their own over the rows: made on another core
        // while this one makes the national tests, and added after them, so that the figures keep one order
        // (national tests, histograms, then districts) whichever finishes first
        List<Figure> histograms = new ArrayList<>();
        CompletableFuture<List<StationFlag>> flagged = CompletableFuture.supplyAsync(() -> {
            distributions(rows, leader, new Emit(histograms, source, Figure.NATIONAL, null));
            return stationFlags(source, file, rows, leader);
        });
        screen(rows, candidates, leader, national, all, allTallies);
        flags.addAll(flagged.join());
        out.addAll(histograms);

        Map<String, Map<String, Double>> pByTest = new LinkedHashMap<>();
        for (int i = 0; i < districts.size(); i++) {
            String d = districts.get(i);
            out.addAll(perDistrict.get(i));
            pPerDistrict.get(i).forEach((test, value) -> pByTest.computeIfAbsent(test, t -> new LinkedHashMap<>())
                    .put(d, value));
        }
        Map<String, Integer> flaggedTests = new LinkedHashMap<>();
        Map<String, Integer> significant = new LinkedHashMap<>();
        pByTest.forEach((test, byD) -> {
            List<String> ds = new ArrayList<>(byD.keySet());
            double[] p = ds.stream().mapToDouble(byD::get).toArray();
            double[] adj = Holm.adjust(p);
            for (int i = 0; i < ds.size(); i++) {
                out.add(new Figure(Figure.FORENSICS, source, null, Figure.LEVEL_DISTRICT, ds.get(i), null,
                        test + "_p_holm", adj[i]));
                if (adj[i] < alpha) {
                    significant.merge(test, 1, Integer::sum);
                    if (counted(test)) {
                        flaggedTests.merge(ds.get(i), 1, Integer::sum);
                    }
                }
            }
        });
        for (String d : districts) {
            out.add(new Figure(Figure.FORENSICS, source, null, Figure.LEVEL_DISTRICT, d, null, "flagged_tests",
                    (double) flaggedTests.getOrDefault(d, 0)));
        }
        // the README's headline findings, as figures a sheet can show: districts screened, and how many remain
        // significant after Holm for the integer test and for the (descriptive) turnout-leader correlation
        national.put(null, "districts_screened", districts.size());
        national.put(null, "districts_integer_significant", pByTest.containsKey("integer")
                ? significant.getOrDefault("integer", 0) : Double.NaN);
        national.put(null, "districts_turnout_leader_significant", pByTest.containsKey("turnout_leader")
                ? significant.getOrDefault("turnout_leader", 0) : Double.NaN);
        national.put(null, "stations_turnout_and_leader_95", flags.stream().filter(f -> f.reasons().contains(BOTH_95))
                .count());
        return new Result(out, flags);
    }

    // ---- TEMPORARY ADAPTER (branch wt-stations), to be replaced at merge by the columnar rewrite of Forensics, which
    // ---- has this signature. It turns the kept rows back into row objects for the row-based screening above.
    /**
     * @param table the release's table
     * @param rows  the rows of {@code table} that passed the checks (indices, ascending)
     */
    public static Result run(String source, String file, ResultColumns table, int[] rows, List<String> candidates,
                             String leader, double alpha) {
        List<ResultRow> list = new ArrayList<>(rows.length);
        for (int i : rows) {
            list.add(table.row(i));
        }
        return run(source, file, list, candidates, leader, alpha);
    }
    // ---- END OF TEMPORARY ADAPTER

    /**
     * Whether a test's Holm-adjusted p counts among a district's flagged tests. 2BL does not: its Benford null does
     * not hold for honest counts (see Methods). Nor does the turnout-leader correlation: its null of zero correlation
     * fails wherever turnout and support legitimately vary together (towns and villages), so with thousands of
     * stations it rejects in honest elections too; its slopes are reported as effect sizes instead.
     */
    static boolean counted(String test) {
        return !test.startsWith("benford2_") && !"turnout_leader".equals(test);
    }

    private static final String BOTH_95 = "turnout and leader share both ≥ 95 %";

    /** The stations whose own numbers are remarkable, in file order. */
    private static List<StationFlag> stationFlags(String source, String file, List<ResultRow> rows, String leader) {
        List<StationFlag> flags = new ArrayList<>();
        for (ResultRow r : rows) {
            Station s = Station.of(r, leader);
            if (s == null) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (s.included() && IntegerPercentage.nearInteger(s.ballots, s.registered, INTEGER_TOLERANCE)
                    && IntegerPercentage.nearInteger(s.leader, s.found, INTEGER_TOLERANCE)) {
                reasons.add("integer turnout and integer leader share");
            }
            if (s.registered >= 100 && s.ballots / s.registered >= 0.95 && s.found > 0 && s.leader / s.found >= 0.95) {
                reasons.add(BOTH_95);
            }
            if (!reasons.isEmpty()) {
                flags.add(new StationFlag(source, file, r.line(), r.districtId(), r.stationId(), s.registered,
                        100 * s.ballots / s.registered, s.found > 0 ? 100 * s.leader / s.found : null,
                        String.join("; ", reasons)));
            }
        }
        return flags;
    }

    /**
     * The additive part of the screening of a set of stations: totals and the integer-percentage counts with their
     * exact expectations. Sums of disjoint sets add up, so the national figures are the districts' sums added, not
     * computed a second time.
     */
    record Sums(long withFigures, double registered, double ballots, double found, double leaderVotes, long included,
                long intTurnout, long intLeader, long intEither, double expTurnout, double expLeader, double expEither,
                double varEither) {

        static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        static Sums of(List<ResultRow> rows, String leader) {
            Sums sums = ZERO;
            for (ResultRow r : rows) {
                Station s = Station.of(r, leader);
                if (s != null) {
                    sums = sums.plus(one(s));
                }
            }
            return sums;
        }

        private static Sums one(Station s) {
            if (!s.included()) {
                return new Sums(1, s.registered, s.ballots, s.found, s.leader, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            boolean t = IntegerPercentage.nearInteger(s.ballots, s.registered, INTEGER_TOLERANCE);
            boolean l = IntegerPercentage.nearInteger(s.leader, s.found, INTEGER_TOLERANCE);
            double pt = IntegerPercentage.probabilityNearInteger((int) s.registered, s.ballots / s.registered,
                    INTEGER_TOLERANCE);
            double pl = IntegerPercentage.probabilityNearInteger((int) s.found, s.leader / s.found, INTEGER_TOLERANCE);
            double p = IntegerPercentage.either(pt, pl);
            return new Sums(1, s.registered, s.ballots, s.found, s.leader, 1, t ? 1 : 0, l ? 1 : 0, t || l ? 1 : 0,
                    pt, pl, p, p * (1 - p));
        }

        Sums plus(Sums o) {
            return new Sums(withFigures + o.withFigures, registered + o.registered, ballots + o.ballots,
                    found + o.found, leaderVotes + o.leaderVotes, included + o.included, intTurnout + o.intTurnout,
                    intLeader + o.intLeader, intEither + o.intEither, expTurnout + o.expTurnout,
                    expLeader + o.expLeader, expEither + o.expEither, varEither + o.varEither);
        }
    }

    /** The integer-percentage and digit tests on one set of stations; returns their p-values by test name. */
    private static Map<String, Double> screen(List<ResultRow> rows, List<String> candidates, String leader, Emit e,
                                              Sums sums, DigitTests.Tally[] digits) {
        long intEither = sums.intEither();
        double expEither = sums.expEither();
        double varEither = sums.varEither();
        e.put(null, "stations_with_figures", sums.withFigures());
        e.put(null, "turnout_pct", sums.registered() > 0 ? 100 * sums.ballots() / sums.registered() : Double.NaN);
        e.put(null, "leader_share_pct", sums.found() > 0 ? 100 * sums.leaderVotes() / sums.found() : Double.NaN);
        e.put(null, "integer_stations_included", sums.included());
        e.put(null, "integer_turnout_observed", sums.intTurnout());
        e.put(null, "integer_leader_observed", sums.intLeader());
        e.put(null, "integer_either_observed", intEither);
        e.put(null, "integer_turnout_expected", sums.expTurnout());
        e.put(null, "integer_leader_expected", sums.expLeader());
        e.put(null, "integer_either_expected", expEither);
        double sd = Math.sqrt(varEither);
        double z = sd > 0 ? (intEither - expEither) / sd : Double.NaN;
        double pInt = Double.isNaN(z) ? Double.NaN : Normal.upperTail(z);
        e.put(null, "integer_either_excess", intEither - expEither);
        e.put(null, "integer_either_z", z);
        e.put(null, "integer_either_p", pInt);
        Map<String, Double> p = new LinkedHashMap<>();
        if (!Double.isNaN(pInt)) {
            p.put("integer", pInt);
        }
        // ballot stuffing raises turnout and the leader's share together (Myagkov, Ordeshook & Shakin 2009);
        // within districts, so that differences between regions do not pass for it
        double[] within = withinDistrictCorrelation(rows, leader);
        // rounding can carry a perfect correlation a hair past ±1, where atanh is undefined
        double corr = Math.max(-1, Math.min(1, within[0]));
        double pStuff = within[1] > 3 && Double.isFinite(corr) ? Normal.upperTail(atanh(corr) * Math.sqrt(within[1] - 3))
                : Double.NaN;
        e.put(null, "turnout_leader_r", corr);
        e.put(null, "turnout_leader_p", pStuff);
        if (!Double.isNaN(pStuff)) {
            p.put("turnout_leader", pStuff);
        }
        slopes(rows, candidates, leader, e);
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i);
            DigitTests.Result second = digits[i].second();
            DigitTests.Result last = digits[i].last();
            e.put(c, "benford2_n", second.n());
            e.put(c, "benford2_mean", second.mean());
            e.put(c, "benford2_chi2", second.chi2());
            e.put(c, "benford2_p", second.p());
            e.put(c, "last_digit_n", last.n());
            e.put(c, "last_digit_chi2", last.chi2());
            e.put(c, "last_digit_p", last.p());
            if (second.tested()) {
                p.put("benford2_" + c, second.p());
            }
            if (last.tested()) {
                p.put("last_digit_" + c, last.p());
            }
        }
        return p;
    }

    /**
     * The digit tallies of each candidate (in {@code candidates} order) over a set of stations, in one pass: each
     * count with its station's valid votes (or the candidates' sum where valid is missing).
     */
    static DigitTests.Tally[] tallies(List<ResultRow> rows, List<String> candidates, LastDigitMemo memo) {
        Map<String, Integer> index = new HashMap<>();
        DigitTests.Tally[] out = new DigitTests.Tally[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            index.put(candidates.get(i), i);
            out[i] = new DigitTests.Tally();
        }
        for (ResultRow r : rows) {
            long total = (long) (r.valid() != null ? r.valid() : r.candidateSum());
            for (Map.Entry<String, Double> v : r.candidates().entrySet()) {
                Integer i = index.get(v.getKey());
                if (i != null && v.getValue() != null) {
                    out[i].add(v.getValue().longValue(), total, memo);
                }
            }
        }
        return out;
    }

    /**
     * Pearson correlation of turnout and the leader's share over the stations of the integer test, each centred on
     * its district's mean; and the effective number of stations for Fisher's z (stations − districts + 1).
     */
    static double[] withinDistrictCorrelation(List<ResultRow> rows, String leader) {
        Map<String, double[]> means = new LinkedHashMap<>();
        List<double[]> points = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ResultRow r : rows) {
            Station s = Station.of(r, leader);
            if (s == null || !s.included()) {
                continue;
            }
            String d = r.districtId() == null ? "" : r.districtId();
            double x = s.ballots / s.registered;
            double y = s.leader / s.found;
            double[] m = means.computeIfAbsent(d, k -> new double[3]);
            m[0] += x;
            m[1] += y;
            m[2]++;
            points.add(new double[] {x, y});
            keys.add(d);
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < points.size(); i++) {
            double[] m = means.get(keys.get(i));
            double dx = points.get(i)[0] - m[0] / m[2];
            double dy = points.get(i)[1] - m[1] / m[2];
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        return new double[] {r, points.size() - means.size() + 1};
    }

    /**
     * Shpilkin's turnout slopes ({@link TurnoutSlope}) over the stations with figures and at least 100 registered
     * voters (smaller ones, such as hospital or ship stations, are too noisy to weigh as much as the others): per
     * candidate, the slope of votes / registered on turnout, its SE and the candidate's share of the ballots cast over
     * the same stations; the leader's slope minus its share; the slope of all other candidates' votes together.
     */
    static void slopes(List<ResultRow> rows, List<String> candidates, String leader, Emit e) {
        int k = candidates.size();
        double[] x = new double[rows.size()];
        double[][] y = new double[k][rows.size()];
        double[] others = new double[rows.size()];
        double[] votes = new double[k];
        boolean[] present = new boolean[k];
        double ballots = 0;
        int n = 0;
        for (ResultRow r : rows) {
            Station s = Station.of(r, leader);
            if (s == null || s.registered < 100) {
                continue;
            }
            x[n] = s.ballots / s.registered;
            for (int c = 0; c < k; c++) {
                Double v = r.candidates().get(candidates.get(c));
                if (v == null) {
                    continue;
                }
                present[c] = true;
                y[c][n] = v / s.registered;
                votes[c] += v;
                if (!candidates.get(c).equals(leader)) {
                    others[n] += v / s.registered;
                }
            }
            ballots += s.ballots;
            n++;
        }
        e.put(null, "turnout_slope_stations", n);
        double[] xs = Arrays.copyOf(x, n);
        double othersShare = 0;
        for (int c = 0; c < k; c++) {
            if (!present[c]) {
                continue;
            }
            String id = candidates.get(c);
            TurnoutSlope.Fit fit = TurnoutSlope.fit(xs, Arrays.copyOf(y[c], n));
            double share = ballots > 0 ? votes[c] / ballots : Double.NaN;
            e.put(id, "turnout_slope", fit.slope());
            e.put(id, "turnout_slope_se", fit.se());
            e.put(id, "turnout_slope_share", share);
            if (id.equals(leader)) {
                e.put(null, "turnout_slope_leader_excess", fit.slope() - share);
            } else {
                othersShare += share;
            }
        }
        TurnoutSlope.Fit rest = TurnoutSlope.fit(xs, Arrays.copyOf(others, n));
        e.put(null, "turnout_slope_others", rest.slope());
        e.put(null, "turnout_slope_others_se", rest.se());
        e.put(null, "turnout_slope_others_share", othersShare);
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    /**
     * Turnout and leader-share histograms in tenth-of-a-point bins centred on the tenths ({@link PercentBins}), so that
     * whole-percent spikes show, and the 2-D fingerprint in 1 × 1 point cells; station counts.
     */
    private static void distributions(List<ResultRow> rows, String leader, Emit e) {
        long[] turnout = new long[PercentBins.COUNT];
        long[] share = new long[PercentBins.COUNT];
        long[][] grid = new long[101][101];
        for (ResultRow r : rows) {
            Station s = Station.of(r, leader);
            if (s == null || s.registered <= 0 || s.found <= 0) {
                continue;
            }
            turnout[PercentBins.tenth(s.ballots, s.registered)]++;
            share[PercentBins.tenth(s.leader, s.found)]++;
            grid[bin(100 * s.ballots / s.registered)][bin(100 * s.leader / s.found)]++;
        }
        for (int i = 0; i < PercentBins.COUNT; i++) {
            e.putUnit(PercentBins.label(i), "turnout_histogram_tenths", turnout[i]);
            e.putUnit(PercentBins.label(i), "leader_share_histogram_tenths", share[i]);
        }
        // the occupied cells, by turnout bin then leader-share bin
        for (int t = 0; t <= 100; t++) {
            for (int l = 0; l <= 100; l++) {
                if (grid[t][l] > 0) {
                    e.putUnit("turnout=" + t + "|leader=" + l, "fingerprint_stations", grid[t][l]);
                }
            }
        }
    }

    /** 1-point bins [i, i + 1) of the fingerprint, with 100 % in the last. */
    static int bin(double pct) {
        return (int) Math.max(0, Math.min(100, Math.floor(pct)));
    }

    /** The figures of one station the screening needs; {@code null} when they are missing. */
    record Station(double registered, double ballots, double found, double leader) {
        static Station of(ResultRow r, String leader) {
            Double lv = r.candidates().get(leader);
            if (r.registered() == null || r.ballotsCast() == null || r.valid() == null || lv == null) {
                return null;
            }
            double invalid = r.invalid() == null ? 0 : r.invalid();
            return new Station(r.registered(), r.ballotsCast(), r.valid() + invalid, lv);
        }

        /** Kobak–Shpilkin–Pshenichnikov's selection: found > 0, registered ≥ 100, turnout and leader share ≤ 99 %. */
        boolean included() {
            return found > 0 && registered >= 100 && ballots / registered <= 0.99 && leader / found <= 0.99;
        }
    }

    /** Adds figures of one level and unit. */
    private record Emit(List<Figure> out, String source, String level, String unit) {
        void put(String candidate, String metric, double value) {
            out.add(new Figure(Figure.FORENSICS, source, null, level, unit, candidate, metric, value));
        }

        void putUnit(String bin, String metric, double value) {
            out.add(new Figure(Figure.FORENSICS, source, null, level, bin, null, metric, value));
        }
    }
}
