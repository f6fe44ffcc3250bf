package org.exitpollaudit.stats;

/**
 * Equivalence by two one-sided tests (Schuirmann 1987, J. Pharmacokin. Biopharm. 15:657–680): an estimate with
 * standard error se lies within ±δ of zero at level α when its (1 − 2α) interval, estimate ∓ z_{1−α} se, lies
 * inside [−δ, δ]. At α = 0.05 that is the 90 % interval with z₀.₉₅ = 1.644854.
 */
public final class Equivalence {

    private Equivalence() {
    }

    /**
     * z_{1−α}: 1.644854 for α = 0.05.
     *
     * @throws IllegalArgumentException alpha not in (0, 1)
     */
    public static double oneSidedZ(double alpha) {
        Check.openUnit("alpha", alpha);
        return Normal.STANDARD.inverseSurvivalProbability(alpha);
    }

    /**
     * Whether estimate ∓ z_{1−α} se lies inside [−δ, δ]. An estimate or standard error that is NaN (undefined), or a
     * standard error of +∞, is not shown to lie within: false.
     *
     * @param se    the estimate's standard error, ≥ 0 or NaN
     * @param delta δ &gt; 0, in the estimate's units
     * @param alpha in (0, 1)
     * @throws IllegalArgumentException a negative se, δ not &gt; 0 (or NaN), alpha not in (0, 1)
     */
    public static boolean within(double estimate, double se, double delta, double alpha) {
        Check.notNegative("se", se);
        Check.positive("delta", delta);
        double z = oneSidedZ(alpha);
        if (Double.isNaN(se) || Double.isNaN(estimate)) {
            return false;
        }
        double half = z * se;
        return estimate - half >= -delta && estimate + half <= delta;
    }
}
