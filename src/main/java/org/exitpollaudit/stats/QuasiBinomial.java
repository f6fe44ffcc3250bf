package org.exitpollaudit.stats;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Units (stations or districts) of one exit poll judged against the poll's own spread, not against pure binomial
 * error. In each unit the respondents choosing the winner a or the runner-up b, m = x_a + x_b, split x_a : x_b; the
 * count gives π₀ = v_a / (v_a + v_b). The split's binomial z and the poll's dispersion factor are
 * <pre>
 *   z_i = (x_a − m π₀) / sqrt(m π₀ (1 − π₀))
 *   φ   = Σ_i z_i² / N                       (Pearson X² over its N degrees of freedom: π₀ is given, not fitted)
 *   t_i = z_i / sqrt(φ),   p_i = 2 P(T_N > |t_i|)   (Student t on the N degrees of freedom of φ)
 * </pre>
 * This is the quasi-binomial model (McCullagh &amp; Nelder 1989, "Generalized Linear Models", 2nd ed., §4.5): the
 * variance is φ times the binomial one, φ estimated from the data. The split's log odds ratio against the count is
 * Mitofsky's ln α, so z_i is ln α's deviation on the count scale, where binomial theory is accurate even for the
 * 10–30 respondents a station gives one candidate (a normal approximation to ln α itself is not: its tails are too
 * heavy for Holm's thresholds over hundreds of stations). Real exit polls vary between stations far more than
 * binomial sampling allows (cluster sampling, interviewers, refusals that differ by station), so φ is usually well
 * above 1; only units that stand out from that spread are flagged.
 */
public final class QuasiBinomial {

    private QuasiBinomial() {
    }

    /**
     * The binomial z of the split x_a : x_b against π₀; NaN when m = 0 or π₀ is 0 or 1 (the unit cannot be judged), and
     * when a count or π₀ is NaN (undefined: π₀ = 0 / 0 for a unit where the count gives neither candidate a vote).
     *
     * @throws IllegalArgumentException a negative count, π₀ outside [0, 1]
     */
    public static double pairZ(double xa, double xb, double pi0) {
        Check.notNegative("xa", xa);
        Check.notNegative("xb", xb);
        Check.share("pi0", pi0);
        double m = xa + xb;
        if (!(m > 0) || !(pi0 > 0 && pi0 < 1)) {
            return Double.NaN;
        }
        return (xa - m * pi0) / Math.sqrt(m * pi0 * (1 - pi0));
    }

    /** φ = Σ z_i² / N over the finite z (NaN and ±∞ are units that cannot be judged); NaN when there are none. */
    public static double dispersion(double[] z) {
        double sum = 0;
        int n = 0;
        for (double v : z) {
            if (Double.isFinite(v)) {
                sum += v * v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Number of finite z, the degrees of freedom of φ. */
    public static int units(double[] z) {
        return (int) Arrays.stream(z).filter(Double::isFinite).count();
    }

    /**
     * t_i = z_i / √φ; NaN for a z that is not finite, and for every z when φ is 0 or NaN (the analysis passes NaN
     * when too few units were judged to estimate φ).
     *
     * @throws IllegalArgumentException a negative φ
     */
    public static double[] scaled(double[] z, double phi) {
        Check.notNegative("phi", phi);
        return Arrays.stream(z).map(v -> Double.isFinite(v) && phi > 0 ? v / Math.sqrt(phi) : Double.NaN).toArray();
    }

    /**
     * Two-sided p of each t on {@code df} degrees of freedom (Student t); NaN stays NaN.
     *
     * @throws IllegalArgumentException df &lt; 1
     */
    public static double[] twoSidedP(double[] t, int df) {
        Check.degreesOfFreedom(df);
        TDistribution dist = TDistribution.of(df);
        return Arrays.stream(t).map(v -> Double.isNaN(v) ? Double.NaN : Math.min(1, 2 * dist.survivalProbability(
                Math.abs(v)))).toArray();
    }
}
