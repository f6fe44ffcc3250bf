package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quasi-binomial flag rule and Shpilkin's turnout slope, against hand computations. */
class LocalForensicStatsTest {

    /**
     * Splits 30 : 15 against π₀ = .625 and 10 : 10 against π₀ = .4, and an even split:
     * z = (30 − 45 · .625) / √(45 · .625 · .375) = 1.875 / √10.546875 = 1/√3 = 0.5773502692;
     * z = (10 − 8) / √4.8 = 0.9128709292 (= √(5/6)); z = 0.
     * φ = (1/3 + 0 + 5/6) / 3 = 7/18 = 0.3888888889; t = z / √φ = 0.9258200998, 0, 1.4638501094.
     * Student t with 3 df has the closed form P(T > t) = 1/2 − [ (t/√3) / (1 + t²/3) + atan(t/√3) ] / π;
     * at t = 1 it gives a two-sided p of 0.3910022, the value printed in t tables (df 3, t = 1: 0.391); at
     * t = 1.4638501094: 2 (1/2 − [0.4930066 + 0.7016741] / π) = 0.2394426, computed from that formula.
     */
    @Test
    void quasiBinomialByHand() {
        assertEquals(0.5773502692, QuasiBinomial.pairZ(30, 15, 0.625), 1e-9);
        assertEquals(0.9128709292, QuasiBinomial.pairZ(10, 10, 0.4), 1e-9);
        assertEquals(0.0, QuasiBinomial.pairZ(20, 20, 0.5), 1e-12);
        assertTrue(Double.isNaN(QuasiBinomial.pairZ(0, 0, 0.5)));
        double[] z = {0.5773502692, 0, 0.9128709292, Double.NaN};
        double phi = QuasiBinomial.dispersion(z);
        assertEquals(7.0 / 18, phi, 1e-9);
        assertEquals(3, QuasiBinomial.units(z));
        double[] t = QuasiBinomial.scaled(z, phi);
        assertEquals(0.9258200998, t[0], 1e-9);
        assertEquals(1.4638501094, t[2], 1e-9);
        assertTrue(Double.isNaN(t[3]));
        assertEquals(0.3910022, QuasiBinomial.twoSidedP(new double[] {1.0}, 3)[0], 1e-7);
        assertEquals(0.2394426, QuasiBinomial.twoSidedP(t, 3)[2], 1e-7);
    }

    /**
     * Five stations of 1,000 registered, turnout x = .5 .6 .7 .8 .9; the leader's votes 250 330 420 520 630
     * (y = .25 .33 .42 .52 .63). x̄ = .7, ȳ = .43; Sxx = .04 + .01 + 0 + .01 + .04 = .10;
     * Sxy = (−.2)(−.18) + (−.1)(−.10) + 0 + (.1)(.09) + (.2)(.20) = .036 + .010 + .009 + .040 = .095; b = .95;
     * a = .43 − .95 · .7 = −.235; residuals .01, −.005, −.01, −.005, .01;
     * Σ (x − x̄)² e² = .04 · 1e-4 + .01 · 2.5e-5 + 0 + .01 · 2.5e-5 + .04 · 1e-4 = 8.5e-6; SE = √8.5e-6 / .10 =
     * 0.0291547595. The leader's share of the 3,500 ballots is 2,150 / 3,500 = .6142857: slope above share by .3357.
     */
    @Test
    void turnoutSlopeByHand() {
        double[] x = {.5, .6, .7, .8, .9};
        TurnoutSlope.Fit fit = TurnoutSlope.fit(x, new double[] {.25, .33, .42, .52, .63});
        assertEquals(0.95, fit.slope(), 1e-12);
        assertEquals(0.0291547595, fit.se(), 1e-10);
        assertEquals(5, fit.n());
        // the same voters split alike at every turnout (y = .6 x): slope = share = .6, no residual, SE 0
        TurnoutSlope.Fit honest = TurnoutSlope.fit(x, new double[] {.30, .36, .42, .48, .54});
        assertEquals(0.6, honest.slope(), 1e-12);
        assertEquals(0.0, honest.se(), 1e-12);
        assertTrue(Double.isNaN(TurnoutSlope.fit(new double[] {.5, .5, .5}, new double[] {.1, .2, .3}).slope()));
    }
}
