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
     * Pairs inserted in random order (rows and chunks made as counts reach them) keep their own values, and pairs
     * never inserted are not found, against a map of the same pairs.
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
            int o = t.offset(k);
            values[o] = k;
            values[o + 1] = n;
            values[o + 2] = i;
            reference.put(key, new double[] {k, n, i});
        }
        assertEquals(reference.size(), t.size());
        assertTrue(t.slots() >= t.size() && t.slots() % CountRows.CHUNK == 0, t.slots() + " slots");
        reference.forEach((key, expected) -> {
            int n = (int) (key >>> 32);
            int k = (int) (long) key;
            double[] values = t.find(k, n);
            int o = t.offset(k);
            assertEquals(expected[0], values[o], k + "/" + n);
            assertEquals(expected[1], values[o + 1], k + "/" + n);
            assertEquals(expected[2], values[o + 2], k + "/" + n);
        });
        // the first and last count of a row of its own (no random pair has this total)
        assertNull(t.find(0, 4000));
        t.insert(0, 4000);
        t.insert(4000, 4000);
        assertNotNull(t.find(0, 4000));
        assertNotNull(t.find(4000, 4000));
        assertNull(t.find(1, 4000));
        assertNull(t.find(3999, 4000));
        assertThrows(IllegalStateException.class, () -> t.insert(4000, 4000));
    }

    @Test
    void aChunkIsMadeOnlyForCountsItHasNotGot() {
        CountRows t = new CountRows(1);
        assertTrue(t.needsChunk(5, 100));
        t.insert(5, 100);
        assertEquals(CountRows.CHUNK, t.slots());
        assertFalse(t.needsChunk(CountRows.CHUNK - 1, 100), "same chunk");
        assertTrue(t.needsChunk(CountRows.CHUNK, 100), "the next chunk");
        assertTrue(t.needsChunk(5, 101), "another row");
        t.insert(CountRows.CHUNK - 1, 100);
        assertEquals(CountRows.CHUNK, t.slots());
        assertEquals(2, t.size());
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
