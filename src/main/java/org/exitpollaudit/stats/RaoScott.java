package org.exitpollaudit.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Rao–Scott corrections of a Pearson X² on k categories for a complex sample, from the generalised design effects
 * δ_1 … δ_{k−1}: the eigenvalues of A = P⁻¹ V over the first k − 1 categories, where V is the design covariance of
 * the estimated shares (e.g. {@link ClusterSample#covariance()}) and P = (diag(π) − π πᵀ) / n the multinomial
 * covariance at shares π. Under the null X² is distributed as Σ δ_j W_j with W_j independent χ²(1)
 * (Rao &amp; Scott 1981, JASA 76:221–230; 1984, Ann. Statist. 12:46–60):
 * <pre>
 *   δ̄       = tr(A) / (k − 1)
 *   â²      = Σ (δ_j − δ̄)² / ((k − 1) δ̄²)  = tr(A²) / ((k − 1) δ̄²) − 1
 *   X²_RS1  = X² / δ̄                         on k − 1 df                   (first order)
 *   X²_RS2  = X²_RS1 / (1 + â²)             on (k − 1) / (1 + â²) df      (second order, Satterthwaite)
 * </pre>
 * The eigenvalues themselves are never needed: Σ δ_j = tr(A) and Σ δ_j² = tr(A²). P has the closed-form inverse
 * P⁻¹ = n (diag(1 / π_j) + 1 1ᵀ / π_k) (Sherman–Morrison), so A_jl = n (V_jl / π_j + Σ_{r&lt;k} V_rl / π_k), and
 * tr(A) = n Σ_{c ≤ k} V_cc / π_c, i.e. (k − 1) δ̄ = Σ_c (p̂_c (1 − p̂_c) / π_c) deff_c, which with π = p̂ is the
 * familiar Σ_c (1 − p̂_c) deff_c. The result does not depend on which category is left out. For a goodness-of-fit
 * test of p̂ against fixed shares π₀ (an exit poll against the count) P may be taken at π₀ or at p̂ (asymptotically
 * the same under the null; SAS/STAT's SURVEYFREQ offers both, CHISQ1 and CHISQ); to describe the design of the
 * estimate itself, π = p̂.
 *
 * @param categories k
 * @param meanDeff   δ̄, the mean generalised design effect
 * @param a2         â², the squared coefficient of variation of the δ_j (0 when they are all equal; always when k = 2)
 * @throws IllegalArgumentException k &lt; 2, δ̄ not a finite number &gt; 0, â² not a finite number ≥ 0
 */
public record RaoScott(int categories, double meanDeff, double a2) {

    public RaoScott {
        if (categories < 2) {
            throw new IllegalArgumentException("categories = " + categories + " is not ≥ 2");
        }
        Check.finitePositive("meanDeff", meanDeff);
        Check.finiteNonNegative("a2", a2);
    }

    /**
     * @param pi the k shares at which P is evaluated (all &gt; 0, summing to 1)
     * @param v  the k × k design covariance of the estimated shares
     * @param n  the sample size that P refers to (the X²'s n)
     * @throws IllegalArgumentException k &lt; 2, a share ≤ 0, shares not summing to 1, V not k × k, an entry of V
     *                                  that is not finite, n ≤ 0, or V with no variance (every δ zero: the
     *                                  corrections would divide by zero)
     */
    public static RaoScott of(double[] pi, double[][] v, double n) {
        double[][] a = designMatrix(pi, v, n);
        int q = a.length;
        double trace = 0;
        double traceSquare = 0;
        for (int j = 0; j < q; j++) {
            trace += a[j][j];
            for (int l = 0; l < q; l++) {
                traceSquare += a[j][l] * a[l][j];
            }
        }
        if (!(trace > 0)) {
            throw new IllegalArgumentException("the design covariance has no variance (trace of P⁻¹V = " + trace
                    + "): no design effect can be estimated");
        }
        double mean = trace / q;
        // the δ are real (A is similar to the symmetric P^-½ V P^-½), so Σ(δ − δ̄)² ≥ 0; clamp rounding below zero
        double a2 = Math.max(0, traceSquare / (q * mean * mean) - 1);
        return new RaoScott(q + 1, mean, a2);
    }

    /** P⁻¹ V over the first k − 1 categories (package-private so that a test can multiply it back by P). */
    static double[][] designMatrix(double[] pi, double[][] v, double n) {
        int k = pi.length;
        if (k < 2) {
            throw new IllegalArgumentException("a Rao–Scott correction needs at least 2 categories, got " + k);
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("sample size " + n + " is not a finite number > 0");
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (!(pi[c] > 0)) {
                throw new IllegalArgumentException("category " + c + " has share " + pi[c]
                        + ": P is singular (drop the category or merge it before testing)");
            }
            sum += pi[c];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("shares sum to " + sum + ", not 1");
        }
        if (v.length != k) {
            throw new IllegalArgumentException("V has " + v.length + " rows for " + k + " categories");
        }
        for (int c = 0; c < k; c++) {
            if (v[c].length != k) {
                throw new IllegalArgumentException("V row " + c + " has " + v[c].length + " entries for " + k
                        + " categories");
            }
            for (int d = 0; d < k; d++) {
                if (!Double.isFinite(v[c][d])) {
                    throw new IllegalArgumentException("V[" + c + "][" + d + "] = " + v[c][d] + " is not finite");
                }
            }
        }
        int q = k - 1;
        double[] columnSums = new double[q];
        for (int r = 0; r < q; r++) {
            for (int l = 0; l < q; l++) {
                columnSums[l] += v[r][l];
            }
        }
        double[][] a = new double[q][q];
        for (int j = 0; j < q; j++) {
            for (int l = 0; l < q; l++) {
                a[j][l] = n * (v[j][l] / pi[j] + columnSums[l] / pi[q]);
            }
        }
        return a;
    }

    /** P at p̂ of the sample itself: the generalised design effects of the estimate. */
    public static RaoScott of(ClusterSample sample) {
        return of(sample.shares(), sample.covariance(), sample.n());
    }

    /**
     * X²_RS1 = X² / δ̄, for an X² ≥ 0 (NaN, undefined, gives NaN).
     *
     * @throws IllegalArgumentException x2 &lt; 0
     */
    public double firstOrder(double x2) {
        Check.notNegative("x2", x2);
        return x2 / meanDeff;
    }

    /** k − 1. */
    public int firstOrderDf() {
        return categories - 1;
    }

    /**
     * X²_RS2 = X² / (δ̄ (1 + â²)), for an X² ≥ 0 (NaN gives NaN).
     *
     * @throws IllegalArgumentException x2 &lt; 0
     */
    public double secondOrder(double x2) {
        Check.notNegative("x2", x2);
        return x2 / (meanDeff * (1 + a2));
    }

    /** (k − 1) / (1 + â²), not a whole number in general. */
    public double secondOrderDf() {
        return (categories - 1) / (1 + a2);
    }

    /**
     * The p of X²_RS1 on k − 1 df.
     *
     * @throws IllegalArgumentException x2 &lt; 0
     */
    public double firstOrderPValue(double x2) {
        return ChiSquaredDistribution.of(firstOrderDf()).survivalProbability(firstOrder(x2));
    }

    /**
     * The p of X²_RS2 on its Satterthwaite df.
     *
     * @throws IllegalArgumentException x2 &lt; 0
     */
    public double secondOrderPValue(double x2) {
        return ChiSquaredDistribution.of(secondOrderDf()).survivalProbability(secondOrder(x2));
    }
}
