package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CountRowsTest {

    /**
     * Pairs inserted in random order (rows and chunks made as counts reach them, small counts and counts near their
     * total alike) keep their own values, and pairs never inserted are not found, against a map of the same pairs.
     */
    @Test
    void valuesStayWithTheirPairAsRowsAndChunksAreMade() {
        CountRows t = new CountRows(3);
        Map<Long, double[]> reference = new HashMap<>();
        Random random = new Random(41);
        for (int i = 0; i < 60_000; i++) {
            int n = random.nextInt(5) == 0 ? CountRows.MAX_N - 1 - random.nextInt(3) : random.nextInt(3000);
            int k = random.nextInt(n + 1);
            long key = (long) n << 32 | k;
            double[] at = t.find(k, n);
            if (reference.containsKey(key)) {
                assertNotNull(at, k + "/" + n);
                continue;
            }
            assertNull(at, k + "/" + n);
            double[] values = t.insert(k, n);
            int o = t.offset(k, n);
            values[o] = k;
            values[o + 1] = n;
            values[o + 2] = i;
            reference.put(key, new double[] {k, n, i});
        }
        assertEquals(reference.size(), t.size());
        reference.forEach((key, expected) -> {
            int n = (int) (key >>> 32);
            int k = (int) (long) key;
            double[] values = t.find(k, n);
            int o = t.offset(k, n);
            assertEquals(expected[0], values[o], k + "/" + n);
            assertEquals(expected[1], values[o + 1], k + "/" + n);
            assertEquals(expected[2], values[o + 2], k + "/" + n);
        });
        // the two ends of a total of its own (no random pair has it), and its middle: k and n − k are two pairs
        assertNull(t.find(0, 4000));
        t.insert(0, 4000);
        t.insert(4000, 4000);
        t.insert(3, 4000);
        t.insert(3997, 4000);
        t.insert(2000, 4000);
        t.find(0, 4000)[t.offset(0, 4000)] = 1;
        t.find(4000, 4000)[t.offset(4000, 4000)] = 2;
        t.find(3, 4000)[t.offset(3, 4000)] = 3;
        t.find(3997, 4000)[t.offset(3997, 4000)] = 4;
        assertEquals(1, t.find(0, 4000)[t.offset(0, 4000)]);
        assertEquals(2, t.find(4000, 4000)[t.offset(4000, 4000)]);
        assertEquals(3, t.find(3, 4000)[t.offset(3, 4000)]);
        assertEquals(4, t.find(3997, 4000)[t.offset(3997, 4000)]);
        assertNotNull(t.find(2000, 4000));
        assertNull(t.find(1, 4000));
        assertNull(t.find(3999, 4000));
        assertNull(t.find(1999, 4000));
        assertNull(t.find(2001, 4000));
        assertThrows(IllegalStateException.class, () -> t.insert(4000, 4000));
    }

    /** What the table takes is counted as it grows, a new chunk's cost before it is made and nothing after. */
    @Test
    void theBytesCountedAreTheCostsOfTheInsertsThatMadeChunks() {
        CountRows t = new CountRows(10);
        long start = t.bytes();
        long first = t.cost(12, 1000);
        assertTrue(first >= 8 * 16 * 10, first + " bytes: at least a chunk of values");
        t.insert(12, 1000);
        assertEquals(start + first, t.bytes());
        assertEquals(0, t.cost(15, 1000), "same chunk");
        assertTrue(t.cost(1000 - 15, 1000) > 0, "the other half-row has no chunk yet");
        t.insert(15, 1000);
        assertEquals(start + first, t.bytes());
        // a chunk far along a half-row grows its index: it costs more than one near the start
        assertTrue(t.cost(480, 1000) > t.cost(16, 1000), t.cost(480, 1000) + " against " + t.cost(16, 1000));
    }

    /**
     * The counts of a landslide (k near n) lie at the start of their half-row, as small ones do: a table of one such
     * pair for every total takes about what one of small counts takes, not an index reaching k / 16 chunks.
     */
    @Test
    void countsNearTheirTotalCostNoMoreThanSmallOnes() {
        CountRows small = new CountRows(10);
        CountRows large = new CountRows(10);
        for (int n = 100; n < 20_000; n++) {
            small.insert(20, n);
            large.insert(n - 20, n);
        }
        assertEquals(small.bytes(), large.bytes());
        assertTrue(large.bytes() < 50L << 20, large.bytes() + " bytes for 19,900 pairs");
    }

    @Test
    void onlyCountsUpToTheirTotalBelowTheLimitAreHeld() {
        assertTrue(CountRows.holds(0, 0));
        assertTrue(CountRows.holds(5, 5));
        assertTrue(CountRows.holds(0, CountRows.MAX_N - 1));
        assertFalse(CountRows.holds(6, 5));
        assertFalse(CountRows.holds(-1, 5));
        assertFalse(CountRows.holds(1, CountRows.MAX_N));
        assertThrows(IllegalArgumentException.class, () -> new CountRows(0));
    }
}
