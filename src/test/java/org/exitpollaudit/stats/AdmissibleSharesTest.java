package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The admissible readings of a published poll (docs/figures.md), on cases worked by hand in the comments: every
 * number below was computed with pencil and a pocket calculator from the definition, not from this class.
 */
class AdmissibleSharesTest {

    private static final double EPS = 1e-12;

    /**
     * A residual: three candidates published exactly (counts, u = 0) at 50 / 30 / 10 %, 10 % attributed to no one.
     * Lower ends l = (0.5, 0.3, 0.1) (T = max(1 − 0, 0.9) = 1), 0.1 open to anyone.
     */
    @Test
    void residualAllocatedAnyWay() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.5, 0.3, 0.1}, new double[0], 0);
        assertArrayEquals(new double[] {0.5, 0.3, 0.1}, q.lower(), EPS);
        assertEquals(0.1, q.free(), EPS);
        assertEquals(0.5, q.lowest(0), EPS);
        assertEquals(0.6, q.highest(0), EPS);
        assertEquals(0.2, q.highest(2), EPS);
        double[] v = {0.40, 0.35, 0.25};
        // vertices against v, X² per respondent Σ (q − v)² / v:
        //   (0.6, 0.3, 0.1): 0.04/0.4 + 0.0025/0.35 + 0.0225/0.25 = 0.1 + 0.0071429 + 0.09 = 0.1971429
        //   (0.5, 0.4, 0.1): 0.01/0.4 + 0.0025/0.35 + 0.0225/0.25 = 0.025 + 0.0071429 + 0.09 = 0.1221429
        //   (0.5, 0.3, 0.2): 0.01/0.4 + 0.0025/0.35 + 0.0025/0.25 = 0.025 + 0.0071429 + 0.01 = 0.0421429
        assertEquals(0, q.farthestVertex(v));
        // nearest reading: q_i = max(l_i, c v_i) with Σ q = 1. c = 1 puts candidate 0 below 0.5: bind it,
        // c = 0.5 / 0.6 = 0.8333 puts candidate 1 at 0.2917 < 0.3: bind it, c = 0.2 / 0.25 = 0.8, q_2 = 0.2.
        double[] nearest = q.nearest(v);
        assertArrayEquals(new double[] {0.5, 0.3, 0.2}, nearest, EPS);
        assertEquals(0.0421428571428571, GoodnessOfFit.pearson(nearest, v, 1), 1e-12);
        // moving any mass off candidate 2 raises X²: ∂/∂q_0 = 2(0.1)/0.4 = 0.5, ∂/∂q_1 = 2(−0.05)/0.35 = −0.286,
        // ∂/∂q_2 = 2(−0.05)/0.25 = −0.4: candidate 2 is the steepest descent, so the corner is optimal
    }

    /**
     * Rounding only: 60.0 / 40.0 % published with one decimal (u = 0.1 pp = 0.001), nothing unattributed.
     * Lower ends 0.5995 and 0.3995, 0.001 open. Against v = (0.55, 0.45) and n = 1000:
     * max X² at (0.6005, 0.3995) = 1000 · 0.0505² (1/0.55 + 1/0.45) = 10.30404040…;
     * min X² at (0.5995, 0.4005) = 1000 · 0.0495² (1/0.55 + 1/0.45) = 9.9.
     */
    @Test
    void roundingOnly() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.600, 0.400}, new double[0], 0.001);
        double[] v = {0.55, 0.45};
        assertEquals(0.5995, q.lowest(0), EPS);
        assertEquals(0.6005, q.highest(0), EPS);
        assertEquals(10.304040404040404, GoodnessOfFit.pearson(q.vertex(q.farthestVertex(v)), v, 1000), 1e-9);
        assertEquals(9.9, GoodnessOfFit.pearson(q.nearest(v), v, 1000), 1e-9);
    }

    /**
     * Columns left out of the comparison hold their lower ends: candidates 40 / 40 % and "invalid" 20 % at whole
     * percents (u = 1 pp). Lower ends 0.395, 0.395, invalid 0.195; T = 1 − 0.195 = 0.805;
     * l = 0.395 / 0.805 = 0.49068323 each, open 1 − 2 · 0.49068323 = 0.01863354.
     */
    @Test
    void columnsNotComparedKeepTheirLowerEnds() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.40, 0.40}, new double[] {0.20}, 0.01);
        assertEquals(0.395 / 0.805, q.lowest(0), EPS);
        assertEquals(1 - 2 * 0.395 / 0.805, q.free(), EPS);
    }

    /** Lower ends above 100 % (published shares summing to 103) still give a reading: the lower corner. */
    @Test
    void overfullPollKeepsOneReading() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.63, 0.40}, new double[0], 0.001);
        assertEquals(0, q.free(), EPS);
        assertEquals(0.6295 / 1.029, q.lowest(0), EPS);
    }

    @Test
    void refusesWhatNamesNoPublishedShare() {
        refuses("compared has 1 share(s)", () -> AdmissibleShares.of(new double[] {1}, new double[0], 0));
        refuses("compared[1] = -0.1", () -> AdmissibleShares.of(new double[] {0.5, -0.1}, new double[0], 0));
        refuses("compared[1] = NaN", () -> AdmissibleShares.of(new double[] {0.5, Double.NaN}, new double[0], 0));
        refuses("precision = -1.0", () -> AdmissibleShares.of(new double[] {0.5, 0.5}, new double[0], -1));
        refuses("notCompared[0] = NaN",
                () -> AdmissibleShares.of(new double[] {0.5, 0.4}, new double[] {Double.NaN}, 0));
        refuses("notCompared[1] = -0.05",
                () -> AdmissibleShares.of(new double[] {0.5, 0.4}, new double[] {0.05, -0.05}, 0));
        refuses("precision = NaN", () -> AdmissibleShares.of(new double[] {0.5, 0.5}, new double[0], Double.NaN));
        refuses("precision = Infinity",
                () -> AdmissibleShares.of(new double[] {0.5, 0.5}, new double[0], Double.POSITIVE_INFINITY));
        // nothing for the compared candidates: their lower ends 0, the others 100 %
        refuses("can hold no share", () -> AdmissibleShares.of(new double[] {0, 0}, new double[] {1}, 0));
    }

    @Test
    void refusesOfficialSharesThatDoNotPair() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.5, 0.4}, new double[] {0.1}, 0.01);
        refuses("v has 3 entries, compared has 2", () -> q.nearest(new double[] {0.5, 0.3, 0.2}));
        refuses("v has 1 entries", () -> q.farthestVertex(new double[] {1}));
        refuses("v[1] = 0.0 is not > 0", () -> q.nearest(new double[] {1, 0}));
        refuses("v[0] = NaN", () -> q.nearest(new double[] {Double.NaN, 0.5}));
    }

    @Test
    void refusesACandidateThatIsNotCompared() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.5, 0.4}, new double[] {0.1}, 0.01);
        refuses("i = 2 is not one of the 2 compared candidates (0 … 1)", () -> q.lowest(2));
        refuses("i = -1 is not one of the 2 compared candidates", () -> q.highest(-1));
        refuses("i = 2 is not one of the 2 compared candidates", () -> q.vertex(2));
    }

    /**
     * An official share of 0: published 50 % and 0 % with precision 0.1, l = (0.45, 0), free 0.55. Against v = (1, 0)
     * the vertex (1, 0) has X² = 0 + 0 / 0, NaN, and is passed over; (0.45, 0.55) has 0.55² / 0 = +∞.
     */
    @Test
    void anOfficialShareOfZero() {
        AdmissibleShares q = AdmissibleShares.of(new double[] {0.5, 0}, new double[0], 0.1);
        assertEquals(0.55, q.free(), 1e-15);
        assertEquals(1, q.farthestVertex(new double[] {1, 0}));
    }
}
