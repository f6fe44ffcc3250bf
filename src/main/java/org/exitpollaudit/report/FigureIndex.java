package org.exitpollaudit.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.Figure;

/** Looks figures up by what identifies them. */
public final class FigureIndex {

    private final Map<String, Double> values;

    FigureIndex(List<Figure> figures) {
        values = new HashMap<>(figures.size() * 2);
        for (Figure f : figures) {
            values.put(f.key(), f.value());
        }
    }

    /** An accuracy figure of poll × release (candidate {@code null} for whole-comparison metrics). */
    public Double accuracy(String poll, String release, String candidate, String metric) {
        return get(new Figure(Figure.ACCURACY, poll, release, Figure.NATIONAL, null, candidate, metric, null));
    }

    public Double agreement(String candidate, String metric) {
        return get(new Figure(Figure.AGREEMENT, null, null, Figure.NATIONAL, null, candidate, metric, null));
    }

    /** An agreement figure with the release it is measured against (pooled tests against the final release). */
    public Double agreementAgainst(String release, String candidate, String metric) {
        return get(new Figure(Figure.AGREEMENT, null, release, Figure.NATIONAL, null, candidate, metric, null));
    }

    public Double sensitivity(String poll, String release, String unit, String metric) {
        return get(new Figure(Figure.SENSITIVITY, poll, release, Figure.NATIONAL, unit, null, metric, null));
    }

    /** Any figure by all that identifies it. */
    public Double get(String section, String source, String reference, String level, String unit, String candidate,
                      String metric) {
        return get(new Figure(section, source, reference, level, unit, candidate, metric, null));
    }

    /** Whether poll × release was compared at all. */
    public boolean compared(String poll, String release) {
        return values.containsKey(new Figure(Figure.ACCURACY, poll, release, Figure.NATIONAL, null, null, "n", null).key());
    }

    private Double get(Figure probe) {
        return values.get(probe.key());
    }

    /** 1.0 means true; null or anything else false. */
    public static boolean isTrue(Double d) {
        return d != null && d == 1.0;
    }
}
