package org.exitpollaudit.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * What B and B_w ({@link SurveyBias}) are expected to be for an UNBIASED poll of n with design effect deff,
 * so that an observed value can be read against chance. To first order (delta method) A'_i ≈ (p̂_i − v_i) /
 * (v_i (1 − v_i)) is normal with mean 0, σ_i² = deff / (n v_i (1 − v_i)) and correlation
 * ρ_ij = −√(v_i v_j / ((1 − v_i)(1 − v_j))) (the multinomial covariance −v_i v_j / n). For a weighted sum
 * S = Σ w_i |A'_i| (B: w_i = 1/k; B_w: w_i = v_i), the moments of absolute bivariate normals give
 * <pre>
 *   E S   = √(2/π) Σ w_i σ_i
 *   Var S = Σ_i Σ_j w_i w_j σ_i σ_j (2/π) (√(1 − ρ_ij²) + ρ_ij arcsin ρ_ij − 1),   ρ_ii = 1
 * </pre>
 * (E|X_i X_j| = (2 σ_i σ_j / π)(√(1 − ρ²) + ρ arcsin ρ): Kamat 1953, Biometrika 40:116). The upper-tail p of an
 * observed value is estimated by simulation: seeded draws of p̂ ~ N(v, deff (diag v − v vᵀ) / n), with B and B_w
 * computed exactly from each draw.
 * <p>
 * Every method takes the official shares v, each strictly between 0 and 1 and summing to 1 (the analysis computes
 * these figures only then: a share of 0 or 1 has no log odds), a finite n &gt; 0 and a finite deff &gt; 0.
 */
public final class SurveyBiasNull {

    /** Null mean and standard deviation of B and B_w (delta method), and the simulated upper-tail p of observed values. */
    public record Result(double bMean, double bSd, double bwMean, double bwSd, double bP, double bwP) {
    }

    private SurveyBiasNull() {
    }

    /**
     * E S for weights w (one per share).
     *
     * @throws IllegalArgumentException w and v of different lengths, or v, n, deff as the class requires
     */
    public static double mean(double[] w, double[] v, double n, double deff) {
        check(w, v, n, deff);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += w[i] * sigma(v[i], n, deff);
        }
        return Math.sqrt(2 / Math.PI) * sum;
    }

    /**
     * √Var S for weights w (one per share).
     *
     * @throws IllegalArgumentException w and v of different lengths, or v, n, deff as the class requires
     */
    public static double sd(double[] w, double[] v, double n, double deff) {
        check(w, v, n, deff);
        double var = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                double rho = i == j ? 1 : -Math.sqrt(v[i] * v[j] / ((1 - v[i]) * (1 - v[j])));
                double e = Math.sqrt(Math.max(0, 1 - rho * rho)) + rho * Math.asin(rho) - 1;
                var += w[i] * w[j] * sigma(v[i], n, deff) * sigma(v[j], n, deff) * (2 / Math.PI) * e;
            }
        }
        return Math.sqrt(Math.max(0, var));
    }

    /** The shares, n and deff this model needs (see the class comment), and one weight per share. */
    private static void check(double[] w, double[] v, double n, double deff) {
        Check.sameLength("w", w, "v", v);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0 && v[i] < 1)) {
                throw new IllegalArgumentException("v[" + i + "] = " + v[i] + " is not a share in (0, 1)");
            }
            sum += v[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("v sums to " + sum + ", not 1");
        }
        Check.finitePositive("n", n);
        Check.finitePositive("deff", deff);
    }

    private static double sigma(double v, double n, double deff) {
        return Math.sqrt(deff / (n * v * (1 - v)));
    }

    /**
     * The delta-method moments alone (the p-values NaN: nothing simulated).
     *
     * @throws IllegalArgumentException v, n, deff as the class requires
     */
    public static Result moments(double[] v, double n, double deff) {
        double[] uniform = new double[v.length];
        java.util.Arrays.fill(uniform, 1.0 / v.length);
        return new Result(mean(uniform, v, n, deff), sd(uniform, v, n, deff), mean(v, v, n, deff), sd(v, v, n, deff),
                Double.NaN, Double.NaN);
    }

    /**
     * @param observedB  B of the poll; +∞ (a poll share of 0 or 1) is reached by no draw, so its p is the smallest,
     *                   1 / (draws used + 1)
     * @param observedBw B_w of the poll, likewise
     * @param draws      number of simulated unbiased polls for the p-values, at least 1
     * @param seed       fixed so that a re-run gives the same p
     * @throws IllegalArgumentException draws &lt; 1, or v, n, deff as the class requires
     */
    public static Result of(double observedB, double observedBw, double[] v, double n, double deff, int draws,
                            long seed) {
        check(v, v, n, deff);
        if (draws < 1) {
            throw new IllegalArgumentException("draws = " + draws + " is not ≥ 1");
        }
        int k = v.length;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        NormalDistribution.Sampler normal = NormalDistribution.of(0, 1).createSampler(rng);
        double scale = Math.sqrt(deff / n);
        int overB = 0;
        int overBw = 0;
        int used = 0;
        double[] g = new double[k];
        double[] a = new double[k];
        for (int d = 0; d < draws; d++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                g[i] = Math.sqrt(v[i]) * normal.sample();
                sum += g[i];
            }
            boolean inside = true;
            for (int i = 0; i < k && inside; i++) {
                // g − v Σg has covariance diag(v) − v vᵀ when Σ v = 1
                double p = v[i] + scale * (g[i] - v[i] * sum);
                inside = p > 0 && p < 1;
                a[i] = inside ? SurveyBias.aPrime(p, v[i]) : 0;
            }
            if (!inside) {
                continue;
            }
            used++;
            overB += SurveyBias.b(a) >= observedB ? 1 : 0;
            overBw += SurveyBias.bw(a, v) >= observedBw ? 1 : 0;
        }
        Result m = moments(v, n, deff);
        return new Result(m.bMean(), m.bSd(), m.bwMean(), m.bwSd(), (overB + 1.0) / (used + 1.0),
                (overBw + 1.0) / (used + 1.0));
    }
}
