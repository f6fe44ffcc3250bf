package org.exitpollaudit.job;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

/**
 * The largest heap in use so far, for the progress log and the benchmark. The heap in use only grows between
 * collections, so its peak is the largest of the heap in use just before each collection (which the JVM reports with
 * each collection's notification) and the heap in use now: exact, with no thread of ours polling it. That peak holds
 * garbage too, as much as the collector lets pile up (with a large maximum heap, nearly all of it); the largest heap
 * in use just after a collection is the measure of the data the job keeps (an upper bound: a young collection leaves
 * the old generation's garbage in place).
 */
final class HeapPeak {

    private static final AtomicLong PEAK = new AtomicLong();
    private static final AtomicLong PEAK_AFTER = new AtomicLong();
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private HeapPeak() {
    }

    /** Starts listening to the collectors' notifications (once per process). */
    static void watch() {
        if (!WATCHING.compareAndSet(false, true)) {
            return;
        }
        // a collection reports every memory pool; the heap is the pools of type HEAP
        Set<String> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo();
                        PEAK.accumulateAndGet(used(info.getMemoryUsageBeforeGc(), heap), Math::max);
                        PEAK_AFTER.accumulateAndGet(used(info.getMemoryUsageAfterGc(), heap), Math::max);
                    }
                }, null, null);
            }
        }
    }

    private static long used(Map<String, MemoryUsage> pools, Set<String> heap) {
        return pools.entrySet().stream().filter(e -> heap.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed())
                .sum();
    }

    /**
     * The largest heap in use just after a collection since {@link #watch}, in MiB: 0 before the first collection.
     */
    static long afterCollectionsMib() {
        return PEAK_AFTER.get() >> 20;
    }

    /** The largest heap in use since {@link #watch} (or since start, at the first collection after it), in MiB. */
    static long mib() {
        PEAK.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        return PEAK.get() >> 20;
    }
}
