package org.exitpollaudit.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;

/** Looks figures up by what identifies them. */
public final class FigureIndex {

    /**
     * What identifies a figure ({@link Figure#key()}: an absent text and an empty one are the same), compared field
     * by field: no joined string is built per figure, and a text's hash, computed once, serves every figure that
     * shares it.
     */
    private record Key(String section, String source, String reference, String level, String unit, String candidate,
                       String metric) {
        Key {
            source = nz(source);
            reference = nz(reference);
            unit = nz(unit);
            candidate = nz(candidate);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    private final Map<Key, Double> values;

    FigureIndex(List<Figure> figures) {
        values = new HashMap<>(figures.size() * 2);
        for (Figure f : figures) {
            values.put(new Key(f.section(), f.source(), f.reference(), f.level(), f.unit(), f.candidate(), f.metric()),
                    f.value());
        }
    }

    /** An accuracy figure of poll × release (candidate {@code null} for whole-comparison metrics). */
    public Double accuracy(String poll, String release, String candidate, Metric.Accuracy metric) {
        return get(poll, release, Figure.NATIONAL, null, candidate, metric);
    }

    public Double agreement(String candidate, Metric.Agreement metric) {
        return get(null, null, Figure.NATIONAL, null, candidate, metric);
    }

    /** An agreement figure with the release it is measured against (pooled tests against the final release). */
    public Double agreementAgainst(String release, String candidate, Metric.Agreement metric) {
        return get(null, release, Figure.NATIONAL, null, candidate, metric);
    }

    public Double sensitivity(String poll, String release, String unit, Metric.Sensitivity metric) {
        return get(poll, release, Figure.NATIONAL, unit, null, metric);
    }

    /** Any figure by all that identifies it (the section is the metric's). */
    public Double get(String source, String reference, String level, String unit, String candidate, Metric metric) {
        return values.get(new Key(metric.section(), source, reference, level, unit, candidate, metric.id()));
    }

    /** A figure of a family ({@link Metric#family()}) by its member's name. */
    public Double member(String source, String reference, String level, String unit, String candidate, Metric family,
                         String member) {
        if (!family.family() || !family.names(member)) {
            throw new IllegalArgumentException(member + " is not a member of " + family.id());
        }
        return values.get(new Key(family.section(), source, reference, level, unit, candidate, member));
    }

    /** Whether poll × release was compared at all. */
    public boolean compared(String poll, String release) {
        return values.containsKey(new Key(Figure.ACCURACY, poll, release, Figure.NATIONAL, null, null,
                Metric.Accuracy.N.id()));
    }

    /** 1.0 means true; null or anything else false. */
    public static boolean isTrue(Double d) {
        return d != null && d == 1.0;
    }
}
