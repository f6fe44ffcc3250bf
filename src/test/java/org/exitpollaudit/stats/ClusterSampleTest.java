package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

class ClusterSampleTest {

    /**
     * Four stations, three candidates (A, B, C), counts chosen so that the station sizes differ (20, 20, 30, 10).
     * Worked by hand (exact fractions; checked with Python's fractions module):
     * <pre>
     *   totals (33, 25, 22), n = 80, p̂ = (0.4125, 0.3125, 0.275)
     *   residuals e_i = y_i − p̂ m_i:
     *     s1 (10, 6, 4),  m 20: p̂m = (8.25, 6.25, 5.5)      e = ( 1.75,  −0.25, −1.5 )
     *     s2 (5, 10, 5),  m 20:                              e = (−3.25,   3.75, −0.5 )
     *     s3 (15, 5, 10), m 30: p̂m = (12.375, 9.375, 8.25)  e = ( 2.625, −4.375,  1.75)
     *     s4 (3, 4, 3),   m 10: p̂m = (4.125, 3.125, 2.75)   e = (−1.125,  0.875,  0.25)
     *   Σ e e':  AA 21.78125, BB 34.03125, CC 5.625, AB −25.09375, AC 3.3125, BC −8.9375
     *   scale a / ((a − 1) n²) = 4 / (3 · 6400) = 1 / 4800
     *   V: AA 0.00453776041667, BB 0.00708984375, CC 0.001171875,
     *      AB −0.00522786458333, AC 0.000690104166667, BC −0.00186197916667
     *   SRS variances p(1 − p)/n: A 0.003029296875, B 0.002685546875, C 0.0024921875
     *   deff = (6970/4653, 66/25, 150/319) = (1.49795830647, 2.64, 0.470219435737)
     * </pre>
     */
    static final double[][] HAND = {{10, 6, 4}, {5, 10, 5}, {15, 5, 10}, {3, 4, 3}};

    @Test
    void handWorkedExample() {
        ClusterSample s = ClusterSample.of(HAND);
        assertEquals(4, s.stations());
        assertEquals(80, s.n(), 0);
        double[] p = s.shares();
        assertEquals(0.4125, p[0], 1e-15);
        assertEquals(0.3125, p[1], 1e-15);
        assertEquals(0.275, p[2], 1e-15);
        double[][] v = s.covariance();
        assertEquals(21.78125 / 4800, v[0][0], 1e-15);
        assertEquals(34.03125 / 4800, v[1][1], 1e-15);
        assertEquals(5.625 / 4800, v[2][2], 1e-15);
        assertEquals(-25.09375 / 4800, v[0][1], 1e-15);
        assertEquals(3.3125 / 4800, v[0][2], 1e-15);
        assertEquals(-8.9375 / 4800, v[1][2], 1e-15);
        assertEquals(v[0][1], v[1][0], 0);
        assertEquals(v[1][2], v[2][1], 0);
        assertEquals(s.variance(1), v[1][1], 0);
        assertEquals(6970.0 / 4653, s.designEffect(0), 1e-12);
        assertEquals(2.64, s.designEffect(1), 1e-12);
        assertEquals(150.0 / 319, s.designEffect(2), 1e-12);
        for (double[] row : v) {
            assertEquals(0, row[0] + row[1] + row[2], 1e-17, "Σ p̂ = 1 has no variance");
        }
    }

    /** The stations' order does not matter, and the accessors hand out copies. */
    @Test
    void orderFreeAndImmutable() {
        double[][] reversed = {HAND[3], HAND[2], HAND[1], HAND[0]};
        ClusterSample s = ClusterSample.of(reversed);
        assertEquals(2.64, s.designEffect(1), 1e-12);
        s.shares()[0] = 9;
        s.covariance()[0][0] = 9;
        assertEquals(0.4125, s.shares()[0], 1e-15);
        assertEquals(21.78125 / 4800, s.variance(0), 1e-15);
    }

    /**
     * A station with no respondent in the categories stays a sampled cluster (domain estimation): a goes from 4 to
     * 5, the residual sums are unchanged, so V scales by (5/4)/(4/3) = 15/16.
     */
    @Test
    void emptyStationCountsAsACluster() {
        double[][] withEmpty = {HAND[0], HAND[1], HAND[2], HAND[3], {0, 0, 0}};
        ClusterSample s = ClusterSample.of(withEmpty);
        assertEquals(5, s.stations());
        assertEquals(21.78125 / 4800 * 15 / 16, s.variance(0), 1e-15);
    }

    @Test
    void aCategoryNobodyChoseHasNoDesignEffect() {
        ClusterSample s = ClusterSample.of(new double[][] {{3, 0}, {5, 0}});
        assertTrue(Double.isNaN(s.designEffect(0)), "p̂ = 1");
        assertTrue(Double.isNaN(s.designEffect(1)), "p̂ = 0");
        assertEquals(0, s.variance(1), 0);
    }

    /** The messages name the station, the category and the value. */
    @Test
    void refusesWhatIsNoTableOfCounts() {
        refuses("at least 2 stations, got 1", () -> ClusterSample.of(new double[][] {{1, 2}}));
        refuses("at least 2 stations, got 0", () -> ClusterSample.of(new double[0][]));
        refuses("at least 2 categories, got 1", () -> ClusterSample.of(new double[][] {{1}, {2}}));
        refuses("station 1 has 3 categories, station 0 has 2",
                () -> ClusterSample.of(new double[][] {{1, 2}, {1, 2, 3}}));
        refuses("station 1, category 0: count -1.0", () -> ClusterSample.of(new double[][] {{1, 2}, {-1, 2}}));
        refuses("station 0, category 1: count NaN", () -> ClusterSample.of(new double[][] {{1, Double.NaN}, {1, 2}}));
        refuses("station 0, category 1: count Infinity",
                () -> ClusterSample.of(new double[][] {{1, Double.POSITIVE_INFINITY}, {1, 2}}));
        refuses("no one in any station", () -> ClusterSample.of(new double[][] {{0, 0}, {0, 0}}));
    }

    @Test
    void refusesACategoryThatIsNotThere() {
        ClusterSample s = ClusterSample.of(new double[][] {{3, 1}, {1, 3}});
        refuses("c = 2 is not one of the 2 categories (0 … 1)", () -> s.variance(2));
        refuses("c = -1 is not one of the 2 categories", () -> s.variance(-1));
        refuses("c = 2 is not one of the 2 categories", () -> s.designEffect(2));
        refuses("c = -1 is not one of the 2 categories", () -> s.designEffect(-1));
    }

    /**
     * A cluster sample with a known design effect. Each station's shares are Dirichlet(α0 · v) and its m respondents
     * are multinomial given those shares (Dirichlet-multinomial); then Var(y_c) = m v_c (1 − v_c) (α0 + m) / (α0 + 1),
     * i.e. deff_c = 1 + (m − 1) / (α0 + 1) for every category, and V = deff · P, so every generalised design effect
     * δ_j equals it too (δ̄ = deff, a² = 0). α0 → ∞ is simple random sampling (deff 1).
     * <p>
     * Tolerance: v̂(p̂_c) is an average over a = 2,000 stations of e_ic² (times a constant), so its relative standard
     * error is sd(e_c²) / (mean(e_c²) √a), estimated from the same sample (about 0.03 to 0.05 here). The estimate must
     * lie within 4 such standard errors of the truth (a two-sided 4-SE miss has probability 6e-5; the seed is fixed
     * so the test is deterministic); an estimator that ignored the clustering (deff 1) would miss 2.38 and 5.83 by
     * dozens of SEs. Over seeds 1..200 (first category) the estimates averaged 5.853 (sd 0.143), 2.3825 (sd 0.070) and
     * 1.0000 (sd 0.033) against 5.833, 2.381 and 1: unbiased, and the per-sample SE above matches the spread. With k − 1 = 2, â² = (δ_1 − δ_2)² / (4 δ̄²); each δ within ±4 SE (±0.2 relative)
     * bounds it by 0.04.
     */
    @Test
    void recoversTheDesignEffectOfASimulatedClusterSample() {
        double[] v = {0.5, 0.3, 0.2};
        int stations = 2000;
        int m = 30;
        for (double alpha0 : new double[] {5, 20, Double.POSITIVE_INFINITY}) {
            double truth = 1 + (m - 1) / (alpha0 + 1);
            double[][] counts = dirichletMultinomial(v, alpha0, stations, m, 20261130L);
            ClusterSample s = ClusterSample.of(counts);
            assertEquals(stations * m, s.n(), 0);
            for (int c = 0; c < v.length; c++) {
                double se = relativeSe(counts, s.shares()[c], c) * truth;
                assertEquals(truth, s.designEffect(c), 4 * se, "α0 = " + alpha0 + ", category " + c + ", SE " + se);
                assertTrue(se < 0.06 * truth, "the sample is large enough for the check to mean something: " + se);
            }
            RaoScott rs = RaoScott.of(s);
            assertEquals(truth, rs.meanDeff(), 4 * 0.05 * truth, "α0 = " + alpha0);
            assertTrue(rs.a2() < 0.04, "α0 = " + alpha0 + ": a² = " + rs.a2());
        }
    }

    /** sd(e_c²) / (mean(e_c²) √a) with e_ic = y_ic − p̂_c m_i. */
    private static double relativeSe(double[][] counts, double p, int c) {
        int a = counts.length;
        double[] sq = new double[a];
        double mean = 0;
        for (int i = 0; i < a; i++) {
            double m = 0;
            for (double y : counts[i]) {
                m += y;
            }
            double e = counts[i][c] - p * m;
            sq[i] = e * e;
            mean += sq[i] / a;
        }
        double ss = 0;
        for (double x : sq) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (a - 1)) / (mean * Math.sqrt(a));
    }

    /** Dirichlet(α0 v) shares per station (normalised Gamma(α0 v_c, 1) draws), then m categorical draws. */
    static double[][] dirichletMultinomial(double[] v, double alpha0, int stations, int m, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ContinuousDistribution.Sampler[] gamma = new ContinuousDistribution.Sampler[v.length];
        if (!Double.isInfinite(alpha0)) {
            for (int c = 0; c < v.length; c++) {
                gamma[c] = GammaDistribution.of(alpha0 * v[c], 1).createSampler(rng);
            }
        }
        double[][] counts = new double[stations][v.length];
        double[] shares = new double[v.length];
        for (int i = 0; i < stations; i++) {
            if (Double.isInfinite(alpha0)) {
                System.arraycopy(v, 0, shares, 0, v.length);
            } else {
                double sum = 0;
                for (int c = 0; c < v.length; c++) {
                    shares[c] = gamma[c].sample();
                    sum += shares[c];
                }
                for (int c = 0; c < v.length; c++) {
                    shares[c] /= sum;
                }
            }
            for (int r = 0; r < m; r++) {
                double u = rng.nextDouble();
                int c = 0;
                double cumulative = shares[0];
                while (u >= cumulative && c < v.length - 1) {
                    cumulative += shares[++c];
                }
                counts[i][c]++;
            }
        }
        return counts;
    }
}
