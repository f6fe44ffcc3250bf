package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Reference: Arzheimer &amp; Evans' Stata package surveybias, worked example "Assessing Bias in a French
 * Pre-Election Survey with surveybias" (kai-arzheimer.com), command
 * {@code surveybias vote, popvalues(28.6 27.18 17.9 9.13 11.1 2.31 1.15 1.79 0.8)} on the package's
 * {@code onefrenchsurvey.dta}. Its published output (7 decimals) is the expected value here.
 *
 * <p>The survey's counts are not printed in that output; they were recovered from it: p_i from A'_i and
 * v_i, n = 1/(SE² p(1−p)) for every category gives 1041.00 each time and p_i n the whole numbers
 * 282, 293, 178, 125, 115, 22, 5, 11, 10 (sum 1041). Because nine independent A' and nine SEs are all
 * reproduced to 7 digits from those counts, the reconstruction is exact.
 */
class SurveyBiasTest {

    static final double[] POP = {28.6, 27.18, 17.9, 9.13, 11.1, 2.31, 1.15, 1.79, 0.8};
    static final long[] COUNTS = {282, 293, 178, 125, 115, 22, 5, 11, 10};
    static final double N = 1041;
    static final double[] A_PRIME = {-.0757639, .0477294, -.0559812, .3057213, -.0058251, -.0913924, -.8802476,
            -.5349338, .1841789};
    static final double[] A_PRIME_SE = {.0697397, .0689193, .0823209, .0953504, .0988715, .2154899, .4482915,
            .3031171, .3177577};

    static double[] v() {
        double sum = 0;
        for (double x : POP) {
            sum += x;
        }
        double[] v = new double[POP.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = POP[i] / sum;
        }
        return v;
    }

    static double[] p() {
        double[] p = new double[COUNTS.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = COUNTS[i] / N;
        }
        return p;
    }

    @Test
    void reproducesPublishedAPrimeAndStandardErrors() {
        double[] p = p();
        double[] v = v();
        for (int i = 0; i < p.length; i++) {
            assertEquals(A_PRIME[i], SurveyBias.aPrime(p[i], v[i]), 5e-8, "A' #" + i);
            assertEquals(A_PRIME_SE[i], SurveyBias.aPrimeSe(p[i], N, 1.0), 5e-8, "SE #" + i);
        }
    }

    @Test
    void reproducesPublishedBAndBw() {
        double[] p = p();
        double[] v = v();
        double[] a = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            a[i] = SurveyBias.aPrime(p[i], v[i]);
        }
        assertEquals(.2424193, SurveyBias.b(a), 5e-8);
        assertEquals(.0965423, SurveyBias.bw(a, v), 5e-8);
    }

    @Test
    void designEffectScalesTheStandardErrorBySquareRoot() {
        // SE with deff 2 is sqrt(2) times the published SE of Hollande: .0697397 * 1.4142136 = .0986267
        assertEquals(.0986267, SurveyBias.aPrimeSe(282 / N, N, 2.0), 5e-7);
    }

    @Test
    void refusesWhatIsNoShare() {
        refuses("p = 1.2", () -> SurveyBias.aPrime(1.2, 0.3));
        refuses("v = -0.3", () -> SurveyBias.aPrime(0.3, -0.3));
        refuses("p = 30.0", () -> SurveyBias.aPrimeSe(30, 1041, 1));
        refuses("n = -1041.0", () -> SurveyBias.aPrimeSe(0.3, -1041, 1));
        refuses("deff = 0.0", () -> SurveyBias.aPrimeSe(0.3, 1041, 0));
        refuses("aPrime is empty", () -> SurveyBias.b(new double[0]));
        refuses("aPrime has 2 entries, v has 3",
                () -> SurveyBias.bw(new double[] {0.1, 0.2}, new double[] {.5, .3, .2}));
        refuses("v[0] = 50.0", () -> SurveyBias.bw(new double[] {0.1, 0.2}, new double[] {50, 50}));
    }

    /** Shares of 0 or 1 have no log odds: A' is infinite (the analysis warns and leaves the figure empty). */
    @Test
    void sharesOfZeroOrOne() {
        assertEquals(Double.NEGATIVE_INFINITY, SurveyBias.aPrime(0, 0.3));
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.aPrime(1, 0.3));
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.aPrime(0.3, 0));
        assertEquals(Double.NaN, SurveyBias.aPrime(0, 0), "ln(0 / 0)");
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.aPrimeSe(0, 1041, 1));
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.aPrimeSe(0.3, 0, 1));
        // B: (|−∞| + |0.2|) / 2; B_w: a weight of 0 on an infinite A' is 0 · ∞
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.b(new double[] {Double.NEGATIVE_INFINITY, 0.2}));
        assertEquals(Double.NaN, SurveyBias.bw(new double[] {Double.POSITIVE_INFINITY, 0.2}, new double[] {0, 1}));
        assertEquals(Double.POSITIVE_INFINITY, SurveyBias.bw(new double[] {Double.POSITIVE_INFINITY, 0.2},
                new double[] {0.5, 0.5}));
    }
}
