package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;

/**
 * A poll with station counts is compared with its own design effects: the four-station example worked by hand in
 * exact fractions in ClusterSampleTest and RaoScottTest (stations 10/6/4, 5/10/5, 15/5/10, 3/4/3; p̂ = 0.4125,
 * 0.3125, 0.275; n = 80) against official shares 0.40 / 0.35 / 0.25.
 */
class ComparisonDesignTest {

    @Test
    void stationCountsReplaceTheAssumedDesignEffect() {
        double[][] stations = {{10, 6, 4}, {5, 10, 5}, {15, 5, 10}, {3, 4, 3}};
        List<String> candidates = List.of("a", "b", "c");
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < stations.length; i++) {
            Map<String, Double> c = new LinkedHashMap<>();
            for (int j = 0; j < 3; j++) {
                c.put(candidates.get(j), stations[i][j]);
            }
            rows.add(new ResultRow("poll", i + 2, "d1", "s" + i, null, null, null, null, null, null, c));
        }
        PollDesign design = PollDesign.estimate(rows, candidates);
        Map<String, Double> poll = new LinkedHashMap<>(Map.of("a", 33 / 80.0, "b", 25 / 80.0, "c", 22 / 80.0));
        Map<String, Double> count = new LinkedHashMap<>(Map.of("a", 0.40, "b", 0.35, "c", 0.25));
        Source ps = new Source("poll", Source.Kind.EXIT_POLL, Source.Level.NATIONAL, Source.ValueType.VOTES,
                Source.ShareBase.VALID, "poll.csv",
                new Source.Published("org", "2024-01-01", null, null, 2),
                new Source.Sample(80L, null, null, null, null), Source.Coverage.of(false));
        Source rs = new Source("count", Source.Kind.OFFICIAL, Source.Level.NATIONAL, Source.ValueType.VOTES,
                Source.ShareBase.VALID, "count.csv",
                new Source.Published("cec", "2024-01-02", null, null, 3), Source.Sample.NONE, Source.Coverage.of(true));
        Map<String, Double> f = Comparison.compare(ps, new Shares(poll, null, null, 0), rs,
                        new Shares(count, null, null, 0), candidates, new SampleSize(80, false, "published"), 2.5, 0,
                        design, AnalysisParameters.DEFAULTS).stream()
                .collect(Collectors.toMap(x -> (x.candidate() == null ? "" : x.candidate() + ".") + x.metric(),
                        x -> x.value() == null ? Double.NaN : x.value()));
        // δ̄ with P at the official shares and the first-order statistic X² / δ̄ = (619/1120) / 1.451543898810
        assertEquals(1.0, f.get("deff_estimated"));
        assertEquals(1.451543898810, f.get("deff"), 1e-11);
        assertEquals(0.380752226565, f.get("chi2_rs"), 1e-11);
        assertEquals(1.265960137427, f.get("chi2_rs2_df"), 1e-11);
        assertEquals(4.0, f.get("stations"));
        // each share's own design effect: 6970/4653, 66/25 and 150/319 (ClusterSampleTest), in its SE
        assertEquals(6970.0 / 4653, f.get("a.deff"), 1e-12);
        assertEquals(66.0 / 25, f.get("b.deff"), 1e-12);
        assertEquals(Math.sqrt(66.0 / 25 * 0.3125 * 0.6875 / 80), f.get("b.se"), 1e-12);
        // a topline n of 160 beside station counts of 80 respondents: the share's variance is still the station
        // sample's, 2.64 · p(1 − p) / 80, so its design effect against n = 160 is 2.64 · 160 / 80 = 5.28
        Map<String, Double> g = Comparison.compare(ps, new Shares(poll, null, null, 0), rs,
                        new Shares(count, null, null, 0), candidates, new SampleSize(160, false, "published"), 2.5, 0,
                        design, AnalysisParameters.DEFAULTS).stream()
                .collect(Collectors.toMap(x -> (x.candidate() == null ? "" : x.candidate() + ".") + x.metric(),
                        x -> x.value() == null ? Double.NaN : x.value()));
        assertEquals(5.28, g.get("b.deff"), 1e-12);
        assertEquals(f.get("b.se"), g.get("b.se"), 1e-15);
        assertEquals(f.get("chi2_rs"), g.get("chi2_rs"), 1e-12);
        // X² / δ̄ is far below χ²₀.₉₅(2) = 5.99 for every reading of exact counts: consistent
        assertEquals(1.0, f.get("verdict"));

        // a count that gives c no vote: P at the official shares is singular, so δ̄ takes P at the poll's own shares
        // (33, 25, 22) / 80. Computed independently (numpy: V the with-replacement ratio-estimator covariance of the
        // four stations, δ̄ = tr(P⁻¹V n)/(k − 1) over the first k − 1 shares), 1.517979797980; the same computation at
        // the official shares of the comparison above gives its 1.451543898810
        Map<String, Double> zero = new LinkedHashMap<>(Map.of("a", 0.55, "b", 0.45, "c", 0.0));
        Map<String, Double> h = Comparison.compare(ps, new Shares(poll, null, null, 0), rs,
                        new Shares(zero, null, null, 0), candidates, new SampleSize(80, false, "published"), 2.5, 0,
                        design, AnalysisParameters.DEFAULTS).stream()
                .collect(Collectors.toMap(x -> (x.candidate() == null ? "" : x.candidate() + ".") + x.metric(),
                        x -> x.value() == null ? Double.NaN : x.value(), (x, y) -> x));
        assertEquals(1.0, h.get("deff_estimated"));
        assertEquals(1.517979797980, h.get("deff"), 1e-11);
        // a poll share of 27.5 % where the count has none: no goodness of fit is possible
        assertEquals(0.0, h.get("chi2_p"));
    }
}
