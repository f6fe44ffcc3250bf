package org.exitpollaudit.stats;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The maximum of a concave function over an interval, or over the triangle {s, t ≥ 0, s + t ≤ w}, by golden-section
 * search (Kiefer 1953, Proc. AMS 4:502): a concave function is unimodal on a segment, and the maximum over s of a
 * jointly concave function is concave in t, so the search nests. Converges to the interval's width times 0.618^k.
 */
public final class ConcaveMaximum {

    private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;
    private static final int ITERATIONS = 80;

    private ConcaveMaximum() {
    }

    /**
     * max of a concave f over [lo, hi]; f(lo) when lo = hi. If f returns NaN somewhere the result may be NaN.
     *
     * @throws IllegalArgumentException lo or hi not finite, hi &lt; lo (an empty interval)
     */
    public static double onInterval(DoubleUnaryOperator f, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("the interval [lo = " + lo + ", hi = " + hi + "] is not finite");
        }
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("hi = " + hi + " is below lo = " + lo + ": the interval is empty");
        }
        double a = lo;
        double b = hi;
        double c = b - INVERSE_PHI * (b - a);
        double d = a + INVERSE_PHI * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        for (int i = 0; i < ITERATIONS && b - a > 1e-15 * Math.max(1, Math.abs(b)); i++) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INVERSE_PHI * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INVERSE_PHI * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        // the ends too: a concave function may peak at either
        return Math.max(Math.max(fc, fd), Math.max(f.applyAsDouble(lo), f.applyAsDouble(hi)));
    }

    /**
     * max of a jointly concave f(s, t) over s, t ≥ 0, s + t ≤ w; f(0, 0) when w = 0.
     *
     * @throws IllegalArgumentException w not a finite number ≥ 0
     */
    public static double onTriangle(DoubleBinaryOperator f, double w) {
        Check.finiteNonNegative("w", w);
        return onInterval(t -> onInterval(s -> f.applyAsDouble(s, t), 0, Math.max(0, w - t)), 0, w);
    }
}
