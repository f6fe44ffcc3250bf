package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** B and B_w of an unbiased poll: the delta-method moments and the simulated tail against independent values. */
class SurveyBiasNullTest {

    /** The CEC's final shares of valid votes, Azerbaijan 2024 (input/az-2024-presidential/official/cec-final.csv). */
    private static final double[] V;

    static {
        double[] votes = {4567458, 107632, 98421, 85411, 39643, 32885, 26517};
        double sum = 0;
        for (double x : votes) {
            sum += x;
        }
        V = new double[votes.length];
        for (int i = 0; i < votes.length; i++) {
            V[i] = votes[i] / sum;
        }
    }

    /**
     * Two candidates: A'_2 = −A'_1 to first order (ρ = −1), so B = B_w = |A'_1| is half-normal with
     * σ = √(deff / (n v (1 − v))): mean σ √(2/π), sd σ √(1 − 2/π). For v = 0.5, n = 1000, deff 1:
     * σ = √(1/250) = 0.0632456; mean 0.0504627, sd 0.0381202.
     */
    @Test
    void twoCandidatesAreHalfNormal() {
        double[] v = {0.5, 0.5};
        double[] half = {0.5, 0.5};
        double sigma = Math.sqrt(1 / 250.0);
        assertEquals(sigma * Math.sqrt(2 / Math.PI), SurveyBiasNull.mean(half, v, 1000, 1), 1e-12);
        assertEquals(sigma * Math.sqrt(1 - 2 / Math.PI), SurveyBiasNull.sd(half, v, 1000, 1), 1e-12);
    }

    /**
     * A simulation independent of this class, of unbiased polls of the Social Research Center's size (n = 5,012,
     * deff 1.7) at the CEC's final shares, reported to the project with the seed case, gives E[B_w] = 0.060 and a 95th
     * percentile of 0.136. The delta-method mean must agree to the two decimals given, and the simulated tail at 0.136
     * must be near 5 %.
     */
    @Test
    void agreesWithAnIndependentSimulationOfTheSeedCase() {
        assertEquals(0.060, SurveyBiasNull.mean(V, V, 5012, 1.7), 0.0005);
        SurveyBiasNull.Result r = SurveyBiasNull.of(0, 0.136, V, 5012, 1.7, 20_000, 1L);
        assertEquals(0.05, r.bwP(), 0.01);
        // the simulated B_w has the delta-method mean: its tail at the mean is about one half (skewed: a bit less)
        SurveyBiasNull.Result atMean = SurveyBiasNull.of(0, r.bwMean(), V, 5012, 1.7, 20_000, 2L);
        assertEquals(0.45, atMean.bwP(), 0.07);
    }

    /**
     * The simulated tail against a closed form: with two candidates at 50 / 50, n = 1,000, deff 1, B = |A'_1| is
     * (to first order) half-normal with σ = √(1/250), so P(B ≥ σ) = 2 (1 − Φ(1)) = 0.3173105 (SciPy). 20,000 draws
     * give a Monte Carlo SE of 0.0033; allowed: 0.012, for that and the logit's curvature.
     */
    @Test
    void theSimulatedTailMatchesTheHalfNormal() {
        double[] v = {0.5, 0.5};
        double sigma = Math.sqrt(1 / 250.0);
        SurveyBiasNull.Result r = SurveyBiasNull.of(sigma, sigma / 2, v, 1000, 1, 20_000, 3L);
        assertEquals(0.31731050786291415, r.bP(), 0.012);
        // B_w = Σ v_i |A'_i| = |A'_1| here too, tested at σ / 2: P = 2 (1 − Φ(0.5)) = 0.6170751 (SciPy)
        assertEquals(0.6170750774519738, r.bwP(), 0.012);
    }

    @Test
    void refusesSharesWithoutLogOdds() {
        double[] half = {0.5, 0.5};
        refuses("v[1] = 1.0 is not a share in (0, 1)",
                () -> SurveyBiasNull.moments(new double[] {0.5, 1}, 1000, 1));
        refuses("v[0] = 1.2", () -> SurveyBiasNull.mean(half, new double[] {1.2, -0.2}, 1000, 1));
        refuses("v sums to 0.9", () -> SurveyBiasNull.sd(half, new double[] {0.5, 0.4}, 1000, 1));
        refuses("w has 2 entries, v has 3", () -> SurveyBiasNull.mean(half, new double[] {0.5, 0.3, 0.2}, 1000, 1));
    }

    @Test
    void refusesASampleOrDesignThatDrawsNoPoll() {
        double[] v = {0.5, 0.5};
        refuses("n = 0.0", () -> SurveyBiasNull.moments(v, 0, 1));
        refuses("n = Infinity", () -> SurveyBiasNull.moments(v, Double.POSITIVE_INFINITY, 1));
        refuses("deff = NaN", () -> SurveyBiasNull.of(0.1, 0.1, v, 1000, Double.NaN, 100, 1L));
        refuses("draws = 0", () -> SurveyBiasNull.of(0.1, 0.1, v, 1000, 1, 0, 1L));
    }

    /**
     * A poll share of 0 or 1 makes B and B_w +∞, which no unbiased draw reaches: p is the smallest the simulation
     * can give, 1 / (draws used + 1), for both. At 50 / 50 with n = 1,000 every one of 99 draws lies inside (0, 1).
     */
    @Test
    void anInfiniteObservedValueHasTheSmallestP() {
        SurveyBiasNull.Result r = SurveyBiasNull.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                new double[] {0.5, 0.5}, 1000, 1, 99, 1L);
        assertEquals(0.01, r.bP(), 1e-15);
        assertEquals(0.01, r.bwP(), 1e-15);
        assertTrue(Double.isFinite(r.bMean()));
    }
}
