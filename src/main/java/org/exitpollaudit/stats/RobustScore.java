package org.exitpollaudit.stats;

import java.util.Arrays;

/**
 * Robust z-scores of a set of values against their own spread (Iglewicz &amp; Hoaglin 1993, "How to Detect and
 * Handle Outliers", ASQC Basic References in Quality Control 16: the "modified z-score"):
 * <pre>
 *   z_i = (x_i − median(x)) / (1.4826 · MAD),   MAD = median_i |x_i − median(x)|
 * </pre>
 * 1.4826 = 1 / Φ⁻¹(0.75) makes 1.4826 · MAD a consistent estimate of the standard deviation of normal data, so
 * z_i is on the standard normal scale (Iglewicz &amp; Hoaglin write it as 0.6745 (x_i − median) / MAD). Median and MAD
 * are not moved by the few outliers being looked for, unlike a mean and a standard deviation, and the spread they
 * measure is whatever the data show — binomial sampling error plus every other source of variation between units
 * (over-dispersion) — rather than an assumed one.
 */
public final class RobustScore {

    /** 1 / Φ⁻¹(0.75), the normal consistency constant of the MAD. */
    public static final double MAD_SCALE = 1.482602218505602;

    private RobustScore() {
    }

    /** Median of the finite values; NaN if there are none. */
    public static double median(double[] x) {
        double[] v = Arrays.stream(x).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Median absolute deviation from the median, over the finite values (unscaled). */
    public static double mad(double[] x) {
        double med = median(x);
        return median(Arrays.stream(x).filter(Double::isFinite).map(v -> Math.abs(v - med)).toArray());
    }

    /**
     * The robust z of each value; NaN for a non-finite value, and for every value when the MAD is 0 (more than half
     * the values are equal, so the spread cannot be judged) or there are no finite values.
     */
    public static double[] z(double[] x) {
        double med = median(x);
        double scale = MAD_SCALE * mad(x);
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = Double.isFinite(x[i]) && scale > 0 ? (x[i] - med) / scale : Double.NaN;
        }
        return z;
    }

    /** Two-sided standard normal p-value of a z; NaN stays NaN. */
    public static double twoSidedP(double z) {
        return Double.isNaN(z) ? Double.NaN : Normal.twoSidedP(z);
    }
}
