package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.election.Source;
import org.junit.jupiter.api.Test;

/**
 * Every accuracy metric of docs/figures.md on a two-candidate case small enough to work by hand.
 * Poll published 60 / 40 (n = 1000), official count 550 / 450 votes, so p = (.6, .4), v = (.55, .45).
 * The arithmetic is written out beside each value; the closed forms were evaluated with a pocket
 * calculator (Python's math module used as one), not with this project's code.
 */
class ComparisonTest {

    private static final double EPS = 1e-9;

    private static Map<String, Double> run(double deff) {
        return run(deff, 1000, 0);
    }

    private static Map<String, Double> run(double deff, double n, double precision) {
        Source poll = source("poll", Source.Kind.EXIT_POLL, Source.ValueType.PERCENT, 1000L);
        Source release = source("count", Source.Kind.OFFICIAL, Source.ValueType.VOTES, null);
        Map<String, Double> pp = new LinkedHashMap<>();
        pp.put("a", 0.60);
        pp.put("b", 0.40);
        Map<String, Double> vv = new LinkedHashMap<>();
        vv.put("a", 550 / 1000.0);
        vv.put("b", 450 / 1000.0);
        List<Figure> figures = Comparison.compare(poll, new Shares(pp, null, null, 0), release,
                new Shares(vv, null, null, 0), List.of("a", "b"), new SampleSize(n, false, "published"), deff, precision, null,
                AnalysisParameters.DEFAULTS);
        return figures.stream().collect(Collectors.toMap(
                f -> (f.candidate() == null ? "" : f.candidate() + ".") + f.metric(), f -> f.value() == null ? Double.NaN : f.value()));
    }

    @Test
    void simpleRandomSample() {
        Map<String, Double> f = run(1.0);
        assertEquals(0.60, f.get("a.poll_share"), EPS);
        assertEquals(0.55, f.get("a.official_share"), EPS);
        // 100 (0.60 - 0.55) = 5; relative 0.05 / 0.55
        assertEquals(5.0, f.get("a.deviation_pp"), EPS);
        assertEquals(-5.0, f.get("b.deviation_pp"), EPS);
        assertEquals(0.0909090909, f.get("a.relative_deviation"), EPS);
        // se = sqrt(0.6 * 0.4 / 1000) = sqrt(0.00024) = 0.0154919334
        assertEquals(0.0154919334, f.get("a.se"), EPS);
        // z = 0.05 / sqrt(0.55 * 0.45 / 1000) = 0.05 / 0.0157321327 = 3.1782086308
        assertEquals(3.1782086308, f.get("a.z"), EPS);
        assertEquals(-3.1782086308, f.get("b.z"), EPS);
        // two-sided p = erfc(3.1782086308 / sqrt 2) = 0.0014818808; Holm with two equal p: 2 p = 0.0029637615
        assertEquals(0.0014818808, f.get("a.p_value"), 1e-10);
        assertEquals(0.0029637615, f.get("a.p_holm"), 1e-10);
        assertEquals(0.0029637615, f.get("b.p_holm"), 1e-10);
        assertEquals(1.0, f.get("a.significant"));
        // Wilson 95 %, z = 1.959963985, n = 1000: centre (0.6 + z²/2000) / (1 + z²/1000) = 0.5996173241,
        // half-width z / (1 + z²/1000) * sqrt(0.24/1000 + z²/4e6) = 0.0303078946
        assertEquals(0.5693094295, f.get("a.ci_low"), EPS);
        assertEquals(0.6299252188, f.get("a.ci_high"), EPS);
        // A' = ln(.6/.4) - ln(.55/.45) = 0.4054651081 - 0.2006706954 = 0.2047944127, SE sqrt(1 / (1000 * .24))
        assertEquals(0.2047944126, f.get("a.log_odds_ratio"), EPS);
        assertEquals(-0.2047944126, f.get("b.log_odds_ratio"), EPS);
        assertEquals(0.0645497224, f.get("a.log_odds_ratio_se"), EPS);
        // X² = 1000 (0.05²/0.55 + 0.05²/0.45) = 2.5 * 4.0404040404 = 10.1010101010 = z² for k = 2
        assertEquals(10.1010101010, f.get("chi2"), 1e-8);
        assertEquals(10.1010101010, f.get("chi2_rs"), 1e-8);
        assertEquals(1.0, f.get("chi2_df"));
        // for one degree of freedom the chi-square p equals the two-sided normal p of z
        assertEquals(0.0014818808, f.get("chi2_p"), 1e-10);
        // G² = 2000 (0.6 ln(0.6/0.55) + 0.4 ln(0.4/0.45)) = 2000 (0.0522068262 - 0.0471132143) = 10.1872238624
        assertEquals(10.1872238624, f.get("g2"), 1e-8);
        // B = mean |A'| = 0.2047944126; B_w = 0.55 * 0.2048 + 0.45 * 0.2048 = the same
        assertEquals(0.2047944126, f.get("b"), EPS);
        assertEquals(0.2047944126, f.get("b_w"), EPS);
        // M3 = (5 + 5) / 2; M5 = |(0.6 - 0.4) - (0.55 - 0.45)| * 100 = 10
        assertEquals(5.0, f.get("mosteller_m3"), EPS);
        assertEquals(10.0, f.get("mosteller_m5"), EPS);
        // MTK A = ln((.6/.4) / (.55/.45)) = A'_a here; SE = sqrt(1/600 + 1/400) = 0.0645497224
        assertEquals(0.2047944126, f.get("mtk_a"), EPS);
        assertEquals(0.0645497224, f.get("mtk_a_se"), EPS);
        assertEquals(5.0, f.get("max_abs_deviation_pp"), EPS);
        assertEquals(1.0, f.get("winner_agrees"));
        // n_critical = 1000 * 3.8414588207 / 10.1010101010 = 380.3044232
        assertEquals(380.3044232, f.get("n_critical"), 1e-6);
        assertEquals(0.0, f.get("verdict_consistent"));
        assertEquals(2.0, f.get("k"));
        assertEquals(0.0, f.get("n_assumed"));
    }

    @Test
    void designEffectWidensEverything() {
        Map<String, Double> f = run(2.0);
        // n_eff = 500; se = sqrt(2 * 0.24 / 1000) = 0.0219089023; z = 3.1782086308 / sqrt 2 = 2.2473328749
        assertEquals(500.0, f.get("n_eff"), EPS);
        assertEquals(0.0219089023, f.get("a.se"), EPS);
        assertEquals(2.2473328749, f.get("a.z"), EPS);
        assertEquals(0.0246187614, f.get("a.p_value"), 1e-10);
        // Holm: 2 * 0.0246187614 = 0.0492375228 < 0.05, still significant
        assertEquals(0.0492375228, f.get("a.p_holm"), 1e-10);
        // Wilson with n = 500: 0.5564541227 .. 0.6420210092
        assertEquals(0.5564541227, f.get("a.ci_low"), EPS);
        assertEquals(0.6420210092, f.get("a.ci_high"), EPS);
        // Rao-Scott X² = 10.1010101010 / 2 = 5.0505050505, p = 0.0246187614; G² is reported before correction
        assertEquals(10.1010101010, f.get("chi2"), 1e-8);
        assertEquals(5.0505050505, f.get("chi2_rs"), 1e-8);
        assertEquals(0.0246187614, f.get("chi2_p"), 1e-10);
        assertEquals(10.1872238624, f.get("g2"), 1e-8);
        assertEquals(0.0912870929, f.get("a.log_odds_ratio_se"), EPS);
        assertEquals(0.0912870929, f.get("mtk_a_se"), EPS);
        assertEquals(760.6088465, f.get("n_critical"), 1e-6);
        assertEquals(0.0, f.get("verdict_consistent"));
    }

    /**
     * The same poll published as 60.0 / 40.0 (one decimal: each share may be 0.05 pp either way) with n = 385:
     * X² = 385 · 0.05² · (1/0.55 + 1/0.45) = 3.888889 rejects against χ²₁,₀.₉₅ = 3.841459, but the reading
     * (59.95, 40.05) gives 385 · 0.0495² · 4.040404 = 3.811500, which does not: the verdict depends on the rounding.
     * The farthest reading (60.05, 39.95) gives 385 · 0.0505² · 4.040404 = 3.967056.
     */
    @Test
    void verdictDependsOnRounding() {
        Map<String, Double> f = run(1.0, 385, 0.001);
        assertEquals(3.8888888889, f.get("chi2_rs"), 1e-8);
        assertEquals(3.8115, f.get("chi2_rs_min"), 1e-8);
        assertEquals(3.9670555556, f.get("chi2_rs_max"), 1e-8);
        assertEquals(-1.0, f.get("verdict"));
        assertEquals(0.0, f.get("verdict_consistent"));
        // deviation bounds: 100 (0.5995 − 0.55) = 4.95 and 100 (0.6005 − 0.55) = 5.05
        assertEquals(4.95, f.get("a.deviation_min"), 1e-9);
        assertEquals(5.05, f.get("a.deviation_max"), 1e-9);
        // deff_critical = X² / 3.841459 = 1.012350
        assertEquals(3.8888888889 / 3.841458820694124, f.get("deff_critical"), 1e-9);
        // margin error 10 pp, se = 100 √(0.96 / 385) = 4.9935023; 95 % interval 10 ∓ 1.959964 · 4.993502
        assertEquals(10.0, f.get("margin_error"), 1e-9);
        assertEquals(4.9935022715, f.get("margin_error_se"), 1e-9);
        assertEquals(10 - 1.959963984540054 * 4.9935022715, f.get("margin_error_ci_low"), 1e-8);
        // 90 % interval 10 ∓ 8.2 reaches far beyond ±2 pp: does not coincide
        assertEquals(0.0, f.get("coincides"));
        assertEquals(2.0, f.get("tolerance"));
        // deviation interval: 5 ∓ 1.959964 · 100 √(0.24 / 385) = 5 ∓ 4.893486
        assertEquals(5 - 1.959963984540054 * 100 * Math.sqrt(0.24 / 385), f.get("a.deviation_ci_low"), 1e-9);
    }

    @Test
    void verdictWithoutRoundingIsThePointEstimate() {
        assertEquals(0.0, run(1.0, 385, 0).get("verdict"));
        assertEquals(1.0, run(1.0, 370, 0).get("verdict"));
        // exact counts: no room either way
        assertEquals(run(1.0, 385, 0).get("chi2_rs"), run(1.0, 385, 0).get("chi2_rs_max"), 1e-12);
    }

    /**
     * Coinciding for every reading. Count 60 / 40; a poll published as 59.0 / 39.0 (2 % unattributed, one decimal),
     * n = 20,000, deff 1, δ = 2 pp. Read in proportion (60.20 / 39.80) its margin error is +0.41 pp, SE
     * 100 √((1 − 0.204²)/20000) = 0.692, 90 % interval −0.73 to +1.55: it coincides. But the readings let the leader's
     * share run from 58.95 to 61.05 %; at 61.05 / 38.95 the margin error alone is +2.10 pp, past δ: it does not
     * coincide for every reading. Published as 59.5 / 40.0 with n = 100,000 the leader runs from 59.45 to 60.05 %,
     * the margin error from −1.10 to +0.10 pp with 90 % half-width 1.645 · 100 √(0.96/100000) ≈ 0.51: inside ±2 pp
     * everywhere, and each deviation (−0.55 to +0.05 pp, half-width 1.645 · 100 √(0.24/100000) = 0.25) too.
     */
    @Test
    void coincidingForEveryReading() {
        Map<String, Double> loose = withShares(0.59, 0.39, 20_000);
        assertEquals(1.0, loose.get("coincides"));
        assertEquals(0.0, loose.get("coincides_all_readings"));
        Map<String, Double> tight = withShares(0.595, 0.400, 100_000);
        assertEquals(1.0, tight.get("coincides"));
        assertEquals(1.0, tight.get("coincides_all_readings"));
    }

    private static Map<String, Double> withShares(double a, double b, double n) {
        Map<String, Double> pp = new LinkedHashMap<>();
        pp.put("a", a);
        pp.put("b", b);
        Map<String, Double> vv = new LinkedHashMap<>();
        vv.put("a", 0.60);
        vv.put("b", 0.40);
        return Comparison.compare(source("poll", Source.Kind.EXIT_POLL, Source.ValueType.PERCENT, (long) n),
                        new Shares(pp, null, null, 1 - a - b), source("count", Source.Kind.OFFICIAL,
                                Source.ValueType.VOTES, null), new Shares(vv, null, null, 0), List.of("a", "b"),
                        new SampleSize(n, false, "published"), 1.0, 0.001, null, AnalysisParameters.DEFAULTS)
                .stream().collect(Collectors.toMap(f -> (f.candidate() == null ? "" : f.candidate() + ".") + f.metric(),
                        f -> f.value() == null ? Double.NaN : f.value()));
    }

    private static Source source(String id, Source.Kind kind, Source.ValueType values, Long n) {
        return new Source(id, kind, Source.Level.NATIONAL, values, Source.ShareBase.VALID, id + ".csv",
                new Source.Published("org", "2024-01-01", null, null, 2),
                new Source.Sample(n, null, null, null, null), Source.Coverage.of(kind == Source.Kind.OFFICIAL));
    }
}
