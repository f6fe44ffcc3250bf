package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Power of a χ² test against a fixed alternative, through the noncentral χ² distribution written as a Poisson
 * mixture of central ones (Johnson, Kotz &amp; Balakrishnan 1995, Continuous Univariate Distributions vol. 2,
 * eq. 29.2; Cohen 1988, Statistical Power Analysis, ch. 7):
 * <pre>
 *   P(χ²_df(λ) &gt; x) = Σ_{j≥0} e^{−λ/2} (λ/2)^j / j! · P(χ²_{df+2j} &gt; x)
 * </pre>
 * For df = 1 the λ that gives power 1 − β at level α is close to (z_{1−α/2} + z_{1−β})² (7.849 for 5 %, 80 %).
 */
public final class NoncentralChiSquared {

    private NoncentralChiSquared() {
    }

    /**
     * Upper-tail probability of a noncentral χ² with df degrees of freedom and noncentrality λ at x: 1 for x ≤ 0.
     *
     * @throws IllegalArgumentException df &lt; 1, λ not a finite number ≥ 0
     */
    public static double survival(double x, int df, double lambda) {
        Check.degreesOfFreedom(df);
        Check.finiteNonNegative("lambda", lambda);
        if (lambda == 0) {
            return ChiSquaredDistribution.of(df).survivalProbability(x);
        }
        PoissonDistribution poisson = PoissonDistribution.of(lambda / 2);
        int last = poisson.inverseSurvivalProbability(1e-17) + 1;
        double sum = 0;
        for (int j = 0; j <= last; j++) {
            double w = poisson.probability(j);
            if (w > 0) {
                sum += w * ChiSquaredDistribution.of(df + 2 * j).survivalProbability(x);
            }
        }
        return Math.min(1, sum);
    }

    /**
     * The noncentrality at which the level-α test on df degrees of freedom has the given power.
     *
     * @throws IllegalArgumentException df &lt; 1, alpha not in (0, 1), power not in (alpha, 1) (a power of alpha or
     *                                  less needs no deviation at all)
     */
    public static double noncentralityForPower(int df, double alpha, double power) {
        Check.degreesOfFreedom(df);
        Check.openUnit("alpha", alpha);
        if (!(power > alpha && power < 1)) {
            throw new IllegalArgumentException("power = " + power + " is not in (alpha, 1) = (" + alpha + ", 1)");
        }
        double critical = GoodnessOfFit.critical(df, alpha);
        double lo = 0;
        double hi = 1;
        while (survival(critical, df, hi) < power) {
            hi *= 2;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (survival(critical, df, mid) < power) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * The smallest deviation (as a fraction) of one candidate of official share v that the design-corrected X²
     * test on df degrees of freedom detects with the given power, however the other candidates absorb it. The
     * hardest case to detect spreads the offset over the others in proportion to their shares; its
     * noncentrality is n d² / (deff v (1 − v)), so d = √(λ deff v (1 − v) / n).
     *
     * @param v a share in [0, 1] (0 or 1 give 0; NaN, undefined, gives NaN)
     * @param n ≥ 0 (+∞ at n = 0 for 0 &lt; v &lt; 1)
     * @throws IllegalArgumentException v outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0, or df, alpha, power as
     *                                  {@link #noncentralityForPower} requires
     */
    public static double minimumDetectable(double v, double n, double deff, int df, double alpha, double power) {
        return minimumDetectable(noncentralityForPower(df, alpha, power), v, n, deff);
    }

    /**
     * The same, with λ already found (it serves every candidate of a comparison).
     *
     * @throws IllegalArgumentException λ not a finite number ≥ 0, v outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double minimumDetectable(double lambda, double v, double n, double deff) {
        Check.finiteNonNegative("lambda", lambda);
        Check.share("v", v);
        Check.sample(n, deff);
        return Math.sqrt(lambda * deff * v * (1 - v) / n);
    }
}
