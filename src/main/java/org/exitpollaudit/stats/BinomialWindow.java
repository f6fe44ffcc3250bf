package org.exitpollaudit.stats;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The Binomial(n, p) probabilities of the counts lo..hi, for sums over a window of counts (digit and
 * integer-percentage expectations). The probability at the window's most likely count comes from Commons
 * Statistics; the others follow from the ratio of neighbouring terms,
 * <pre>
 *   P(k + 1) / P(k) = (n − k) / (k + 1) · p / (1 − p),
 * </pre>
 * (Feller 1968, An Introduction to Probability Theory and Its Applications, vol. 1, 3rd ed., §VI.3), applied outwards
 * from that count, so each further term costs two multiplications and the error grows only with the window's width
 * (relative 1e-13 over a few hundred terms).
 */
public final class BinomialWindow {

    private BinomialWindow() {
    }

    /**
     * P(K = k) for k = lo..hi (clipped to 0..n), as an array indexed k − lo: empty when nothing of the window lies in
     * 0..n. p = 0 and p = 1 put all the probability on 0 and on n.
     *
     * @throws IllegalArgumentException n &lt; 0, p not in [0, 1] (NaN included)
     */
    public static double[] probabilities(int n, double p, int lo, int hi) {
        double[] out = new double[(int) Math.max(0, (long) Math.min(n, hi) - Math.max(0, lo) + 1)];
        probabilities(n, p, lo, hi, out);
        return out;
    }

    /**
     * {@link #probabilities(int, double, int, int)} into {@code out}, which has room for them (a caller that computes
     * many windows reuses one array): P(K = k) at {@code out[k − max(0, lo)]}, the entries after them left as they
     * were.
     *
     * @throws IllegalArgumentException n &lt; 0, p not in [0, 1] (NaN included), {@code out} without room for the
     *                                  window
     */
    public static void probabilities(int n, double p, int lo, int hi, double[] out) {
        Check.atLeast("n", n, 0);
        Check.closedUnit("p", p);
        lo = Math.max(0, lo);
        hi = Math.min(n, hi);
        if (hi < lo) {
            return;
        }
        // in longs: the window 0..Integer.MAX_VALUE has one count more than an int holds
        if (out.length < (long) hi - lo + 1) {
            throw new IllegalArgumentException("out has room for " + out.length + " probabilities, "
                    + ((long) hi - lo + 1) + " asked");
        }
        if (p <= 0 || p >= 1) {
            Arrays.fill(out, 0, hi - lo + 1, 0);
            int k = p <= 0 ? 0 : n;
            if (k >= lo && k <= hi) {
                out[k - lo] = 1;
            }
            return;
        }
        int mode = mode(n, p, lo, hi);
        double odds = p / (1 - p);
        out[mode - lo] = BinomialDistribution.of(n, p).probability(mode);
        double whole = n;
        double count = mode;
        for (int k = mode; k < hi; k++, count++) {
            out[k + 1 - lo] = up(out[k - lo], whole, count, odds);
        }
        count = mode;
        for (int k = mode; k > lo; k--, count--) {
            out[k - 1 - lo] = down(out[k - lo], whole, count, odds);
        }
    }

    /**
     * The most likely count of Binomial(n, p), ⌊(n + 1) p⌋, clipped to the window lo..hi: where a walk over the
     * window starts.
     *
     * @throws IllegalArgumentException n &lt; 0, p not in [0, 1] (NaN included), a window that is not
     *                                  0 ≤ lo ≤ hi ≤ n
     */
    public static int mode(int n, double p, int lo, int hi) {
        Check.atLeast("n", n, 0);
        Check.closedUnit("p", p);
        Check.atLeast("lo", lo, 0);
        if (hi < lo || hi > n) {
            throw new IllegalArgumentException("hi = " + hi + " is not in lo … n = " + lo + " … " + n);
        }
        return (int) Math.min(hi, Math.max(lo, Math.floor((n + 1) * p)));
    }

    /**
     * P(k + 1) from P(k); {@code odds} = p / (1 − p). The ratio is formed first and then applied, so that in a walk
     * the divisions of successive steps do not wait for each other (only the multiplication depends on the term
     * before): several times faster than dividing the running term. The counts n and k are whole numbers held as
     * doubles (exact up to 2⁵³, so every operation gives the double it gives on ints): a walk that keeps its count as
     * a double converts no int at each step, and on x86 each such conversion waits for the last value of its
     * register, which makes the integer test's walks about 3 times as slow.
     */
    public static double up(double pk, double n, double k, double odds) {
        return pk * ((n - k) / (k + 1) * odds);
    }

    /** P(k − 1) from P(k); {@code odds} = p / (1 − p). The ratio first, as in {@link #up}; n and k as there. */
    public static double down(double pk, double n, double k, double odds) {
        return pk * (k / ((n - k + 1) * odds));
    }
}
