package org.exitpollaudit.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The national verdict rule (X² / deff on k − 1 df at 5 %) on simulated polls at the seed case's shares (CEC final,
 * Azerbaijan 2024) and n (5,012, the Social Research Center's published sample).
 */
class VerdictRuleTest {

    private static final double ALPHA = 0.05;
    private static final double[] V = VerdictRule.shares(VerdictRule.AZ_2024_FINAL_VOTES);
    private static final int N = VerdictRule.AZ_2024_SRC_N;

    /** [lo, hi] with P(X < lo) ≤ tail and P(X > hi) ≤ tail for X ~ Binomial(trials, p): exact quantiles. */
    static int[] band(int trials, double p, double tail) {
        BinomialDistribution b = BinomialDistribution.of(trials, p);
        return new int[] {b.inverseCumulativeProbability(tail), b.inverseSurvivalProbability(tail)};
    }

    /**
     * The rule's level. 10,000 simple random samples of 5,012 drawn at the official shares; the number the rule
     * rejects must lie in the binomial 99 % band of 5 % (exact quantiles of Binomial(10,000, 0.05): 445 … 557 as
     * SciPy's binom.ppf(0.005) and binom.isf(0.005) also give, so a rule at 4.4 % or 5.6 % fails). X² OR any
     * Holm-significant candidate is above the band, which is why it is not the verdict rule.
     */
    @Test
    void theVerdictRuleRejectsFivePercentOfHonestSimpleRandomSamples() {
        int[] band = band(10_000, ALPHA, 0.005);
        assertArrayEquals(new int[] {445, 557}, band);
        Calibration.Rate r = VerdictRule.rate(VerdictRule.PRIMARY, "srs_null", V, 1, VerdictRule.Design.simpleRandom(N),
                10_000, 20240207L, ALPHA);
        assertEquals(10_000, r.trials());
        assertTrue(r.rejections() >= band[0] && r.rejections() <= band[1], r.toString());
        Calibration.Rate orHolm = VerdictRule.rate(VerdictRule.OR_HOLM, "srs_null", V, 1,
                VerdictRule.Design.simpleRandom(N), 10_000, 20240207L, ALPHA);
        assertTrue(orHolm.rejections() > band[1], "the OR rule, not used, is above its level: " + orHolm);
    }

    /** Cluster samples with a known common design effect, divided by it: the rule keeps its level. */
    @Test
    void dividingByTheTrueDesignEffectKeepsTheLevelAndTooSmallADeffDoesNot() {
        int[] band = band(2_000, ALPHA, 0.0005);
        VerdictRule.Design known = VerdictRule.Design.cluster(179, 28, 3.0, 3.0);
        Calibration.Rate r = VerdictRule.rate(VerdictRule.PRIMARY, "null", V, 1, known, 2_000, 7, ALPHA);
        assertTrue(r.rejections() >= band[0] && r.rejections() <= band[1], r.toString());
        Calibration.Rate under = VerdictRule.rate(VerdictRule.PRIMARY, "null", V, 1,
                VerdictRule.Design.cluster(179, 28, 3.0, 1.7), 2_000, 7, ALPHA);
        assertTrue(under.rejections() > band[1], under.toString());
    }

    /**
     * The Dirichlet-multinomial cluster sample has the design effect it is built for: the variance of the leader's
     * simulated share over 2,000 polls is deff · v (1 − v) / n (Mosimann 1962), here 3 · 0.9212 · 0.0788 / 5,012.
     * The sampling error of a variance from 2,000 draws is about √(2 / 2,000) = 3.2 %; the check allows 10 %.
     */
    @Test
    void clusterSamplesHaveTheirDesignEffect() {
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        double sum = 0;
        double sumSq = 0;
        int samples = 2_000;
        for (int s = 0; s < samples; s++) {
            double p = VerdictRule.sample(rng, VerdictRule.Design.cluster(179, 28, 3.0, 3.0), V)[0];
            sum += p;
            sumSq += p * p;
        }
        double mean = sum / samples;
        double variance = (sumSq - samples * mean * mean) / (samples - 1);
        assertEquals(V[0], mean, 4 * Math.sqrt(variance / samples));
        assertEquals(3.0, variance / (V[0] * (1 - V[0]) / N), 0.3);
    }

    /**
     * Power against a leader whose odds are × 1.25 (Aliyev 92.12 % → 93.60 %, +1.47 pp): the simulated rate agrees with the
     * noncentral χ² approximation P(χ²(6, λ) > χ²₀.₉₅(6)), λ = n Σ (q_i − v_i)² / v_i (Cohen 1988, ch. 7), computed
     * here as a Poisson(λ/2) mixture of central χ²(6 + 2j) tails, within the binomial band plus 2 points of
     * approximation error.
     */
    @Test
    void powerAtAGivenBiasMatchesTheNoncentralChiSquare() {
        double[] q = VerdictRule.leaderOdds(V, 1.25);
        // SciPy: v = 0.9212361, q = 0.9359804, λ = 15.0162, ncx2.sf(chi2.isf(0.05, 6), 6, λ) = 0.8434
        assertEquals(0.0147443, q[0] - V[0], 1e-7, "the bias in shares: +1.47 pp");
        double lambda = 0;
        for (int i = 0; i < V.length; i++) {
            lambda += N * (q[i] - V[i]) * (q[i] - V[i]) / V[i];
        }
        double critical = ChiSquaredDistribution.of(6).inverseSurvivalProbability(ALPHA);
        double power = 0;
        PoissonDistribution poisson = PoissonDistribution.of(lambda / 2);
        for (int j = 0; j < 400; j++) {
            power += poisson.probability(j) * ChiSquaredDistribution.of(6 + 2 * j).survivalProbability(critical);
        }
        int samples = 4_000;
        Calibration.Rate r = VerdictRule.rate(VerdictRule.PRIMARY, "odds", V, 1.25, VerdictRule.Design.simpleRandom(N),
                samples, 11, ALPHA);
        int[] band = band(samples, power, 0.0005);
        assertTrue(r.rejections() >= band[0] - 0.02 * samples && r.rejections() <= band[1] + 0.02 * samples,
                r + " against noncentral χ² power " + power);
        assertEquals(0.843402, power, 1e-6);
    }

    @Test
    void leaderOddsKeepTheOthersProportionsAndSumToOne() {
        double[] q = VerdictRule.leaderOdds(new double[] {0.5, 0.3, 0.2}, 3);
        // odds 1 × 3 = 3 → 0.75; the remaining 0.25 split 3 : 2
        assertArrayEquals(new double[] {0.75, 0.15, 0.10}, q, 1e-15);
        assertFalse(VerdictRule.rejects(V, V, N, 1, ALPHA), "a poll equal to the count never differs");
    }
}
