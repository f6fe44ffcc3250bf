package org.exitpollaudit.stats;

/**
 * A closed interval [low, high].
 *
 * @param low  the lower end, at most {@code high}
 * @param high the upper end; both ends NaN stand for an undefined interval (a {@link WilsonInterval} of a NaN share),
 *             which contains nothing
 * @throws IllegalArgumentException {@code low > high}
 */
public record Interval(double low, double high) {

    public Interval {
        if (low > high) {
            throw new IllegalArgumentException("low = " + low + " is above high = " + high);
        }
    }

    /** Whether low ≤ x ≤ high; false for a NaN x or a NaN end. */
    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
