package org.exitpollaudit.stats;

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
}
