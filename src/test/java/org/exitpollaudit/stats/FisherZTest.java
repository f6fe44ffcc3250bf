package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherZTest {

    @Test
    void correlationByHand() {
        // x = 1, 2, 3, 4 (mean 2.5), y = 2, 4, 5, 9 (mean 5): S_xx = 2.25 + 0.25 + 0.25 + 2.25 = 5,
        // S_yy = 9 + 1 + 0 + 16 = 26, S_xy = 4.5 + 0.5 + 0 + 6 = 11; r = 11 / √130 = 0.9647638212377321
        // (NumPy 1.24 corrcoef of the same points: 0.9647638212377321)
        assertEquals(0.9647638212377321, FisherZ.correlation(5, 26, 11), 1e-15);
        assertEquals(-0.9647638212377321, FisherZ.correlation(5, 26, -11), 1e-15);
    }

    @Test
    void roundingPastOneIsClamped() {
        // S_xy a hair above √(S_xx S_yy), as rounding of centred sums can leave it: r = 1, not 1.0000000000000002
        assertEquals(1.0, FisherZ.correlation(1, 1, Math.nextUp(1.0)));
        assertEquals(-1.0, FisherZ.correlation(1, 1, -Math.nextUp(1.0)));
        assertEquals(0, FisherZ.upperP(FisherZ.correlation(1, 1, Math.nextUp(1.0)), 10));
    }

    @Test
    void noVariationHasNoCorrelation() {
        assertTrue(Double.isNaN(FisherZ.correlation(0, 26, 0)));
        assertTrue(Double.isNaN(FisherZ.correlation(5, 0, 0)));
        assertTrue(Double.isNaN(FisherZ.correlation(5, 26, Double.NaN)));
    }

    @Test
    void upperPAgainstScipy() {
        // SciPy 1.10.1: scipy.stats.norm.sf(numpy.arctanh(r) * numpy.sqrt(n - 3))
        assertEquals(0.003011462242941698, FisherZ.upperP(0.5, 28), 1e-15);
        assertEquals(0.0007671425003734918, FisherZ.upperP(0.1, 1000), 1e-16);
        assertEquals(0.9830794303425269, FisherZ.upperP(-0.3, 50), 1e-14);
        assertEquals(4.393318193698735e-24, FisherZ.upperP(0.999, 10), 1e-35);
    }

    @Test
    void upperPByHand() {
        // r = 0.5, n' = 28: atanh(0.5) = ½ ln 3 = 0.5493061, z = 0.5493061 · 5 = 2.7465307;
        // 1 − Φ(2.7465) from the normal table: 0.0030115
        assertEquals(0.0030115, FisherZ.upperP(0.5, 28), 5e-8);
        // r = 0: z = 0, p = ½ whatever n'
        assertEquals(0.5, FisherZ.upperP(0, 100), 1e-16);
    }

    @Test
    void theEdges() {
        assertEquals(0, FisherZ.upperP(1, 10));
        assertEquals(1, FisherZ.upperP(-1, 10));
        assertTrue(Double.isNaN(FisherZ.upperP(0.5, 3)));
        assertTrue(Double.isNaN(FisherZ.upperP(0.5, Double.NaN)));
        assertTrue(Double.isNaN(FisherZ.upperP(Double.NaN, 100)));
    }

    @Test
    void refusesWhatIsNoCorrelation() {
        refuses("r = 1.0000001", () -> FisherZ.upperP(1.0000001, 10));
        refuses("r = -2.0", () -> FisherZ.upperP(-2, 10));
    }
}
