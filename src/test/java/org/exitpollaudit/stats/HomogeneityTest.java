package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class HomogeneityTest {

    @Test
    void twoByTwoByHand() {
        // rows 30, 70; columns 40, 60; total 100 -> E = 12, 18, 28, 42; every |O - E| = 2
        // X2 = 4/12 + 4/18 + 4/28 + 4/42 = 0.3333333 + 0.2222222 + 0.1428571 + 0.0952381 = 0.7936508, df 1,
        // p = P(chi2_1 > 0.7936508) = 2(1 - Phi(sqrt X2)) = 2(1 - Phi(0.8908708)); normal table Phi(0.89) = 0.81327,
        // pdf(0.89) = 0.2685 -> Phi(0.8908708) = 0.81327 + 0.0008708 * 0.2685 = 0.81350 -> p = 0.37300 (table precision 1e-5)
        Homogeneity.Result r = Homogeneity.test(new double[][] {{10, 20}, {30, 40}});
        assertEquals(0.7936508, r.chi2(), 5e-8);
        assertEquals(1, r.df());
        assertEquals(0.37300, r.p(), 1e-5);
    }

    /** Reference implementation: Commons Statistics' ChiSquareTest on the same integer table. */
    @Test
    void agreesWithCommonsStatistics() {
        long[][] table = {{282, 293, 178, 125}, {300, 250, 190, 140}, {270, 310, 160, 120}};
        double[][] counts = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                counts[i][j] = table[i][j];
            }
        }
        var reference = ChiSquareTest.withDefaults().test(table);
        Homogeneity.Result r = Homogeneity.test(counts);
        assertEquals(reference.getStatistic(), r.chi2(), 1e-9);
        assertEquals(reference.getPValue(), r.p(), 1e-12);
        assertEquals(6, r.df());
    }

    @Test
    void refusesWhatIsNoTable() {
        refuses("counts has 1 samples", () -> Homogeneity.test(new double[][] {{10, 20}}));
        refuses("counts has 0 samples", () -> Homogeneity.test(new double[0][]));
        refuses("counts[0] has 1 categories", () -> Homogeneity.test(new double[][] {{10}, {20}}));
        refuses("counts[1] has 3 categories, counts[0] has 2",
                () -> Homogeneity.test(new double[][] {{10, 20}, {30, 40, 50}}));
        refuses("counts[1][0] = -30.0", () -> Homogeneity.test(new double[][] {{10, 20}, {-30, 40}}));
        refuses("counts[0][1] = Infinity",
                () -> Homogeneity.test(new double[][] {{10, Double.POSITIVE_INFINITY}, {30, 40}}));
    }

    @Test
    void emptyColumnsRowsAndUndefinedCounts() {
        // a column nobody chose is dropped: the 2 × 2 table above again
        Homogeneity.Result dropped = Homogeneity.test(new double[][] {{10, 0, 20}, {30, 0, 40}});
        assertEquals(0.7936508, dropped.chi2(), 5e-8);
        assertEquals(1, dropped.df());
        // one column left: E = O, X² = 0 on 0 df, no p
        Homogeneity.Result one = Homogeneity.test(new double[][] {{5, 0}, {7, 0}});
        assertEquals(0, one.chi2());
        assertEquals(0, one.df());
        assertEquals(Double.NaN, one.p());
        // a sample of no one: E = 0 in its row, 0 / 0
        assertEquals(Double.NaN, Homogeneity.test(new double[][] {{0, 0}, {3, 4}}).chi2());
        assertEquals(Double.NaN, Homogeneity.test(new double[][] {{Double.NaN, 2}, {3, 4}}).chi2());
    }
}
