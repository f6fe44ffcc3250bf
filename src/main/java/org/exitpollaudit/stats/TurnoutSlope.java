package org.exitpollaudit.stats;

/**
 * Shpilkin's turnout regression (as described by Kobak, Shpilkin &amp; Pshenichnikov 2016, "Statistical fingerprints
 * of electoral fraud?", Significance 13(4):20–23, and "Integer percentages as electoral falsification
 * fingerprints", Ann. Appl. Stat. 10(1):54–73): across polling stations i, a candidate's votes as a fraction of the
 * registered voters, y_i = votes_i / registered_i, regressed on turnout x_i = ballots_i / registered_i by ordinary
 * least squares:
 * <pre>
 *   b  = Σ (x_i − x̄)(y_i − ȳ) / Σ (x_i − x̄)²,      a = ȳ − b x̄
 *   SE = sqrt(Σ (x_i − x̄)² e_i²) / Σ (x_i − x̄)²,    e_i = y_i − a − b x_i
 * </pre>
 * If every station's voters split the same way whatever its turnout, y_i = s · x_i and the slope b equals the
 * candidate's share s of the ballots. Ballots added for one candidate raise turnout and that candidate's votes
 * together: that candidate's slope rises above its share (towards 1) and the others' fall towards 0. Unlike a test of
 * zero correlation, the comparison of a slope with its share does not assume that turnout and support are unrelated
 * in an honest count — it shows how large the association is, on the scale of votes.
 * <p>The SE is White's (1980, Econometrica 48:817) heteroskedasticity-consistent HC0 estimator: station sizes and
 * electorates differ, so the residual variance is not constant and the textbook OLS SE would be too small.
 */
public final class TurnoutSlope {

    /** Slope, its HC0 standard error and the number of stations; NaN where fewer than 3 stations or no spread in x. */
    public record Fit(double slope, double se, int n) {
    }

    private TurnoutSlope() {
    }

    /**
     * The fit of y on x, station by station.
     *
     * @throws IllegalArgumentException x and y of different lengths
     */
    public static Fit fit(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + n + " and " + y.length);
        }
        Passes passes = new Passes(1);
        double[] one = new double[1];
        for (int pass = 0; pass < Passes.COUNT; pass++) {
            for (int i = 0; i < n; i++) {
                one[0] = y[i];
                passes.add(x[i], one);
            }
            passes.next();
        }
        return passes.fits()[0];
    }

    /**
     * The fits of m series y_1 … y_m on one x, from three passes over the same stations in the same order (means;
     * sums of squares and products; residuals), so that the stations need not be held as arrays: a million
     * stations of a dozen candidates need no 100 MB of copies, and several sets of stations can be fitted in one
     * walk over a file. Each sum runs over the stations in their order, so the fits are the very doubles that
     * {@link #fit(double[], double[])} gives for each series as an array.
     */
    public static final class Passes {

        /** Passes over the stations a fit takes. */
        public static final int COUNT = 3;

        private final int m;
        private int pass;
        private long n;
        private double sx;
        private final double[] sy;
        private double mx;
        private double sxx;
        private final double[] sxy;
        private final double[] a;
        private final double[] b;
        private final double[] meat;

        /**
         * @param m the number of series, ≥ 1
         * @throws IllegalArgumentException m &lt; 1
         */
        public Passes(int m) {
            Check.atLeast("m", m, 1);
            this.m = m;
            sy = new double[m];
            sxy = new double[m];
            a = new double[m];
            b = new double[m];
            meat = new double[m];
        }

        /**
         * Adds a station's x and its m series values to the current pass.
         *
         * @throws IllegalArgumentException y without one value per series
         * @throws IllegalStateException    after the last pass
         */
        public void add(double x, double[] y) {
            if (y.length != m) {
                throw new IllegalArgumentException("y has " + y.length + " entries, for m = " + m + " series");
            }
            switch (pass) {
                case 0 -> {
                    n++;
                    sx += x;
                    for (int s = 0; s < m; s++) {
                        sy[s] += y[s];
                    }
                }
                case 1 -> {
                    sxx += (x - mx) * (x - mx);
                    for (int s = 0; s < m; s++) {
                        sxy[s] += (x - mx) * (y[s] - sy[s]);
                    }
                }
                case 2 -> {
                    double d = x - mx;
                    for (int s = 0; s < m; s++) {
                        double e = y[s] - a[s] - b[s] * x;
                        meat[s] += d * d * e * e;
                    }
                }
                default -> throw new IllegalStateException("all " + COUNT + " passes are done");
            }
        }

        /** Ends the current pass (after the first: the means; after the second: the slopes and intercepts). */
        public void next() {
            if (pass == 0) {
                mx = sx / n;
                for (int s = 0; s < m; s++) {
                    sy[s] /= n; // the mean of y from here on
                }
            } else if (pass == 1) {
                for (int s = 0; s < m; s++) {
                    b[s] = sxy[s] / sxx;
                    a[s] = sy[s] - b[s] * mx;
                }
            } else if (pass >= COUNT) {
                throw new IllegalStateException("all " + COUNT + " passes are done");
            }
            pass++;
        }

        /** The fits, after the three passes; NaN where fewer than 3 stations or no spread in x. */
        public Fit[] fits() {
            if (pass < COUNT) {
                throw new IllegalStateException("the fits need " + COUNT + " passes, " + pass + " done");
            }
            int stations = Math.toIntExact(n);
            Fit[] out = new Fit[m];
            for (int s = 0; s < m; s++) {
                out[s] = stations < 3 || !(sxx > 0) ? new Fit(Double.NaN, Double.NaN, stations)
                        : new Fit(b[s], Math.sqrt(meat[s]) / sxx, stations);
            }
            return out;
        }
    }
}
