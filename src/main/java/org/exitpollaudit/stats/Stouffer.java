package org.exitpollaudit.stats;

/**
 * Stouffer's combination of independent z statistics (Stouffer et al. 1949, The American Soldier, vol. 1,
 * p. 45; Whitlock 2005, J. Evol. Biol. 18:1368): Z = Σ z_j / √m, standard normal when each z_j is, so its
 * two-sided p is 2 (1 − Φ(|Z|)). Signs are kept: polls that err in the same direction add up.
 */
public final class Stouffer {

    private Stouffer() {
    }

    public static double z(double[] zs) {
        if (zs.length == 0) {
            throw new IllegalArgumentException("no z statistics to combine");
        }
        double sum = 0;
        for (double z : zs) {
            sum += z;
        }
        return sum / Math.sqrt(zs.length);
    }

    public static double pValue(double z) {
        return Normal.twoSidedP(z);
    }
}
