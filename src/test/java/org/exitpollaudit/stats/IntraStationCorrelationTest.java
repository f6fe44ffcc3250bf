package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.junit.jupiter.api.Test;

class IntraStationCorrelationTest {

    /**
     * The four stations of {@link ClusterSampleTest#HAND} as a complete count (N = 80; N_i = 20, 20, 30, 10), by hand
     * in exact fractions (checked with Python's fractions module):
     * <pre>
     *   A: station shares 0.5, 0.25, 0.5, 0.3 around p = 0.4125; deviations² × N_i:
     *      0.0875² · 20 + 0.1625² · 20 + 0.0875² · 30 + 0.1125² · 10 = 0.153125 + 0.528125 + 0.2296875 + 0.1265625
     *      = 1.0375; σ² = 1.0375 / 80 = 83/6400; ρ = σ² / (0.4125 · 0.5875) = 83/1551 = 0.053514
     *   B: shares 0.3, 0.5, 1/6, 0.4 around 0.3125 → σ² = 341/19200, ρ = 31/375 = 0.082667
     *   C: shares 0.2, 0.25, 1/3, 0.3 around 0.275 → σ² = 7/2400,   ρ = 14/957 = 0.014629
     *   deff_B(40) = 1 + 39 · 31/375 = 4.224
     * Stratified {s1, s2} (p_A = 15/40 = 0.375), {s3, s4} (p_A = 18/40 = 0.45):
     *   A within: 0.125² · 20 + 0.125² · 20 + 0.05² · 30 + 0.15² · 10 = 0.925 → σ²_w = 37/3200, ρ = 74/1551
     *   A between strata: ½ (0.375 − 0.4125)² + ½ (0.45 − 0.4125)² = 0.00140625 → ρ_s = 0.00140625 / 0.24234375
     * </pre>
     */
    @Test
    void handWorkedCount() {
        IntraStationCorrelation icc = IntraStationCorrelation.of(ClusterSampleTest.HAND, null);
        assertEquals(83.0 / 1551, icc.rho(0), 1e-14);
        assertEquals(31.0 / 375, icc.rho(1), 1e-14);
        assertEquals(14.0 / 957, icc.rho(2), 1e-14);
        assertEquals(0, icc.rhoStrata(0), 0);
        assertEquals(4.224, icc.designEffect(1, 40), 1e-12);
        assertEquals(1, icc.designEffect(1, 1), 0, "one interview per station is a simple random sample");

        IntraStationCorrelation strat = IntraStationCorrelation.of(ClusterSampleTest.HAND, new int[] {0, 0, 1, 1});
        assertEquals(74.0 / 1551, strat.rho(0), 1e-14);
        assertEquals(0.00140625 / 0.24234375, strat.rhoStrata(0), 1e-14);
        // variance decomposition: within + between strata = the unstratified between-station share
        assertEquals(icc.rho(0), strat.rho(0) + strat.rhoStrata(0), 1e-14);
    }

    /**
     * The formula against the design it describes, simulated: 40 stations drawn with probability proportional to
     * their votes (with replacement) from the hand-worked count, 30 voters interviewed at each (binomial for
     * candidate A), p̂ the mean of the stations' sample shares; 20,000 polls. Stratified: 20 stations from each
     * stratum (the strata hold half the votes each). The empirical variance over p(1 − p)/(a m) must match deff_A(30)
     * within 4 % (the relative SE of a variance from R = 20,000 nearly normal replicates is √(2/R) = 1 %).
     */
    @Test
    void matchesASimulatedExitPoll() {
        double[][] pop = ClusterSampleTest.HAND;
        int a = 40;
        int m = 30;
        int replicates = 20_000;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(424242L);
        double pA = 33.0 / 80;
        double srs = pA * (1 - pA) / (a * m);

        IntraStationCorrelation icc = IntraStationCorrelation.of(pop, null);
        double unstratified = simulatedVariance(pop, new int[][] {{0, 1, 2, 3}}, new int[] {a}, m, replicates, rng);
        assertEquals(icc.designEffect(0, m), unstratified / srs, 0.04 * icc.designEffect(0, m));

        IntraStationCorrelation strat = IntraStationCorrelation.of(pop, new int[] {0, 0, 1, 1});
        double stratified = simulatedVariance(pop, new int[][] {{0, 1}, {2, 3}}, new int[] {a / 2, a / 2}, m,
                replicates, rng);
        assertEquals(strat.designEffect(0, m), stratified / srs, 0.04 * strat.designEffect(0, m));
        assertTrue(strat.designEffect(0, m) < icc.designEffect(0, m), "stratifying by region helps");
    }

    /** Variance of p̂_A over replicated polls; stratum h gets draws[h] stations, weighted by its share of votes. */
    private static double simulatedVariance(double[][] pop, int[][] strata, int[] draws, int m, int replicates,
                                            UniformRandomProvider rng) {
        double total = 0;
        double[] size = new double[pop.length];
        for (int i = 0; i < pop.length; i++) {
            size[i] = pop[i][0] + pop[i][1] + pop[i][2];
            total += size[i];
        }
        DiscreteDistribution.Sampler[] binomial = new DiscreteDistribution.Sampler[pop.length];
        for (int i = 0; i < pop.length; i++) {
            binomial[i] = BinomialDistribution.of(m, pop[i][0] / size[i]).createSampler(rng);
        }
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < replicates; r++) {
            double estimate = 0;
            for (int h = 0; h < strata.length; h++) {
                double votes = 0;
                for (int i : strata[h]) {
                    votes += size[i];
                }
                double mean = 0;
                for (int j = 0; j < draws[h]; j++) {
                    double u = rng.nextDouble() * votes;
                    int pick = strata[h][0];
                    double cumulative = 0;
                    for (int i : strata[h]) {
                        pick = i;
                        cumulative += size[i];
                        if (u < cumulative) {
                            break;
                        }
                    }
                    mean += binomial[pick].sample() / (double) m / draws[h];
                }
                estimate += votes / total * mean;
            }
            sum += estimate;
            sumSq += estimate * estimate;
        }
        double mean = sum / replicates;
        return (sumSq - replicates * mean * mean) / (replicates - 1);
    }

    @Test
    void aCategoryNobodyVotedForHasNoCorrelation() {
        IntraStationCorrelation icc = IntraStationCorrelation.of(new double[][] {{3, 0}, {5, 0}, {0, 0}}, null);
        assertTrue(Double.isNaN(icc.rho(1)), "nobody voted for it");
    }

    /** The messages name the station, the stratum, the category and the value. */
    @Test
    void refusalsNameWhatIsWrong() {
        refuses("at least 2 stations, got 1", () -> IntraStationCorrelation.of(new double[][] {{1, 2}}, null));
        refuses("station 1 has 1 categories, station 0 has 2",
                () -> IntraStationCorrelation.of(new double[][] {{1, 2}, {1}}, null));
        refuses("no one in any station", () -> IntraStationCorrelation.of(new double[][] {{0, 0}, {0, 0}}, null));
        refuses("1 strata for 2 stations",
                () -> IntraStationCorrelation.of(new double[][] {{1, 2}, {1, 2}}, new int[] {0}));
        refuses("station 1 has stratum -1",
                () -> IntraStationCorrelation.of(new double[][] {{1, 2}, {1, 2}}, new int[] {0, -1}));
        refuses("station 1, category 1: count -2.0",
                () -> IntraStationCorrelation.of(new double[][] {{1, 2}, {1, -2}}, null));
        IntraStationCorrelation icc = IntraStationCorrelation.of(new double[][] {{3, 1}, {1, 3}}, null);
        refuses("interviews per station 0.5", () -> icc.designEffect(0, 0.5));
        refuses("interviews per station NaN", () -> icc.designEffect(0, Double.NaN));
        refuses("c = 2 is not one of the 2 categories (0 … 1)", () -> icc.rho(2));
        refuses("c = -1 is not one of the 2 categories", () -> icc.rhoStrata(-1));
        refuses("c = 2 is not one of the 2 categories", () -> icc.designEffect(2, 10));
    }
}
