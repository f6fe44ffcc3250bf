package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Margin error, equivalence, Stouffer, DerSimonian–Laird and the power of the χ² rule against values worked by hand
 * (written out beside each assertion) or closed forms that share no code with the classes tested.
 */
class UncertaintyMeasuresTest {

    private static final double LAMBDA_80 = 7.848860509333;

    @Test
    void marginError() {
        // poll 60 / 40, count 55 / 45: 100 ((0.6 − 0.4) − (0.55 − 0.45)) = 10 pp
        assertEquals(10.0, MarginError.pp(0.6, 0.4, 0.55, 0.45), 1e-12);
        // se = 100 √(1 · (0.6 + 0.4 − 0.2²) / 1000) = 100 √0.00096 = 3.0983866769659336
        assertEquals(3.0983866769659336, MarginError.sePp(0.6, 0.4, 1000, 1), 1e-12);
        // deff 2 doubles the variance: × √2
        assertEquals(3.0983866769659336 * Math.sqrt(2), MarginError.sePp(0.6, 0.4, 1000, 2), 1e-12);
    }

    @Test
    void equivalenceUsesTheNinetyPercentInterval() {
        // z₀.₉₅ = 1.6448536269514715 (Python statistics.NormalDist().inv_cdf(0.95))
        assertEquals(1.6448536269514715, Equivalence.oneSidedZ(0.05), 1e-12);
        // 1 ± 1.645 · 0.5 = [0.178, 1.822] inside ±2
        assertTrue(Equivalence.within(1.0, 0.5, 2.0, 0.05));
        // 1.5 + 0.822 = 2.322 > 2
        assertFalse(Equivalence.within(1.5, 0.5, 2.0, 0.05));
        // −1.2 − 0.822 = −2.022 < −2
        assertFalse(Equivalence.within(-1.2, 0.5, 2.0, 0.05));
        assertFalse(Equivalence.within(Double.NaN, 0.5, 2.0, 0.05));
    }

    @Test
    void stouffer() {
        // (1 + 2 + 3) / √3 = 3.464101615137755; p = erfc(3.4641 / √2) = 0.0005320055051392503
        assertEquals(3.464101615137755, Stouffer.z(new double[] {1, 2, 3}), 1e-12);
        assertEquals(0.0005320055051392503, Stouffer.pValue(3.464101615137755), 1e-15);
        refuses("zs (the z statistics to combine) is empty", () -> Stouffer.z(new double[0]));
    }

    /**
     * y = (2, −1, 0.5), s² = (0.25, 1, 0.5): w = (4, 1, 2), ȳ_F = (8 − 1 + 1) / 7 = 1.142857;
     * Q = 4 (0.857143)² + (−2.142857)² + 2 (−0.642857)² = 8.357143; τ² = (8.357143 − 2) / (7 − 21/7) = 1.589286;
     * w* = 1 / (s² + τ²) = (0.543689, 0.386207, 0.478088); μ = 0.667709; SE = 1 / √Σw* = 0.842592.
     */
    @Test
    void derSimonianLaird() {
        RandomEffects.Result r = RandomEffects.of(new double[] {2, -1, 0.5}, new double[] {0.25, 1, 0.5});
        assertEquals(8.357142857142858, r.q(), 1e-12);
        assertEquals(1.5892857142857144, r.tau2(), 1e-12);
        assertEquals(0.6677094946645127, r.mean(), 1e-12);
        assertEquals(0.8425916488660466, r.se(), 1e-12);
        assertEquals(2, r.df());
        // Hartung–Knapp: q* = Σ w*(y − μ)² / 2 = 1.026325, SE_HK = 0.842592 · √1.026325 = 0.853610, t₀.₉₇₅(2) = 4.302653
        // (SciPy t.ppf): the interval 0.667709 ∓ 3.672804
        assertEquals(0.8536101212328144, r.seHartungKnapp(), 1e-12);
        assertEquals(0.6677094946645127 - 4.302652729911275 * 0.8536101212328144, r.interval(0.95)[0], 1e-9);
        // homogeneous estimates: τ² = 0 and the fixed-effect mean
        RandomEffects.Result h = RandomEffects.of(new double[] {1, 1.1}, new double[] {1, 1});
        assertEquals(0, h.tau2(), 0);
        assertEquals(1.05, h.mean(), 1e-12);
        refuses("y has 1 estimate(s)", () -> RandomEffects.of(new double[] {1}, new double[] {1}));
        refuses("variance[1] = 0.0", () -> RandomEffects.of(new double[] {1, 2}, new double[] {1, 0}));
    }

    /**
     * On one degree of freedom a noncentral χ² is the square of N(√λ, 1), so
     * P(χ²₁(λ) &gt; x) = Φ(−√x − √λ) + 1 − Φ(√x − √λ): at x = 3.841458820694124, λ = 4 that is 0.5160052739761749,
     * and power 80 % at 5 % needs the λ solving that closed form for 0.8, 7.848860509… (bisection on
     * Python's statistics.NormalDist), a hair under the textbook (z₀.₉₇₅ + z₀.₈)² = 7.848880 that ignores the
     * lower tail.
     */
    @Test
    void noncentralChiSquaredOnOneDegreeOfFreedom() {
        assertEquals(0.5160052739761749, NoncentralChiSquared.survival(3.841458820694124, 1, 4), 1e-12);
        assertEquals(LAMBDA_80, NoncentralChiSquared.noncentralityForPower(1, 0.05, 0.8), 1e-8);
        assertEquals(7.848879734349086, NoncentralChiSquared.noncentralityForPower(1, 0.05, 0.8), 1e-4);
        assertEquals(0.05, NoncentralChiSquared.survival(3.841458820694124, 1, 0), 1e-12);
        // the minimum detectable deviation: d = √(λ · deff v (1 − v) / n) = √(7.848861 · 0.25 / 1000) = 0.0442969
        assertEquals(Math.sqrt(LAMBDA_80 * 0.25 / 1000),
                NoncentralChiSquared.minimumDetectable(0.5, 1000, 1, 1, 0.05, 0.8), 1e-9);
        refuses("df = 0", () -> NoncentralChiSquared.survival(1, 0, 1));
    }

    /**
     * Six degrees of freedom (the seed case's seven candidates): Cohen (1988, Statistical Power Analysis, Table
     * 7.4.15) gives λ = 13.62 for power 0.80 at α = 0.05, u = 6.
     */
    @Test
    void noncentralityAgainstCohensTable() {
        assertEquals(13.62, NoncentralChiSquared.noncentralityForPower(6, 0.05, 0.8), 0.01);
    }

    /**
     * The Poisson mixture itself on six degrees of freedom, against SciPy 1.10 (scipy.stats.ncx2.sf at
     * chi2.isf(0.05, 6) = 12.591587): 0.8434010208988966 at λ = 15.0162 and 0.7998529722823455 at λ = 13.62.
     */
    @Test
    void noncentralSurvivalAgainstScipy() {
        double x = GoodnessOfFit.critical(6, 0.05);
        assertEquals(0.8434010208988966, NoncentralChiSquared.survival(x, 6, 15.0162), 1e-10);
        assertEquals(0.7998529722823455, NoncentralChiSquared.survival(x, 6, 13.62), 1e-10);
    }
}
