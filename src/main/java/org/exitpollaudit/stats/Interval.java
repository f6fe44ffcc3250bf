package org.exitpollaudit.stats;

/** A closed interval [low, high]. */
public record Interval(double low, double high) {

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
