package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Invalid input and the units that cannot be judged; the values themselves are in LocalForensicStatsTest. */
class QuasiBinomialTest {

    @Test
    void refusesNegativeCountsAndProbabilitiesOutsideTheUnitInterval() {
        refuses("xa = -1.0", () -> QuasiBinomial.pairZ(-1, 5, 0.5));
        refuses("xb = -5.0", () -> QuasiBinomial.pairZ(1, -5, 0.5));
        refuses("pi0 = 1.5", () -> QuasiBinomial.pairZ(1, 5, 1.5));
        refuses("phi = -2.0", () -> QuasiBinomial.scaled(new double[] {1}, -2));
        refuses("df = 0", () -> QuasiBinomial.twoSidedP(new double[] {1}, 0));
    }

    /** A unit that cannot be judged gets NaN, which the dispersion and the flags skip. */
    @Test
    void unitsThatCannotBeJudged() {
        assertEquals(Double.NaN, QuasiBinomial.pairZ(0, 0, 0.5), "no respondent for either");
        assertEquals(Double.NaN, QuasiBinomial.pairZ(3, 2, 0), "π₀ = 0: the count gives a nothing");
        assertEquals(Double.NaN, QuasiBinomial.pairZ(3, 2, 1));
        assertEquals(Double.NaN, QuasiBinomial.pairZ(3, 2, Double.NaN), "π₀ = 0 / 0");
        // z = (3 − 5 · 0.5) / √(5 · 0.25) = 0.5 / 1.118034 = 0.4472136
        assertEquals(0.4472136, QuasiBinomial.pairZ(3, 2, 0.5), 5e-8);
    }

    @Test
    void dispersionSkipsWhatIsNotFinite() {
        double[] z = {1, Double.NaN, 3, Double.POSITIVE_INFINITY};
        // (1 + 9) / 2 = 5 over the 2 finite z
        assertEquals(5, QuasiBinomial.dispersion(z), 1e-15);
        assertEquals(2, QuasiBinomial.units(z));
        assertEquals(Double.NaN, QuasiBinomial.dispersion(new double[] {Double.NaN}));
        assertEquals(0, QuasiBinomial.units(new double[0]));
        // t = z / √4
        assertArrayEquals(new double[] {0.5, Double.NaN, 1.5, Double.NaN}, QuasiBinomial.scaled(z, 4), 1e-15);
        // φ NaN (too few units to estimate it) or 0: nothing can be scaled
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, QuasiBinomial.scaled(new double[] {1, 2}, Double.NaN));
        assertArrayEquals(new double[] {Double.NaN}, QuasiBinomial.scaled(new double[] {0}, 0));
        assertArrayEquals(new double[] {Double.NaN}, QuasiBinomial.twoSidedP(new double[] {Double.NaN}, 3));
    }
}
