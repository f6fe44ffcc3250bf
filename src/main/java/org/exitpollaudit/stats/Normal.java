package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** The standard normal distribution, shared by the z-based figures. */
public final class Normal {

    static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private Normal() {
    }

    /**
     * One-sided upper-tail p of a standard normal z: 1 − Φ(z). Any z: ±∞ give 0 and 1; NaN (an undefined statistic)
     * gives NaN.
     */
    public static double upperTail(double z) {
        return STANDARD.survivalProbability(z);
    }

    /**
     * Two-sided p-value of a z statistic: 2 (1 − Φ(|z|)). Any z: ±∞ give 0; NaN (e.g. the z of a share of 0 against
     * an official share of 0) gives NaN.
     */
    static double twoSidedP(double z) {
        return Math.min(1.0, 2 * STANDARD.survivalProbability(Math.abs(z)));
    }

    /**
     * The z with upper-tail probability (1 − confidence)/2, e.g. 1.959964 for 95 %.
     *
     * @throws IllegalArgumentException confidence not in (0, 1)
     */
    public static double criticalZ(double confidence) {
        Check.openUnit("confidence", confidence);
        return STANDARD.inverseSurvivalProbability((1 - confidence) / 2);
    }
}
