package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.junit.jupiter.api.Test;

/**
 * Two polls of two candidates against a count of 50 / 50, worked by hand. Poll x: 55 / 45 with n = 1000; poll y:
 * 52 / 48 with n = 400; both deff 1.
 */
class PollAgreementTest {

    private static final AnalysisParameters SRS = new AnalysisParameters(1.0, 40, 1000, 0.05, 0.95, AnalysisParameters.DEFAULT_TOLERANCE);

    @Test
    void pooledAndPairwise() {
        Source x = poll("x", 1000L, 2);
        Source y = poll("y", 400L, 3);
        Source count = new Source("count", Source.Kind.OFFICIAL, Source.Level.NATIONAL, Source.ValueType.VOTES,
                Source.ShareBase.VALID, "count.csv",
                new Source.Published("cec", "2024-01-02", null, null, 4), Source.Sample.NONE, Source.Coverage.of(true));
        ElectionPackage pkg = new ElectionPackage(Path.of("."), new Election("e", "E", LocalDate.of(2024, 1, 1), "X",
                null, null, null), List.of(new Candidate("a", "A", null, List.of()),
                new Candidate("b", "B", null, List.of())), List.of(), List.of(count, x, y));
        Map<String, Shares> shares = new LinkedHashMap<>();
        shares.put("count", shares(0.5, 0.5));
        shares.put("x", shares(0.55, 0.45));
        shares.put("y", shares(0.52, 0.48));

        List<Figure> compared = new java.util.ArrayList<>();
        for (Source poll : List.of(x, y)) {
            compared.addAll(Comparison.compare(poll, shares.get(poll.id()), count, shares.get("count"), List.of("a", "b"),
                    SampleSize.of(poll, SRS), 1.0, 0, null, SRS));
        }
        Map<String, Double> pooled = index(PollAgreement.pooled(pkg, List.of(x, y), compared, count, SRS));
        // z_x = 0.05 / √(0.25/1000) = 3.16227766; z_y = 0.02 / √(0.25/400) = 0.8; Stouffer (3.16227766 + 0.8) / √2
        assertEquals((0.05 / Math.sqrt(0.25 / 1000) + 0.8) / Math.sqrt(2), pooled.get("a.pooled_z"), 1e-12);
        assertEquals(2.0, pooled.get("a.pooled_polls"));
        // DerSimonian–Laird on deviations 5 and 2 pp with variances 100² · 0.55·0.45/1000 = 2.475 and
        // 100² · 0.52·0.48/400 = 6.24: w = (0.404040, 0.160256), fixed mean 4.148021, Q = 1.032702 on 1 df,
        // τ² = (Q − 1) / (Σw − Σw²/Σw) = 0.1425; w* = 1/(s² + τ²) gives μ = 4.1275, SE 1.362440 (Python, by hand)
        assertEquals(0.1425, pooled.get("a.re_tau2"), 1e-9);
        assertEquals(1.0327022375215145, pooled.get("a.re_q"), 1e-9);
        assertEquals(4.1275, pooled.get("a.re_deviation_pp"), 1e-9);
        // Hartung–Knapp: q* = Σ w*(y − μ)² / (m − 1) = 0.38204·0.76126 + 0.15668·4.52626 = 1.0000, so SE stays 1.362440;
        // t on 1 df, 12.706204736432095 (SciPy t.ppf(0.975, 1)): two polls say little about a common error
        assertEquals(4.1275 - 12.706204736432095 * 1.3624403656674298, pooled.get("a.re_deviation_ci_low"), 1e-6);

        Map<String, Double> pairs = index(PollAgreement.pairs(pkg, List.of(x, y), shares, count, compared, SRS));
        // difference 3 pp; SE √(0.55·0.45/1000 + 0.52·0.48/400) = √(0.0002475 + 0.000624) = 0.029521178
        assertEquals(3.0, pairs.get("a.pair_difference_pp"), 1e-9);
        assertEquals(0.03 / Math.sqrt(0.0002475 + 0.000624), pairs.get("a.pair_z"), 1e-9);
        // 2 × 2 homogeneity on counts (550, 450 / 208, 192): X² = 1400 (550·192 − 450·208)² / (1000 · 400 · 758 · 642)
        double chi2 = 1400 * Math.pow(550 * 192 - 450 * 208, 2) / (1000.0 * 400 * 758 * 642);
        assertEquals(chi2, pairs.get("pair_chi2"), 1e-9);
        assertEquals(1.0, pairs.get("pair_df"));
    }

    private static Source poll(String id, long n, int line) {
        return new Source(id, Source.Kind.EXIT_POLL, Source.Level.NATIONAL, Source.ValueType.PERCENT,
                Source.ShareBase.VALID, id + ".csv",
                new Source.Published("org " + id, "2024-01-01", null, null, line),
                new Source.Sample(n, null, null, null, null), Source.Coverage.of(false));
    }

    private static Shares shares(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return new Shares(m, null, null, 0);
    }

    private static Map<String, Double> index(List<Figure> figures) {
        return figures.stream().collect(Collectors.toMap(
                f -> (f.candidate() == null ? "" : f.candidate() + ".") + f.metric(), f -> f.value()));
    }
}
