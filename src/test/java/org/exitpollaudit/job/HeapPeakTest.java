package org.exitpollaudit.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The peak is the heap in use before a collection that freed it, not what is left after it. */
class HeapPeakTest {

    @Test
    void aPeakFreedByACollectionIsStillThePeak() throws Exception {
        HeapPeak.watch();
        long before = HeapPeak.mib();
        byte[][] held = new byte[96][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        long inUse = held.length;
        held = null;
        System.gc();
        // the collection's notification comes on the JVM's own thread, shortly after
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (HeapPeak.mib() < before + inUse && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(HeapPeak.mib() >= inUse, "peak " + HeapPeak.mib() + " MiB after holding " + inUse + " MiB");
    }
}
