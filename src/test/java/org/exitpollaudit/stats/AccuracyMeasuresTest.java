package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccuracyMeasuresTest {

    @Test
    void mostellerByHand() {
        // p = (0.55, 0.40, 0.05), v = (0.52, 0.44, 0.04): |dev| pp = 3, 4, 1 -> M3 = 8/3 = 2.6666667
        assertEquals(8.0 / 3, AccuracyMeasures.mostellerM3(new double[] {.55, .40, .05}, new double[] {.52, .44, .04}), 1e-12);
        // margin: poll 0.15, official 0.08 -> M5 = 7 pp
        assertEquals(7.0, AccuracyMeasures.mostellerM5(.55, .40, .52, .44), 1e-12);
    }

    @Test
    void martinTraugottKennedyByHand() {
        // A = ln((0.55/0.40)/(0.52/0.44)) = ln(1.375 / 1.1818182) = ln(1.1634615)
        //   = ln(1.16) + ln(1.1634615/1.16) = 0.1484200 + ln(1.0029841) = 0.1484200 + 0.0029796 = 0.1513996
        assertEquals(0.1513996, AccuracyMeasures.mtkA(.55, .40, .52, .44), 5e-8);
        // SE with n = 1000, deff = 1: sqrt(1/550 + 1/400) = sqrt(0.0018182 + 0.0025) = sqrt(0.0043182) = 0.0657129
        assertEquals(0.0657129, AccuracyMeasures.mtkASe(.55, .40, 1000, 1), 5e-8);
    }

    @Test
    void refusesWhatIsNoPairOfDistributions() {
        refuses("p is empty", () -> AccuracyMeasures.mostellerM3(new double[0], new double[0]));
        refuses("p has 2 entries, v has 3",
                () -> AccuracyMeasures.mostellerM3(new double[] {.6, .4}, new double[] {.5, .3, .2}));
        // percentages passed as shares
        refuses("p[0] = 55.0", () -> AccuracyMeasures.mostellerM3(new double[] {55, 45}, new double[] {.5, .5}));
        refuses("v[1] = -0.1", () -> AccuracyMeasures.mostellerM3(new double[] {.6, .4}, new double[] {.5, -.1}));
        refuses("pb = -0.1", () -> AccuracyMeasures.mostellerM5(.55, -.1, .52, .44));
        refuses("va = 52.0", () -> AccuracyMeasures.mtkA(.55, .40, 52, .44));
    }

    @Test
    void refusesANegativeSampleOrANonPositiveDesignEffect() {
        refuses("n = -1000.0", () -> AccuracyMeasures.mtkASe(.55, .40, -1000, 1));
        refuses("deff = 0.0", () -> AccuracyMeasures.mtkASe(.55, .40, 1000, 0));
        refuses("deff = NaN", () -> AccuracyMeasures.mtkASe(.55, .40, 1000, Double.NaN));
    }

    /** A share of 0 (the analysis warns that log-odds measures are undefined then) gives what the logarithm gives. */
    @Test
    void aShareOfZero() {
        assertEquals(Double.POSITIVE_INFINITY, AccuracyMeasures.mtkA(.55, 0, .52, .44));
        assertEquals(Double.NEGATIVE_INFINITY, AccuracyMeasures.mtkA(0, .40, .52, .44));
        assertEquals(Double.NaN, AccuracyMeasures.mtkA(0, .40, 0, .44), "ln(0 / 0)");
        assertEquals(Double.POSITIVE_INFINITY, AccuracyMeasures.mtkASe(0, .40, 1000, 1));
        // n = 0: √(1/0 + 1/0)
        assertEquals(Double.POSITIVE_INFINITY, AccuracyMeasures.mtkASe(.55, .40, 0, 1));
        assertEquals(Double.NaN, AccuracyMeasures.mostellerM3(new double[] {Double.NaN, .4}, new double[] {.5, .5}));
    }
}
