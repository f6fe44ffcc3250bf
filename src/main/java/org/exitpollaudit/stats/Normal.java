package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** The standard normal distribution, shared by the z-based figures. */
public final class Normal {

    static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private Normal() {
    }

    /** One-sided upper-tail p of a standard normal z. */
    public static double upperTail(double z) {
        return STANDARD.survivalProbability(z);
    }

    /** Two-sided p-value of a z statistic: 2 (1 − Φ(|z|)). */
    static double twoSidedP(double z) {
        return Math.min(1.0, 2 * STANDARD.survivalProbability(Math.abs(z)));
    }

    /** The z with upper-tail probability (1 − confidence)/2, e.g. 1.959964 for 95 %. */
    public static double criticalZ(double confidence) {
        return STANDARD.inverseSurvivalProbability((1 - confidence) / 2);
    }
}
