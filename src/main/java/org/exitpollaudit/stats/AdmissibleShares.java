package org.exitpollaudit.stats;

import java.util.Arrays;

/**
 * The poll shares a published poll can stand for, given what it did not publish: the rounding of its
 * percentages and the answers it attributed to no candidate (docs/figures.md, "The admissible readings").
 *
 * <p>A poll published as fractions s_j with precision u (half a unit of the last published decimal either way)
 * may stand for true fractions x_j ∈ [max(0, s_j − u/2), s_j + u/2] with Σ x_j ≤ 1 over every published column;
 * the rest, 1 − Σ x_j, may belong in any part to any candidate. For the candidates c of a comparison the shares
 * q_c = y_c / Σ y (y_c = x_c plus its part of the rest) then range over exactly
 * <pre>
 *   Q = { q : Σ_c q_c = 1,  q_c ≥ l_c },   l_c = max(0, s_c − u/2) / T,
 *   T = max(1 − Σ_{j not compared} max(0, s_j − u/2),  Σ_c max(0, s_c − u/2))
 * </pre>
 * (rounding a share up is indistinguishable from giving it part of the rest, so only the lower ends bind; T is
 * the most the compared candidates can hold together; the second term of the max keeps Q non-empty when the
 * published lower ends already exceed 100 %). Q is a simplex with lower bounds: its vertices are
 * l + (1 − Σ l) e_i, one per candidate.
 *
 * <p>Over Q, the lowest and highest share of candidate i are l_i and l_i + 1 − Σ l. Pearson's X² is convex in q, so
 * its maximum over Q is at a vertex and its minimum is the weighted projection of v onto Q:
 * minimise Σ (q_i − v_i)² / v_i subject to Σ q_i = 1, q_i ≥ l_i, whose KKT conditions give q_i = max(l_i, c v_i)
 * with the scalar c fixed by Σ q_i = 1 (solved exactly by fixing the binding set; Boyd &amp; Vandenberghe 2004,
 * Convex Optimization, §5.5.3, a "water-filling" problem).
 */
public final class AdmissibleShares {

    private final double[] lower;

    private AdmissibleShares(double[] lower) {
        this.lower = lower;
    }

    /**
     * @param compared    published fractions of the compared candidates, at least two, each finite and ≥ 0 (their
     *                    lower ends may add up to more than 1: T then scales them down)
     * @param notCompared published fractions of every other published column (other, invalid, candidates the
     *                    comparison leaves out), each finite and ≥ 0; may be empty
     * @param precision   u, one unit of the last published decimal as a fraction (0.001 for percentages with one
     *                    decimal; 0 for vote counts), finite and ≥ 0
     * @throws IllegalArgumentException fewer than two compared shares, a share or the precision not a finite number
     *                                  ≥ 0, or compared shares that are all 0 (and others that fill 100 %): the
     *                                  compared candidates could hold no share
     */
    public static AdmissibleShares of(double[] compared, double[] notCompared, double precision) {
        if (compared.length < 2) {
            throw new IllegalArgumentException("compared has " + compared.length + " share(s): a comparison needs at"
                    + " least 2");
        }
        Check.finiteNonNegative("precision", precision);
        for (int i = 0; i < notCompared.length; i++) {
            if (!(notCompared[i] >= 0) || Double.isInfinite(notCompared[i])) {
                throw new IllegalArgumentException("notCompared[" + i + "] = " + notCompared[i]
                        + " is not a finite fraction ≥ 0");
            }
        }
        double half = precision / 2;
        double[] lo = new double[compared.length];
        double sumLo = 0;
        for (int i = 0; i < lo.length; i++) {
            if (!(compared[i] >= 0) || Double.isInfinite(compared[i])) {
                throw new IllegalArgumentException("compared[" + i + "] = " + compared[i]
                        + " is not a finite fraction ≥ 0");
            }
            lo[i] = Math.max(0, compared[i] - half);
            sumLo += lo[i];
        }
        double others = 0;
        for (double s : notCompared) {
            others += Math.max(0, s - half);
        }
        double t = Math.max(1 - others, sumLo);
        if (!(t > 0)) {
            throw new IllegalArgumentException("the compared candidates can hold no share: their lower ends sum to "
                    + sumLo + " and the other columns' to " + others);
        }
        double[] l = new double[lo.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = lo[i] / t;
        }
        return new AdmissibleShares(l);
    }

    /** The lower bounds l_c. */
    public double[] lower() {
        return lower.clone();
    }

    /** 1 − Σ l: the share no reading has to give to any particular candidate. */
    public double free() {
        return Math.max(0, 1 - Arrays.stream(lower).sum());
    }

    /**
     * l_i: the lowest share of compared candidate i over Q.
     *
     * @throws IllegalArgumentException i not one of the compared candidates
     */
    public double lowest(int i) {
        Check.index("i", i, lower.length, "compared candidates");
        return lower[i];
    }

    /**
     * l_i + 1 − Σ l: the highest share of compared candidate i over Q.
     *
     * @throws IllegalArgumentException i not one of the compared candidates
     */
    public double highest(int i) {
        Check.index("i", i, lower.length, "compared candidates");
        return lower[i] + free();
    }

    /**
     * The vertex at which compared candidate i receives everything that is free.
     *
     * @throws IllegalArgumentException i not one of the compared candidates
     */
    public double[] vertex(int i) {
        Check.index("i", i, lower.length, "compared candidates");
        double[] q = lower.clone();
        q[i] += free();
        return q;
    }

    /**
     * The index of the vertex with the largest Pearson X² against v (the reading most unlike the count); ties go to
     * the first. An official share of 0 makes the X² of a vertex that gives that candidate anything +∞, and of one
     * that gives it nothing NaN (0 / 0), which is passed over.
     *
     * @param v the official shares, one per compared candidate, each in [0, 1]
     * @throws IllegalArgumentException v of another length than the compared shares, a share outside [0, 1]
     */
    public int farthestVertex(double[] v) {
        Check.sameLength("v", v, "compared", lower);
        int best = 0;
        double max = -1;
        for (int i = 0; i < lower.length; i++) {
            double x = GoodnessOfFit.pearson(vertex(i), v, 1);
            if (x > max) {
                max = x;
                best = i;
            }
        }
        return best;
    }

    /**
     * The reading of Q nearest to v in Pearson's X².
     *
     * @param v the official shares, one per compared candidate, each &gt; 0 (X² has no term for a share of 0)
     * @throws IllegalArgumentException v of another length than the compared shares, a share not &gt; 0
     */
    public double[] nearest(double[] v) {
        Check.sameLength("v", v, "compared", lower);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("v[" + i + "] = " + v[i] + " is not > 0");
            }
        }
        int k = lower.length;
        boolean[] bound = new boolean[k];
        double c = 1;
        // binding more candidates only lowers c, so this settles in at most k rounds
        for (int round = 0; round <= k; round++) {
            double fixed = 0;
            double freeV = 0;
            for (int i = 0; i < k; i++) {
                if (bound[i]) {
                    fixed += lower[i];
                } else {
                    freeV += v[i];
                }
            }
            c = freeV > 0 ? (1 - fixed) / freeV : 0;
            boolean changed = false;
            for (int i = 0; i < k; i++) {
                if (!bound[i] && lower[i] > c * v[i]) {
                    bound[i] = true;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        double[] q = new double[k];
        for (int i = 0; i < k; i++) {
            q[i] = bound[i] ? lower[i] : c * v[i];
        }
        return q;
    }
}
