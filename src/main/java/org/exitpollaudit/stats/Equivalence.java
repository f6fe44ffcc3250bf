package org.exitpollaudit.stats;

/**
 * Equivalence by two one-sided tests (Schuirmann 1987, J. Pharmacokin. Biopharm. 15:657–680): an estimate with
 * standard error se lies within ±δ of zero at level α when its (1 − 2α) interval, estimate ∓ z_{1−α} se, lies
 * inside [−δ, δ]. At α = 0.05 that is the 90 % interval with z₀.₉₅ = 1.644854.
 */
public final class Equivalence {

    private Equivalence() {
    }

    /** z_{1−α}: 1.644854 for α = 0.05. */
    public static double oneSidedZ(double alpha) {
        return Normal.STANDARD.inverseSurvivalProbability(alpha);
    }

    /** Whether estimate ∓ z_{1−α} se lies inside [−δ, δ]. */
    public static boolean within(double estimate, double se, double delta, double alpha) {
        if (!(se >= 0) || !(delta > 0) || Double.isNaN(estimate)) {
            return false;
        }
        double half = oneSidedZ(alpha) * se;
        return estimate - half >= -delta && estimate + half <= delta;
    }
}
