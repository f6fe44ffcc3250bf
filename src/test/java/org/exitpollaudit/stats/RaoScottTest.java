package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RaoScottTest {

    private static final double[] OFFICIAL = {0.40, 0.35, 0.25};

    /**
     * The hand example of {@link ClusterSampleTest#HAND} (n = 80, p̂ = (0.4125, 0.3125, 0.275)), P at p̂. With
     * k = 3 the generalised design effects are the two eigenvalues of the 2 × 2 matrix A = P⁻¹V, found by hand with
     * the quadratic formula λ = tr/2 ± √(tr²/4 − det):
     * <pre>
     *   A_jl = n (V_jl / p_j + (V_Al + V_Bl) / p_C)
     *        = [[0.679292929293, −0.472222222222], [−1.539090909091, 2.356666666667]]
     *   tr 3.035959595960, det 0.874074074074
     *   δ = 2.713884724385, 0.322074871574     (numpy.linalg.eigvals of solve(P, V) agrees)
     *   δ̄ = 1.517979797980 = Σ_c (1 − p̂_c) deff_c / 2 = (0.5875·1.497958 + 0.6875·2.64 + 0.725·0.470219) / 2
     *   a² = ((δ1 − δ̄)² + (δ2 − δ̄)²) / (2 δ̄²) = 0.620670817367, df₂ = 2 / 1.620670817367 = 1.234056897038
     * </pre>
     */
    @Test
    void generalisedDesignEffectsAtTheSampleShares() {
        RaoScott rs = RaoScott.of(ClusterSample.of(ClusterSampleTest.HAND));
        assertEquals(3, rs.categories());
        assertEquals(1.517979797980, rs.meanDeff(), 1e-11);
        assertEquals(0.620670817367, rs.a2(), 1e-11);
        assertEquals(1.234056897038, rs.secondOrderDf(), 1e-11);
        assertEquals(2, rs.firstOrderDf());
    }

    /**
     * Goodness of fit of the same poll against official shares π₀ = (0.40, 0.35, 0.25), P at π₀ (the null
     * proportions; SURVEYFREQ's CHISQ1). By hand, as above:
     * <pre>
     *   X² = 80 (0.0125²/0.40 + 0.0375²/0.35 + 0.025²/0.25) = 619/1120 = 0.552678571429
     *   A = [[0.68671875, −0.449739583333], [−1.415773809524, 2.216369047619]]
     *   tr 2.903087797619, det 0.885292658730 → δ = 2.556843419953, 0.346244377666
     *   δ̄ = 1.451543898810, a² = 0.579828575064, df₂ = 1.265960137427
     *   X²_RS1 = 0.552678571429 / 1.451543898810 = 0.380752226565        p (χ², 2 df)    = 0.826648162113
     *   X²_RS2 = 0.380752226565 / 1.579828575064 = 0.241008570534        p (χ², 1.266 df) = 0.721271489164
     * </pre>
     * The p-values are SciPy 1.17.1's {@code scipy.stats.chi2.sf(x, df)} (the χ²(2) one is also e^(−x/2) by hand).
     */
    @Test
    void firstAndSecondOrderStatisticsAgainstTheCount() {
        ClusterSample s = ClusterSample.of(ClusterSampleTest.HAND);
        double x2 = GoodnessOfFit.pearson(s.shares(), OFFICIAL, s.n());
        assertEquals(619.0 / 1120, x2, 1e-12);
        RaoScott rs = RaoScott.of(OFFICIAL, s.covariance(), s.n());
        assertEquals(1.451543898810, rs.meanDeff(), 1e-11);
        assertEquals(0.579828575064, rs.a2(), 1e-11);
        assertEquals(1.265960137427, rs.secondOrderDf(), 1e-11);
        assertEquals(0.380752226565, rs.firstOrder(x2), 1e-11);
        assertEquals(0.241008570534, rs.secondOrder(x2), 1e-11);
        assertEquals(Math.exp(-0.380752226565 / 2), rs.firstOrderPValue(x2), 1e-11);
        assertEquals(0.826648162113, rs.firstOrderPValue(x2), 1e-11);
        assertEquals(0.721271489164, rs.secondOrderPValue(x2), 1e-9);
    }

    /** tr(A) = n Σ_c V_cc / π_c over all k categories, whichever category is left out of A. */
    @Test
    void independentOfTheCategoryLeftOut() {
        ClusterSample s = ClusterSample.of(ClusterSampleTest.HAND);
        double[][] v = s.covariance();
        int[] order = {2, 0, 1};
        double[] pi = new double[3];
        double[][] w = new double[3][3];
        for (int i = 0; i < 3; i++) {
            pi[i] = OFFICIAL[order[i]];
            for (int j = 0; j < 3; j++) {
                w[i][j] = v[order[i]][order[j]];
            }
        }
        RaoScott a = RaoScott.of(OFFICIAL, v, 80);
        RaoScott b = RaoScott.of(pi, w, 80);
        assertEquals(a.meanDeff(), b.meanDeff(), 1e-12);
        assertEquals(a.a2(), b.a2(), 1e-12);
        double trace = 80 * (v[0][0] / 0.40 + v[1][1] / 0.35 + v[2][2] / 0.25);
        assertEquals(trace / 2, a.meanDeff(), 1e-12);
    }

    /** The closed-form P⁻¹ times P gives back V: P · (P⁻¹V) = V over the first k − 1 categories. */
    @Test
    void designMatrixInvertsTheMultinomialCovariance() {
        double[] pi = {0.1, 0.2, 0.3, 0.4};
        double n = 500;
        double[][] v = {
                {4e-4, -1e-4, -1e-4, -2e-4},
                {-1e-4, 6e-4, -2e-4, -3e-4},
                {-1e-4, -2e-4, 7e-4, -4e-4},
                {-2e-4, -3e-4, -4e-4, 9e-4}};
        double[][] a = RaoScott.designMatrix(pi, v, n);
        for (int i = 0; i < 3; i++) {
            for (int l = 0; l < 3; l++) {
                double back = 0;
                for (int j = 0; j < 3; j++) {
                    double p = ((i == j ? pi[i] : 0) - pi[i] * pi[j]) / n;
                    back += p * a[j][l];
                }
                assertEquals(v[i][l], back, 1e-15, i + "," + l);
            }
        }
    }

    /**
     * Simple random sampling: V = P gives every δ = 1, so the corrections change nothing. Two categories: one δ,
     * a² = 0, and δ = deff of either share.
     */
    @Test
    void simpleRandomSamplingAndTwoCategories() {
        double[] p = {0.2, 0.3, 0.5};
        double n = 1000;
        double[][] srs = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                srs[i][j] = ((i == j ? p[i] : 0) - p[i] * p[j]) / n;
            }
        }
        RaoScott rs = RaoScott.of(p, srs, n);
        assertEquals(1, rs.meanDeff(), 1e-12);
        assertEquals(0, rs.a2(), 1e-12);
        assertEquals(7.5, rs.secondOrder(7.5), 1e-10);
        assertEquals(2, rs.secondOrderDf(), 1e-10);

        // two categories, p = 0.3, n = 100, v(p̂) = 0.0042 = 2 × 0.3 · 0.7 / 100: deff 2
        RaoScott two = RaoScott.of(new double[] {0.3, 0.7}, new double[][] {{0.0042, -0.0042}, {-0.0042, 0.0042}}, 100);
        assertEquals(2, two.meanDeff(), 1e-12);
        assertEquals(0, two.a2(), 0);
        assertEquals(1, two.secondOrderDf(), 0);
        assertEquals(3, two.firstOrder(6), 1e-12);
    }

    /**
     * The messages name the category, the share, the sample size or the row (the analysis reports them when a poll's
     * design effects cannot be estimated).
     */
    @Test
    void refusesWhatIsNoSampleOfShares() {
        double[][] v = {{1e-3, -1e-3}, {-1e-3, 1e-3}};
        refuses("category 0 has share 0.0: P is singular", () -> RaoScott.of(new double[] {0, 1}, v, 100));
        refuses("at least 2 categories, got 1", () -> RaoScott.of(new double[] {1}, new double[][] {{0}}, 100));
        refuses("shares sum to 1.1", () -> RaoScott.of(new double[] {0.5, 0.6}, v, 100));
        refuses("sample size 0.0 is not a finite number > 0", () -> RaoScott.of(new double[] {0.5, 0.5}, v, 0));
        refuses("sample size NaN", () -> RaoScott.of(new double[] {0.5, 0.5}, v, Double.NaN));
        refuses("V has 2 rows for 3 categories", () -> RaoScott.of(new double[] {0.2, 0.3, 0.5}, v, 100));
        refuses("V row 0 has 1 entries for 2 categories",
                () -> RaoScott.of(new double[] {0.5, 0.5}, new double[][] {{1e-3}, {-1e-3, 1e-3}}, 100));
        // every station at the pooled shares: V = 0
        refuses("no variance", () -> RaoScott.of(ClusterSample.of(new double[][] {{2, 2}, {3, 3}})));
    }

    @Test
    void refusesACovarianceThatIsNotFiniteAndAnInvalidCorrection() {
        refuses("V[0][1] = NaN", () -> RaoScott.of(new double[] {0.5, 0.5},
                new double[][] {{1e-3, Double.NaN}, {-1e-3, 1e-3}}, 100));
        refuses("V[1][1] = Infinity", () -> RaoScott.of(new double[] {0.5, 0.5},
                new double[][] {{1e-3, -1e-3}, {-1e-3, Double.POSITIVE_INFINITY}}, 100));
        refuses("categories = 1", () -> new RaoScott(1, 1.5, 0));
        refuses("meanDeff = 0.0", () -> new RaoScott(3, 0, 0));
        refuses("a2 = -0.1", () -> new RaoScott(3, 1.5, -0.1));
        RaoScott rs = new RaoScott(3, 2, 0);
        refuses("x2 = -6.0", () -> rs.firstOrder(-6));
        refuses("x2 = -6.0", () -> rs.secondOrderPValue(-6));
    }

    @Test
    void anUndefinedStatisticStaysUndefined() {
        RaoScott rs = new RaoScott(3, 2, 0.5);
        assertEquals(Double.NaN, rs.firstOrder(Double.NaN));
        assertEquals(Double.NaN, rs.secondOrderPValue(Double.NaN));
        // X² = 6 on δ̄ = 2, â² = 0.5: 6 / 2 = 3 and 6 / (2 · 1.5) = 2 on 2 / 1.5 df
        assertEquals(3, rs.firstOrder(6), 1e-15);
        assertEquals(2, rs.secondOrder(6), 1e-15);
        assertEquals(4.0 / 3, rs.secondOrderDf(), 1e-15);
    }
}
