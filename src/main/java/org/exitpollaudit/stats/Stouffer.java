package org.exitpollaudit.stats;

/**
 * Stouffer's combination of independent z statistics (Stouffer et al. 1949, The American Soldier, vol. 1,
 * p. 45; Whitlock 2005, J. Evol. Biol. 18:1368): Z = Σ z_j / √m, standard normal when each z_j is, so its
 * two-sided p is 2 (1 − Φ(|Z|)). Signs are kept: polls that err in the same direction add up.
 */
public final class Stouffer {

    private Stouffer() {
    }

    /**
     * Z = Σ z_j / √m over at least one z. A z of ±∞ (a poll's share against an official share of 0) makes Z infinite,
     * a NaN z (undefined) makes it NaN, as the sum does.
     *
     * @throws IllegalArgumentException no z
     */
    public static double z(double[] zs) {
        Check.notEmpty("zs (the z statistics to combine)", zs);
        double sum = 0;
        for (double z : zs) {
            sum += z;
        }
        return sum / Math.sqrt(zs.length);
    }

    /** Two-sided p of any Z; NaN gives NaN. */
    public static double pValue(double z) {
        return Normal.twoSidedP(z);
    }
}
