package org.exitpollaudit.stats;

/**
 * Pearson's correlation coefficient from centred sums, and its one-sided test against 0 by Fisher's z transformation
 * (Fisher 1921, "On the 'probable error' of a coefficient of correlation deduced from a small sample", Metron 1:3–32):
 * <pre>
 *   r = S_xy / √(S_xx · S_yy)
 *   z = atanh(r) · √(n′ − 3),   p = 1 − Φ(z)       (H1: ρ &gt; 0)
 * </pre>
 * where S are the sums of squares and products of the deviations from the means, and n′ is the number of pairs the
 * sums rest on: n for one sample; n − g + 1 for a correlation pooled within g groups, each centred on its own means
 * (centring on g means instead of one leaves r the n − g − 1 degrees of freedom of one sample of n − g + 1 pairs).
 * Under ρ = 0 and bivariate normality atanh(r) is approximately normal with variance 1 / (n′ − 3).
 */
public final class FisherZ {

    private FisherZ() {
    }

    /**
     * r = S_xy / √(S_xx · S_yy), clamped to [−1, 1] (rounding can carry a perfect correlation a hair past ±1, where
     * atanh is undefined); NaN when either sum of squares is not above 0 (no variation to correlate) or any sum is NaN.
     */
    public static double correlation(double sxx, double syy, double sxy) {
        double r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * The one-sided p of r against ρ = 0, 1 − Φ(atanh(r) · √(n′ − 3)): 0 at r = 1 and 1 at r = −1; NaN when r is NaN
     * or n′ is not above 3 (too few pairs for the test) or NaN.
     *
     * @throws IllegalArgumentException r outside [−1, 1] ({@link #correlation} never gives one)
     */
    public static double upperP(double r, double effectiveN) {
        if (r < -1 || r > 1) {
            throw new IllegalArgumentException("r = " + r + " is not a correlation in [-1, 1]");
        }
        return effectiveN > 3 && !Double.isNaN(r) ? Normal.upperTail(atanh(r) * Math.sqrt(effectiveN - 3))
                : Double.NaN;
    }

    /** atanh(r) = ½ ln((1 + r) / (1 − r)); ±∞ at ±1. */
    static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }
}
