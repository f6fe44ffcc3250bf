package org.exitpollaudit.stats;

/**
 * Histogram bins of a percentage a / b in tenths of a point, centred on the tenths: bin k holds the percentages in
 * [k/10 − 0.05, k/10 + 0.05), k = 0 … 1000. A bin centred on a whole percent therefore holds the stations the
 * integer-percentage test counts as whole (within ±0.05 pp, Kobak, Shpilkin &amp; Pshenichnikov 2016) but for those
 * exactly 0.05 above it (the test's window is closed, the bin half-open), so that spikes at whole percents stand out
 * against their neighbours, which 1-point bins would swallow.
 */
public final class PercentBins {

    /** Number of bins: 0.0, 0.1, … 100.0. */
    public static final int COUNT = 1001;

    private PercentBins() {
    }

    /**
     * The bin of 100 a / b: k = ⌊1000 a / b + 0.5⌋, clamped to 0 … 1000. Whole-number counts (the usual case) are
     * binned in exact integer arithmetic, k = ⌊(2000 a + b) / (2 b)⌋, so that 3/5 = 60 % is never put in the 59.9 bin by
     * a rounding error. Two comparisons per argument: this runs for two fractions of every station.
     *
     * @param a the numerator, a finite number ≥ 0; above b it goes in the last bin (a turnout above 100 %, which the
     *          station checks report and keep)
     * @param b the denominator, a finite number &gt; 0
     * @throws IllegalArgumentException a not a finite number ≥ 0, b not a finite number &gt; 0
     */
    public static int tenth(double a, double b) {
        Check.finiteNonNegative("a", a);
        Check.finitePositive("b", b);
        long k;
        if (a == Math.rint(a) && b == Math.rint(b) && a >= 0 && a < 1e12 && b < 1e12) {
            k = Math.floorDiv(2000 * (long) a + (long) b, 2 * (long) b);
        } else {
            k = (long) Math.floor(1000 * a / b + 0.5);
        }
        return (int) Math.max(0, Math.min(COUNT - 1, k));
    }

    /**
     * The centre of bin k in percent, as the figures' unit: "60.0".
     *
     * @throws IllegalArgumentException k not in 0 … 1000
     */
    public static String label(int k) {
        Check.index("k", k, COUNT, "bins");
        return (k / 10) + "." + (k % 10);
    }
}
