package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairDoublesTest {

    @Test
    void valuesStayWithTheirPairAcrossGrowth() {
        PairDoubles t = new PairDoubles();
        // 50,000 pairs: the table starts at 4,096 slots and grows several times; values of every kind of double
        for (long n = 1; n <= 500; n++) {
            for (long k = 1; k <= 100; k++) {
                assertEquals(-1, t.find(k, n));
                t.put(k, n, value(k, n));
            }
        }
        assertEquals(50_000, t.size());
        for (long n = 1; n <= 500; n++) {
            for (long k = 1; k <= 100; k++) {
                int at = t.find(k, n);
                assertEquals(Double.doubleToRawLongBits(value(k, n)), Double.doubleToRawLongBits(t.value(at)),
                        k + "/" + n);
            }
        }
        // (k, n) and (n, k) are different pairs; the largest counts a key holds
        assertEquals(-1, t.find(1, 501));
        assertEquals(-1, t.find(501, 1));
        t.put(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1, 0.25);
        assertEquals(0.25, t.value(t.find(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1)));
    }

    /** A value for each pair, among them −0.0, NaN, infinities and subnormals, to hold bit for bit. */
    private static double value(long k, long n) {
        return switch ((int) ((k + n) % 6)) {
            case 0 -> -0.0;
            case 1 -> Double.NaN;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> Double.MIN_VALUE * k;
            default -> k / (double) n;
        };
    }

    @Test
    void aPairIsPutOnce() {
        PairDoubles t = new PairDoubles();
        t.put(3, 7, 0.5);
        assertThrows(IllegalStateException.class, () -> t.put(3, 7, 0.5));
        assertEquals(0.5, t.value(t.find(3, 7)));
    }
}
