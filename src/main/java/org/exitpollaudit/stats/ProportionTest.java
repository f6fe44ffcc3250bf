package org.exitpollaudit.stats;

/**
 * One candidate's poll share p against the official share v from a clustered sample of n with design
 * effect deff (one-sample test of a proportion with the variance under H0: p = v):
 * <pre>
 *   se = √(deff · p(1−p) / n)              (standard error of the poll share)
 *   z  = (p − v) / √(deff · v(1−v) / n)     p-value two-sided from the standard normal
 * </pre>
 */
public final class ProportionTest {

    private ProportionTest() {
    }

    public static double standardError(double p, double n, double deff) {
        return Math.sqrt(deff * p * (1 - p) / n);
    }

    public static double z(double p, double v, double n, double deff) {
        return (p - v) / Math.sqrt(deff * v * (1 - v) / n);
    }

    public static double pValue(double z) {
        return Normal.twoSidedP(z);
    }
}
