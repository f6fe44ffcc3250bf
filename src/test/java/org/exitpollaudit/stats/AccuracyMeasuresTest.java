package org.exitpollaudit.stats;

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
}
