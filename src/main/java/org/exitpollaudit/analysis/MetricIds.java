package org.exitpollaudit.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures.csv name of each {@link Metric} constant, made once: a report of a million stations makes hundreds of
 * thousands of figures, which then share one string per metric.
 */
final class MetricIds {

    private static final Map<Metric, String> IDS = new ConcurrentHashMap<>();

    private MetricIds() {
    }

    static String of(Metric m) {
        return IDS.computeIfAbsent(m, k -> k.name().toLowerCase(Locale.ROOT));
    }
}
