package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;

/**
 * The local (district / station) comparison against values worked by hand in the comments, and its flag rule on
 * simulated exit polls whose within-station errors are over-dispersed (larger than binomial sampling allows).
 */
class LocalComparisonTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    /** The final release's national votes: winner a, runner-up b. */
    private static final Map<String, Double> NATIONAL = votes(5000, 3000, 2000);

    /**
     * Three stations, poll counts (n = 50 each) against official counts:
     * <pre>
     *   s1  official 500 / 300 / 200 → v = .5 .3 .2   poll 30 / 15 / 5  → p = .6 .3 .1
     *   s2  official 400 / 400 / 200 → v = .4 .4 .2   poll 20 / 20 / 10 → p = .4 .4 .2
     *   s3  official 200 / 300 / 500 → v = .2 .3 .5   poll 10 / 10 / 30 → p = .2 .2 .6   (c wins locally)
     * </pre>
     * On the national pair (a, b):
     * <pre>
     *   s1  WPE = 100 [(.6 − .3) − (.5 − .3)] = +10     ln α = ln((.6/.3) / (.5/.3)) = ln 1.2 = 0.1823215568
     *   s2  WPE = 0                                      ln α = 0
     *   s3  WPE = 100 [(.2 − .2) − (.2 − .3)] = +10     ln α = ln((.2/.2) / (.2/.3)) = ln 1.5 = 0.4054651081
     * </pre>
     * (s3's own winner and runner-up, c and b, would give WPE = 100 [(.6 − .2) − (.5 − .3)] = +20: a different
     * quantity, which is why every unit uses the national pair.) Means: WPE 20/3 = 6.6666666667; ln α
     * (0.1823215568 + 0.4054651081) / 3 = 0.1959288883; SD of ln α: deviations −0.0136073315, −0.1959288883,
     * +0.2095362198, squares sum 0.0824787162, / 2 = 0.0412393581, √ = 0.2030747598.
     * The pair's split against the count's, z = (x_a − m π₀) / √(m π₀ (1 − π₀)), m = x_a + x_b, π₀ = v_a / (v_a + v_b):
     * s1 m = 45, π₀ = .625: (30 − 28.125) / √10.546875 = 1.875 / 3.2475952 = 1/√3 = 0.5773502692; s2 0;
     * s3 m = 20, π₀ = .4: (10 − 8) / √4.8 = 0.9128709292. Three stations are fewer than the 10 needed to
     * estimate the poll's dispersion: no φ, nothing flagged.
     */
    @Test
    void wpeAndLnAlphaOnTheNationalPair() {
        Map<String, Double> f = compare(Source.Level.STATION, Source.ValueType.VOTES, null, null,
                List.of(station("count", "s1", 500, 300, 200), station("count", "s2", 400, 400, 200),
                        station("count", "s3", 200, 300, 500)),
                List.of(station("poll", "s1", 30, 15, 5), station("poll", "s2", 20, 20, 10),
                        station("poll", "s3", 10, 10, 30)));
        assertEquals(10.0, f.get("station|d/s1|wpe"), 1e-9);
        assertEquals(0.0, f.get("station|d/s2|wpe"), 1e-9);
        assertEquals(10.0, f.get("station|d/s3|wpe"), 1e-9);
        assertEquals(0.1823215568, f.get("station|d/s1|ln_alpha"), 1e-9);
        assertEquals(0.4054651081, f.get("station|d/s3|ln_alpha"), 1e-9);
        assertEquals(50.0, f.get("station|d/s1|n"));
        assertEquals(0.0, f.get("station|d/s1|n_assumed"));
        assertEquals(6.6666666667, f.get("national||wpe_mean"), 1e-9);
        assertEquals(0.1959288883, f.get("national||ln_alpha_mean"), 1e-9);
        assertEquals(0.2030747598, f.get("national||ln_alpha_sd"), 1e-9);
        assertEquals(0.5773502692, f.get("station|d/s1|pair_z"), 1e-9);
        assertEquals(0.0, f.get("station|d/s2|pair_z"), 1e-12);
        assertEquals(0.9128709292, f.get("station|d/s3|pair_z"), 1e-9);
        assertTrue(Double.isNaN(f.get("national||dispersion")));
        assertEquals(3.0, f.get("national||dispersion_units"));
        assertEquals(1.0, f.get("national|a|national_pair_rank"));
        assertEquals(2.0, f.get("national|b|national_pair_rank"));
        assertEquals(3.0, f.get("national||stations_compared"));
        assertEquals(0.0, f.get("national||stations_flagged"));
        assertTrue(Double.isNaN(f.get("station|d/s1|pair_p_holm")));
    }

    /**
     * Which official station a poll's station row is compared with. Official rows (d = district): 0 d1/s1 500 / 300 /
     * 200, 1 d2/s1 100 / 100 / 800, 2 d1/s2 200 / 600 / 200, 3 d1/s3 (not among the checked rows), 4 d2/s4
     * 300 / 300 / 400. Poll rows: d1/s1 matches row 0 (official share of a .5, not row 1's .1); s1 without a district
     * matches nothing (three official stations have that id, 5 d3/s1 700 / 200 / 100 the last); s2 without a district matches row 2 (a .2); d1/s3 matches
     * nothing (its row was not kept); d2/s4 matches row 4 (a .3).
     */
    @Test
    void pollStationsAreMatchedByDistrictAndIdAmongTheCheckedRows() {
        Source count = source("count", Source.Kind.OFFICIAL, Source.Level.STATION, Source.ValueType.VOTES, null, null);
        Source poll = source("poll", Source.Kind.EXIT_POLL, Source.Level.STATION, Source.ValueType.VOTES, null, null);
        ResultColumns table = ResultColumns.of("count", List.of(station("count", "d1", "s1", 500, 300, 200),
                station("count", "d2", "s1", 100, 100, 800), station("count", "d1", "s2", 200, 600, 200),
                station("count", "d1", "s3", 400, 400, 200), station("count", "d2", "s4", 300, 300, 400),
                station("count", "d3", "s1", 700, 200, 100)));
        Map<String, List<ResultRow>> rows = Map.of("poll", List.of(station("poll", "d1", "s1", 20, 20, 10),
                station("poll", null, "s1", 20, 20, 10), station("poll", null, "s2", 20, 20, 10),
                station("poll", "d1", "s3", 20, 20, 10), station("poll", "d2", "s4", 20, 20, 10)));
        LocalComparison.Result r = LocalComparison.run(pkg(count, poll), rows,
                new LocalComparison.OfficialStations(count, table, new int[] {0, 1, 2, 4, 5}), ABC, NATIONAL,
                AnalysisParameters.DEFAULTS);
        Map<String, Double> officialA = new LinkedHashMap<>();
        r.figures().stream().filter(f -> "official_share".equals(f.metric()) && "a".equals(f.candidate()))
                .forEach(f -> officialA.put(f.unit(), f.value()));
        assertEquals(Map.of("d1/s1", 0.5, "s2", 0.2, "d2/s4", 0.3), officialA);
        assertEquals(List.of("poll: station s1 has no official figures to compare with",
                "poll: station s3 has no official figures to compare with"),
                r.issues().stream().map(i -> i.message()).toList());
        assertEquals(3.0, index(r.figures()).get("national||stations_compared"));
    }

    /**
     * A percent file with three districts. Its n per district is the poll's sample size spread over the districts
     * it lists: 1,200 / 3 = 400 (not the 40 respondents of one station). District d1: official 500 / 300 / 200,
     * poll 55 / 30 / 15 %: X² = n Σ (p − v)² / v = 400 (.05² / .5 + 0 + .05² / .2) = 400 · .0175 = 7.0, and ÷ the
     * default deff 2.5 = 2.8.
     */
    @Test
    void districtSampleSizeIsThePollsSampleOverItsDistricts() {
        Map<String, Double> f = compare(Source.Level.DISTRICT, Source.ValueType.PERCENT, 1200L, 30L,
                List.of(district("count", "d1", 500, 300, 200), district("count", "d2", 400, 400, 200),
                        district("count", "d3", 300, 300, 400)),
                List.of(district("poll", "d1", 55, 30, 15), district("poll", "d2", 40, 40, 20),
                        district("poll", "d3", 30, 30, 40)));
        assertEquals(400.0, f.get("district|d1|n"), 1e-9);
        assertEquals(1.0, f.get("district|d1|n_assumed"));
        assertEquals(7.0 / AnalysisParameters.DEFAULTS.deff(), f.get("district|d1|chi2"), 1e-9);
        assertEquals(2.8, f.get("district|d1|chi2"), 1e-9);
        assertEquals(0.0, f.get("district|d2|chi2"), 1e-12);
    }

    /**
     * The rule for n of one unit of a percent file, case by case (respondents-per-station 40):
     * published 1,200 over 3 districts → 400; no sample size, 30 stations sampled → 40 · 30 / 3 = 400; neither → 40
     * (one station); a station of a poll of 1,000 at 25 stations → 40; of 1,000 with stations unpublished and 20 in
     * the file → 50; nothing published → 40; an analyst's assumed_sample_size of 900 over 3 districts → 300.
     */
    @Test
    void percentUnitSampleSizes() {
        AnalysisParameters p = AnalysisParameters.DEFAULTS;
        assertEquals(400, LocalComparison.percentUnitN(poll(1200L, null, null), 3, false, p), 1e-12);
        assertEquals(400, LocalComparison.percentUnitN(poll(null, 30L, null), 3, false, p), 1e-12);
        assertEquals(40, LocalComparison.percentUnitN(poll(null, null, null), 3, false, p), 1e-12);
        assertEquals(40, LocalComparison.percentUnitN(poll(1000L, 25L, null), 20, true, p), 1e-12);
        assertEquals(50, LocalComparison.percentUnitN(poll(1000L, null, null), 20, true, p), 1e-12);
        assertEquals(40, LocalComparison.percentUnitN(poll(null, null, null), 20, true, p), 1e-12);
        assertEquals(300, LocalComparison.percentUnitN(poll(null, null, 900L), 3, false, p), 1e-12);
    }

    /**
     * The flag rule on simulated polls whose within-station errors exceed binomial sampling. Each of 200 stations
     * has its own official split; the poll's true odds of a over b there are the official odds × e^u, u ~ N(0, 0.5²)
     * (interviewer and refusal effects that differ by station, no fraud), and 50 respondents are drawn. A test
     * against pure binomial error flags many of these honest stations; the pair's z scaled by the poll's own
     * dispersion, with Holm over stations, should flag about 5 % of such polls at all (its family-wise rate), and it
     * must still find one station whose poll is grossly reversed (true ln α = −5: about 90 % of the a-or-b respondents
     * for b where the count gives a about two thirds).
     */
    @Test
    void flagsJudgeLnAlphaAgainstThePollsOwnSpread() {
        int replications = 200;
        int pollsWithAFlag = 0;
        int binomialFlagsFirst = -1;
        for (int rep = 0; rep < replications; rep++) {
            Map<String, Double> f = simulate(new Random(20240207L + rep), false);
            pollsWithAFlag += f.get("national||stations_flagged") > 0 ? 1 : 0;
            if (rep == 0) {
                binomialFlagsFirst = (int) f.entrySet().stream().filter(e -> e.getKey().endsWith("|p_holm")
                        && e.getValue() < 0.05).count();
            }
        }
        // measured: the pure-binomial X² with Holm flags 24 of the 200 honest stations of the first poll; the
        // dispersion-scaled rule flagged a station in 7 of the 200 polls (3.5 %), inside the 99 % binomial band of
        // 5 % at 200 trials (3 to 19)
        assertTrue(binomialFlagsFirst >= 5, "binomial X² flags " + binomialFlagsFirst);
        assertTrue(pollsWithAFlag >= 3 && pollsWithAFlag <= 19, "dispersion-scaled rule flagged " + pollsWithAFlag + " of 200");
        Map<String, Double> planted = simulate(new Random(20240207L), true);
        assertEquals(1.0, planted.get("station|d/s0|flagged"));
        // measured: z = −10.3, φ = 6.75, z / √φ = −3.97, p_holm = 0.020
        assertTrue(planted.get("station|d/s0|pair_t") < -3.5);
        assertTrue(planted.get("national||dispersion") > 1.5, "φ " + planted.get("national||dispersion"));
    }

    private static Map<String, Double> simulate(Random rnd, boolean plant) {
        List<ResultRow> official = new ArrayList<>();
        List<ResultRow> polled = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            double va = 0.45 + 0.2 * rnd.nextDouble();
            double vb = (1 - va) * (0.5 + 0.3 * rnd.nextDouble());
            double vc = 1 - va - vb;
            official.add(station("count", "s" + s, 1000 * va, 1000 * vb, 1000 * vc));
            double shift = plant && s == 0 ? -5.0 : 0.6 * rnd.nextGaussian();
            double oddsAB = va / vb * Math.exp(shift);
            // true poll shares: c as counted, a and b split in the shifted odds
            double pa = (1 - vc) * oddsAB / (1 + oddsAB);
            double[] probs = {pa, 1 - vc - pa, vc};
            double[] counts = new double[3];
            for (int i = 0; i < 100; i++) {
                double u = rnd.nextDouble();
                counts[u < probs[0] ? 0 : u < probs[0] + probs[1] ? 1 : 2]++;
            }
            polled.add(station("poll", "s" + s, counts[0], counts[1], counts[2]));
        }
        return compare(Source.Level.STATION, Source.ValueType.VOTES, null, null, official, polled);
    }

    /** An official release "count" and an exit poll "poll" of one level, compared; figures by "level|unit|metric". */
    private static Map<String, Double> compare(Source.Level level, Source.ValueType pollValues, Long n, Long stations,
                                               List<ResultRow> official, List<ResultRow> polled) {
        Source count = source("count", Source.Kind.OFFICIAL, level, Source.ValueType.VOTES, null, null);
        Source poll = source("poll", Source.Kind.EXIT_POLL, level, pollValues, n, stations);
        Map<String, List<ResultRow>> rows = new LinkedHashMap<>();
        LocalComparison.OfficialStations officialStations = null;
        if (level == Source.Level.STATION) {
            // an official station-level release reaches the comparison as a table and its checked rows
            ResultColumns table = ResultColumns.of("count", official);
            officialStations = new LocalComparison.OfficialStations(count, table, table.allRows());
        } else {
            rows.put("count", official);
        }
        rows.put("poll", polled);
        return index(LocalComparison.run(pkg(count, poll), rows, officialStations, ABC, NATIONAL, AnalysisParameters.DEFAULTS)
                .figures());
    }

    private static Map<String, Double> votes(double a, double b, double c) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("c", c);
        return m;
    }

    private static ResultRow station(String src, String id, double a, double b, double c) {
        return station(src, "d", id, a, b, c);
    }

    private static ResultRow station(String src, String district, String id, double a, double b, double c) {
        return new ResultRow(src, 0, district, id, null, null, null, null, null, null, votes(a, b, c));
    }

    private static ResultRow district(String src, String id, double a, double b, double c) {
        return new ResultRow(src, 0, id, null, null, null, null, null, null, null, votes(a, b, c));
    }

    /** "level|unit|metric" (unit empty for national rows; candidate in place of unit for per-candidate national rows). */
    private static Map<String, Double> index(List<Figure> figures) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Figure f : figures) {
            String unit = f.unit() != null ? f.unit() : f.candidate() != null ? f.candidate() : "";
            if (f.unit() != null && f.candidate() != null) {
                continue;
            }
            out.put(f.level() + "|" + unit + "|" + f.metric(), f.value() == null ? Double.NaN : f.value());
        }
        return out;
    }

    private static Source poll(Long sampleSize, Long stations, Long assumed) {
        return new Source("p", Source.Kind.EXIT_POLL, Source.Level.DISTRICT, Source.ValueType.PERCENT, null, "p.csv",
                new Source.Published("org", "2024-01-01", null, null, 1),
                new Source.Sample(sampleSize, stations, null, assumed, null), Source.Coverage.of(false));
    }

    private static Source source(String id, Source.Kind kind, Source.Level level, Source.ValueType values, Long n,
                                 Long stations) {
        return new Source(id, kind, level, values, null, id + ".csv",
                new Source.Published("org", "2024-01-01", null, null, 1),
                new Source.Sample(n, stations, null, null, null), Source.Coverage.of(false));
    }

    private static ElectionPackage pkg(Source... sources) {
        return new ElectionPackage(Path.of("."), new Election("e", "e", LocalDate.of(2024, 1, 1), "x", null, null, null),
                ABC.stream().map(c -> new Candidate(c, c, null, List.of())).toList(), List.of(), List.of(sources));
    }
}
