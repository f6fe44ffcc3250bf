package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairTableTest {

    @Test
    void valuesStayWithTheirPairAcrossGrowth() {
        PairTable t = new PairTable(3);
        // 50,000 pairs: the table starts at 4,096 slots and grows several times, over 49 pages of values
        for (long n = 1; n <= 500; n++) {
            for (long k = 1; k <= 100; k++) {
                assertEquals(-1, t.find(k, n));
                int e = t.insert(k, n);
                assertEquals(t.size() - 1, e, "entries are numbered in order");
                double[] page = t.page(e);
                int at = t.offset(e);
                page[at] = k;
                page[at + 1] = n;
                page[at + 2] = k * 1000 + n;
            }
        }
        assertEquals(50_000, t.size());
        for (long n = 1; n <= 500; n++) {
            for (long k = 1; k <= 100; k++) {
                int e = t.find(k, n);
                double[] page = t.page(e);
                int at = t.offset(e);
                assertEquals(k, page[at], k + "/" + n);
                assertEquals(n, page[at + 1], k + "/" + n);
                assertEquals(k * 1000 + n, page[at + 2], k + "/" + n);
            }
        }
        // (k, n) and (n, k) are different pairs
        assertEquals(-1, t.find(1, 501));
        assertEquals(-1, t.find(501, 1));
    }

    @Test
    void onlyPairsOfPositiveCountsBelowTheIntLimitHaveKeys() {
        assertTrue(PairTable.holds(1, 1));
        assertTrue(PairTable.holds(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1));
        assertFalse(PairTable.holds(0, 5));
        assertFalse(PairTable.holds(5, 0));
        assertFalse(PairTable.holds(-1, 5));
        assertFalse(PairTable.holds(Integer.MAX_VALUE, 5));
        assertFalse(PairTable.holds(5, Integer.MAX_VALUE));
    }

    @Test
    void aPairIsInsertedOnceAndAWidthIsAtLeastOne() {
        PairTable t = new PairTable(1);
        t.insert(3, 7);
        assertThrows(IllegalStateException.class, () -> t.insert(3, 7));
        assertThrows(IllegalArgumentException.class, () -> new PairTable(0));
    }
}
