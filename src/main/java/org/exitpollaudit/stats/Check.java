package org.exitpollaudit.stats;

/**
 * The argument checks of this package's public methods. Each throws an {@link IllegalArgumentException} whose
 * message names the argument and its value.
 * <p>
 * Two kinds of argument are told apart. A parameter of the method (a sample size, a design effect, a level, degrees
 * of freedom) must be a valid number; NaN is refused. A data value (a share, a statistic, a count from the input) may
 * be NaN: the analysis uses NaN for a figure that is undefined (a share of a candidate nobody chose, an empty unit),
 * and the methods pass it on as NaN, each saying so in its Javadoc. A data value that is a number but outside its
 * domain (a share of 1.2, a negative count) is refused: no input produces one, so it can only be a mistake of the
 * caller (a percentage passed as a share, arguments swapped).
 */
final class Check {

    private Check() {
    }

    /** 0 &lt; x &lt; 1: a significance level, a confidence level, a power. */
    static void openUnit(String name, double x) {
        if (!(x > 0 && x < 1)) {
            throw new IllegalArgumentException(name + " = " + x + " is not in (0, 1)");
        }
    }

    /** x &gt; 0, +∞ included: a design effect, a sample size that must not be 0. */
    static void positive(String name, double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException(name + " = " + x + " is not > 0");
        }
    }

    /** x ≥ 0, +∞ included: a sample size (0 gives the documented infinite or NaN results). */
    static void nonNegative(String name, double x) {
        if (!(x >= 0)) {
            throw new IllegalArgumentException(name + " = " + x + " is not ≥ 0");
        }
    }

    /** A sample size n ≥ 0 and a design effect deff &gt; 0 (+∞ allowed for both). */
    static void sample(double n, double deff) {
        nonNegative("n", n);
        positive("deff", deff);
    }

    /** The poll shares pa, pb of a winner and a runner-up, and the sample they come from. */
    static void pairSample(double pa, double pb, double n, double deff) {
        share("pa", pa);
        share("pb", pb);
        sample(n, deff);
    }

    /** A finite x &gt; 0. */
    static void finitePositive(String name, double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " = " + x + " is not a finite number > 0");
        }
    }

    /** A finite x ≥ 0. */
    static void finiteNonNegative(String name, double x) {
        if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " = " + x + " is not a finite number ≥ 0");
        }
    }

    /** 0 ≤ x ≤ 1, NaN refused: the probability that is a parameter of a distribution (a binomial's p). */
    static void closedUnit(String name, double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(name + " = " + x + " is not in [0, 1]");
        }
    }

    /** A number, not NaN: a parameter whose edge values the method handles itself. */
    static void number(String name, double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException(name + " = " + x + " is not a number");
        }
    }

    /** A whole number x ≥ min: a number of trials, of series, a count with a lower bound. */
    static void atLeast(String name, long x, long min) {
        if (x < min) {
            throw new IllegalArgumentException(name + " = " + x + " is not ≥ " + min);
        }
    }

    /** An index into {@code count} things (categories, candidates): 0 ≤ i &lt; count. */
    static void index(String name, int i, int count, String things) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException(name + " = " + i + " is not one of the " + count + " " + things
                    + " (0 … " + (count - 1) + ")");
        }
    }

    /** A probability: in [0, 1], or NaN (undefined, passed on). */
    static void probability(String name, double x) {
        if (x < 0 || x > 1) {
            throw new IllegalArgumentException(name + " = " + x + " is not a probability in [0, 1]");
        }
    }

    /** A share: in [0, 1], or NaN (undefined, passed on). */
    static void share(String name, double x) {
        if (x < 0 || x > 1) {
            throw new IllegalArgumentException(name + " = " + x + " is not a share in [0, 1]");
        }
    }

    /** Every entry a share in [0, 1] or NaN. */
    static void shares(String name, double[] x) {
        unitInterval(name, x, "a share");
    }

    /** Every entry a probability in [0, 1] or NaN (a test that could not be made). */
    static void probabilities(String name, double[] x) {
        unitInterval(name, x, "a probability");
    }

    private static void unitInterval(String name, double[] x, String what) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] > 1) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x[i] + " is not " + what + " in [0, 1]");
            }
        }
    }

    /** The poll shares pa, pb and official shares va, vb of a winner and a runner-up, each a share or NaN. */
    static void pair(double pa, double pb, double va, double vb) {
        share("pa", pa);
        share("pb", pb);
        share("va", va);
        share("vb", vb);
    }

    /** A data value that is ≥ 0 or NaN (undefined, passed on): a count, a χ² statistic. */
    static void notNegative(String name, double x) {
        if (x < 0) {
            throw new IllegalArgumentException(name + " = " + x + " is negative");
        }
    }

    /** Every entry a whole count ≥ 0. */
    static void notNegative(String name, long[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x[i] + " is negative");
            }
        }
    }

    /** At least one entry. */
    static void notEmpty(String name, double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    /** Two arrays that pair entry by entry. */
    static void sameLength(String name, double[] x, String otherName, double[] other) {
        sameLength(name, x.length, otherName, other.length);
    }

    /** Two arrays of counts that pair entry by entry. */
    static void sameLength(String name, long[] x, String otherName, long[] other) {
        sameLength(name, x.length, otherName, other.length);
    }

    private static void sameLength(String name, int length, String otherName, int otherLength) {
        if (length != otherLength) {
            throw new IllegalArgumentException(name + " has " + length + " entries, " + otherName + " has "
                    + otherLength);
        }
    }

    /** Degrees of freedom of a χ² or t distribution: at least 1. */
    static void degreesOfFreedom(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("df = " + df + " is not ≥ 1");
        }
    }
}
