package org.exitpollaudit.stats;

/**
 * One candidate's poll share p against the official share v from a clustered sample of n with design
 * effect deff (one-sample test of a proportion with the variance under H0: p = v), and two polls' shares of one
 * candidate against each other (the Wald statistic of the difference of two independent estimates):
 * <pre>
 *   se = √(deff · p(1−p) / n)              (standard error of the poll share)
 *   z  = (p − v) / √(deff · v(1−v) / n)     p-value two-sided from the standard normal
 *   z  = (p_a − p_b) / √(se_a² + se_b²)     two polls
 * </pre>
 * The design effect multiplies the simple random sample's variance (Kish 1965, Survey Sampling); the tests are the
 * large-sample normal tests of a proportion and of a difference of two independent proportions (Agresti 2013,
 * Categorical Data Analysis, 3rd ed., chapters 1 and 3). Shares lie in [0, 1]; a NaN share (undefined) gives NaN.
 * n ≥ 0, where n = 0 divides by zero as the formulas say; deff &gt; 0, +∞ included.
 */
public final class ProportionTest {

    private ProportionTest() {
    }

    /**
     * se = √(deff · p(1−p) / n): 0 at p = 0 or 1 (n &gt; 0); +∞ at n = 0 (NaN if also p is 0 or 1).
     *
     * @throws IllegalArgumentException p outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double standardError(double p, double n, double deff) {
        Check.share("p", p);
        Check.sample(n, deff);
        return Math.sqrt(deff * p * (1 - p) / n);
    }

    /**
     * z = (p − v) / √(deff · v(1−v) / n): ±∞ when v is 0 or 1 and p differs from it, NaN when p equals it (the null
     * has no variance; the analysis warns of the share of 0).
     *
     * @throws IllegalArgumentException p or v outside [0, 1], n &lt; 0 or NaN, deff not &gt; 0
     */
    public static double z(double p, double v, double n, double deff) {
        Check.share("p", p);
        Check.share("v", v);
        Check.sample(n, deff);
        return (p - v) / Math.sqrt(deff * v * (1 - v) / n);
    }

    /**
     * z = (p_a − p_b) / √(se_a² + se_b²) of two shares from independent samples with standard errors se_a and se_b
     * ({@link #standardError}): ±∞ when both errors are 0 and the shares differ, NaN when they are equal or any
     * argument is NaN.
     *
     * @throws IllegalArgumentException a share outside [0, 1] or a negative standard error
     */
    public static double differenceZ(double pa, double seA, double pb, double seB) {
        Check.share("pa", pa);
        Check.share("pb", pb);
        Check.notNegative("seA", seA);
        Check.notNegative("seB", seB);
        return (pa - pb) / Math.sqrt(seA * seA + seB * seB);
    }

    /** Two-sided p of any z; NaN gives NaN. */
    public static double pValue(double z) {
        return Normal.twoSidedP(z);
    }
}
