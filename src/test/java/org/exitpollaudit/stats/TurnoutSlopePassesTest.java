package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Several series fitted in three passes, as the screening fits every candidate over a release. */
class TurnoutSlopePassesTest {

    /** The worked example of {@code LocalForensicStatsTest}, both series in one set of passes. */
    @Test
    void twoSeriesAtOnceGiveTheHandWorkedFits() {
        double[] x = {.5, .6, .7, .8, .9};
        double[][] y = {{.25, .33, .42, .52, .63}, {.30, .36, .42, .48, .54}};
        TurnoutSlope.Passes passes = new TurnoutSlope.Passes(2);
        for (int pass = 0; pass < TurnoutSlope.Passes.COUNT; pass++) {
            for (int i = 0; i < x.length; i++) {
                passes.add(x[i], new double[] {y[0][i], y[1][i]});
            }
            passes.next();
        }
        TurnoutSlope.Fit[] fits = passes.fits();
        assertEquals(0.95, fits[0].slope(), 1e-12);
        assertEquals(0.0291547595, fits[0].se(), 1e-10);
        assertEquals(0.6, fits[1].slope(), 1e-12);
        assertEquals(0.0, fits[1].se(), 1e-12);
        assertEquals(5, fits[1].n());
    }

    /**
     * The reference is the two-array OLS with White's SE written out below (means, then Sxx and Sxy, then the
     * residuals, each summed in station order): the passes must give the very same doubles.
     */
    @Test
    void eachSeriesIsTheSameDoubleAsTheReferenceFit() {
        Random rnd = new Random(5);
        int n = 2_000;
        double[] x = new double[n];
        double[][] y = new double[3][n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.3 + 0.6 * rnd.nextDouble();
            for (int s = 0; s < 3; s++) {
                y[s][i] = x[i] * (0.2 + 0.1 * s) + 0.03 * rnd.nextGaussian();
            }
        }
        TurnoutSlope.Passes passes = new TurnoutSlope.Passes(3);
        double[] row = new double[3];
        for (int pass = 0; pass < TurnoutSlope.Passes.COUNT; pass++) {
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < 3; s++) {
                    row[s] = y[s][i];
                }
                passes.add(x[i], row);
            }
            passes.next();
        }
        TurnoutSlope.Fit[] fits = passes.fits();
        for (int s = 0; s < 3; s++) {
            double[] ref = reference(x, y[s]);
            assertEquals(Double.doubleToRawLongBits(ref[0]), Double.doubleToRawLongBits(fits[s].slope()), "slope " + s);
            assertEquals(Double.doubleToRawLongBits(ref[1]), Double.doubleToRawLongBits(fits[s].se()), "se " + s);
            assertEquals(fits[s].slope(), TurnoutSlope.fit(x, y[s]).slope(), 0.0);
        }
    }

    private static double[] reference(double[] x, double[] y) {
        int n = x.length;
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
        double b = sxy / sxx;
        double a = my - b * mx;
        double meat = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - a - b * x[i];
            double d = x[i] - mx;
            meat += d * d * e * e;
        }
        return new double[] {b, Math.sqrt(meat) / sxx};
    }

    @Test
    void tooFewStationsOrNoSpreadGiveNaN() {
        TurnoutSlope.Passes two = new TurnoutSlope.Passes(1);
        TurnoutSlope.Passes flat = new TurnoutSlope.Passes(1);
        TurnoutSlope.Passes none = new TurnoutSlope.Passes(1);
        for (int pass = 0; pass < TurnoutSlope.Passes.COUNT; pass++) {
            two.add(.5, new double[] {.2});
            two.add(.6, new double[] {.3});
            for (int i = 0; i < 4; i++) {
                flat.add(.5, new double[] {.1 * i});
            }
            two.next();
            flat.next();
            none.next();
        }
        assertTrue(Double.isNaN(two.fits()[0].slope()));
        assertEquals(2, two.fits()[0].n());
        assertTrue(Double.isNaN(flat.fits()[0].se()));
        assertTrue(Double.isNaN(none.fits()[0].slope()));
        assertEquals(0, none.fits()[0].n());
    }

    @Test
    void misuseIsRefused() {
        refuses("m = 0 is not ≥ 1", () -> new TurnoutSlope.Passes(0));
        TurnoutSlope.Passes p = new TurnoutSlope.Passes(2);
        refuses("y has 1 entries, for m = 2 series", () -> p.add(.5, new double[] {.1}));
        refuses("x and y differ in length: 3 and 2",
                () -> TurnoutSlope.fit(new double[] {.5, .6, .7}, new double[] {.1, .2}));
        assertThrows(IllegalStateException.class, p::fits, "fits before the passes");
        for (int pass = 0; pass < TurnoutSlope.Passes.COUNT; pass++) {
            p.next();
        }
        assertThrows(IllegalStateException.class, () -> p.add(.5, new double[] {.1, .2}), "a fourth pass");
        assertThrows(IllegalStateException.class, p::next, "a fourth pass");
    }
}
