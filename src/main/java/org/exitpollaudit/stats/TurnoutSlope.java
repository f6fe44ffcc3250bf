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

    public static Fit fit(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + n + " and " + y.length);
        }
        if (n < 3) {
            return new Fit(Double.NaN, Double.NaN, n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            return new Fit(Double.NaN, Double.NaN, n);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double meat = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - a - b * x[i];
            double d = x[i] - mx;
            meat += d * d * e * e;
        }
        return new Fit(b, Math.sqrt(meat) / sxx, n);
    }
}
