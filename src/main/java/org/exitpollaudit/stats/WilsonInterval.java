package org.exitpollaudit.stats;

/**
 * Wilson score interval of a proportion (Wilson 1927; Newcombe 1998, Stat Med 17:857, method 3):
 * <pre>
 *   centre ± half = [p + z²/(2n) ± z √(p(1−p)/n + z²/(4n²))] / (1 + z²/n)
 * </pre>
 * with z the two-sided normal quantile of the confidence level. {@code n} may be fractional (an effective
 * sample size n / deff), which is why this is not delegated to Commons Statistics' integer-count version.
 */
public final class WilsonInterval {

    private WilsonInterval() {
    }

    /**
     * @param p          the share, in [0, 1]; NaN (undefined) gives an interval with NaN ends
     * @param n          the (effective) sample size, &gt; 0; +∞ gives [p, p]
     * @param confidence in (0, 1)
     * @throws IllegalArgumentException n not &gt; 0, p outside [0, 1], confidence not in (0, 1)
     */
    public static Interval of(double p, double n, double confidence) {
        Check.positive("n", n);
        Check.share("p", p);
        double z = Normal.criticalZ(confidence);
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = p + z2 / (2 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator));
    }
}
