package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.GTest;
import org.junit.jupiter.api.Test;

class GoodnessOfFitTest {

    /** surveybias' published output for the French example (see SurveyBiasTest): Pearson and LR chi-square, df 8. */
    @Test
    void reproducesSurveybiasChiSquares() {
        double[] p = SurveyBiasTest.p();
        double[] v = SurveyBiasTest.v();
        double x2 = GoodnessOfFit.pearson(p, v, SurveyBiasTest.N);
        double g2 = GoodnessOfFit.likelihoodRatio(p, v, SurveyBiasTest.N);
        assertEquals(18.695468, x2, 5e-7);
        assertEquals(.01657592, GoodnessOfFit.pValue(x2, 8), 5e-9);
        assertEquals(19.540804, g2, 5e-7);
        assertEquals(.01222022, GoodnessOfFit.pValue(g2, 8), 5e-9);
    }

    /** Reference implementation: Commons Statistics' ChiSquareTest and GTest on the same integer counts. */
    @Test
    void agreesWithCommonsStatisticsOnIntegerCounts() {
        double[] v = SurveyBiasTest.v();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = v[i] * SurveyBiasTest.N;
        }
        double[] p = SurveyBiasTest.p();
        assertEquals(ChiSquareTest.withDefaults().statistic(expected, SurveyBiasTest.COUNTS),
                GoodnessOfFit.pearson(p, v, SurveyBiasTest.N), 1e-9);
        assertEquals(GTest.withDefaults().statistic(expected, SurveyBiasTest.COUNTS),
                GoodnessOfFit.likelihoodRatio(p, v, SurveyBiasTest.N), 1e-9);
    }

    /** Published chi-square table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4): upper 5 % points. */
    @Test
    void criticalValuesMatchTheTable() {
        assertEquals(3.841, GoodnessOfFit.critical(1, 0.05), 5e-4);
        assertEquals(12.592, GoodnessOfFit.critical(6, 0.05), 5e-4);
        assertEquals(15.507, GoodnessOfFit.critical(8, 0.05), 5e-4);
    }

    @Test
    void criticalSampleSizeIsWhereTheTestStartsToReject() {
        // Hand: X2_RS = 6.0 at n = 1000 on df 1; rejection needs 3.841459 -> n_crit = 1000 * 3.841459 / 6 = 640.24
        double nCrit = GoodnessOfFit.criticalSampleSize(6.0, 1000, 1, 0.05);
        assertEquals(640.2432, nCrit, 1e-3);
        assertEquals(0.05, GoodnessOfFit.pValue(6.0 * nCrit / 1000, 1), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, GoodnessOfFit.criticalSampleSize(0, 1000, 1, 0.05));
    }

    @Test
    void likelihoodRatioTreatsZeroObservedAsZeroContribution() {
        // p = (0.5, 0.5, 0), v = (0.4, 0.4, 0.2), n = 100: G2 = 2*100*(2 * 0.5 ln(1.25)) = 200 * 0.2231436 = 44.62871
        assertEquals(44.62871, GoodnessOfFit.likelihoodRatio(new double[] {.5, .5, 0}, new double[] {.4, .4, .2}, 100), 1e-5);
    }

    @Test
    void refusesWhatIsNoPairOfDistributions() {
        refuses("p has 2 entries, v has 3",
                () -> GoodnessOfFit.pearson(new double[] {.5, .5}, new double[] {.4, .4, .2}, 100));
        refuses("p[0] = 50.0", () -> GoodnessOfFit.pearson(new double[] {50, 50}, new double[] {.5, .5}, 100));
        refuses("v[1] = -0.2",
                () -> GoodnessOfFit.likelihoodRatio(new double[] {.5, .5}, new double[] {.5, -.2}, 100));
        refuses("n = -100.0", () -> GoodnessOfFit.pearson(new double[] {.5, .5}, new double[] {.5, .5}, -100));
        refuses("n = NaN", () -> GoodnessOfFit.likelihoodRatio(new double[] {.5, .5}, new double[] {.5, .5},
                Double.NaN));
    }

    @Test
    void refusesANegativeStatisticAndDegreesOfFreedomBelowOne() {
        refuses("statistic = -1.0", () -> GoodnessOfFit.pValue(-1, 3));
        refuses("df = 0", () -> GoodnessOfFit.pValue(1, 0));
        refuses("df = 0", () -> GoodnessOfFit.critical(0, 0.05));
        refuses("alpha = 0.0", () -> GoodnessOfFit.critical(1, 0));
        refuses("alpha = 5.0", () -> GoodnessOfFit.criticalSampleSize(6, 1000, 1, 5));
        refuses("chi2RaoScott = -6.0", () -> GoodnessOfFit.criticalSampleSize(-6, 1000, 1, 0.05));
        refuses("n = -1000.0", () -> GoodnessOfFit.criticalSampleSize(6, -1000, 1, 0.05));
    }

    /**
     * An official share of 0 has no expected count; the analysis reaches it (and warns). With p = (0.9, 0.1) and
     * v = (1, 0): X² = n (0.01 / 1 + 0.01 / 0) = +∞, G² = 2n (0.9 ln 0.9 + 0.1 ln(0.1 / 0)) = +∞; with p = (1, 0),
     * X² has 0 / 0 in it, NaN, and G² counts 0 ln 0 as 0.
     */
    @Test
    void anOfficialShareOfZero() {
        double[] v = {1, 0};
        assertEquals(Double.POSITIVE_INFINITY, GoodnessOfFit.pearson(new double[] {.9, .1}, v, 100));
        assertEquals(Double.POSITIVE_INFINITY, GoodnessOfFit.likelihoodRatio(new double[] {.9, .1}, v, 100));
        assertEquals(Double.NaN, GoodnessOfFit.pearson(new double[] {1, 0}, v, 100));
        assertEquals(0, GoodnessOfFit.likelihoodRatio(new double[] {1, 0}, v, 100));
        assertEquals(0, GoodnessOfFit.pValue(Double.POSITIVE_INFINITY, 1));
        assertEquals(Double.NaN, GoodnessOfFit.pValue(Double.NaN, 1));
        // the analysis reports the critical sample size of an undefined reading as +∞, of an infinite X² as 0
        assertEquals(Double.POSITIVE_INFINITY, GoodnessOfFit.criticalSampleSize(Double.NaN, 1000, 1, 0.05));
        assertEquals(0, GoodnessOfFit.criticalSampleSize(Double.POSITIVE_INFINITY, 1000, 1, 0.05));
    }

    @Test
    void aSampleOfNoOne() {
        // n = 0: n Σ … = 0; the statistic at 0 has p = 1
        assertEquals(0, GoodnessOfFit.pearson(new double[] {.6, .4}, new double[] {.5, .5}, 0));
        assertEquals(1, GoodnessOfFit.pValue(0, 1));
        assertEquals(Double.NaN, GoodnessOfFit.pearson(new double[] {Double.NaN, .4}, new double[] {.5, .5}, 100));
    }
}
