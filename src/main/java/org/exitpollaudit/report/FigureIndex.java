package org.exitpollaudit.report;

import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;

/** Looks figures up by what identifies them. */
public final class FigureIndex {

    /**
     * The figures in an open-addressing table (at most half full) keyed by what identifies a figure
     * ({@link Figure#key()}: an absent text and an empty one are the same), compared field by field: no key object
     * and no map entry per figure (at 10 million stations the sheets may show 2.5 million figures), and a text's
     * hash, computed once, serves every figure that shares it. A later figure with the same key replaces an earlier.
     */
    private final Figure[] table;

    FigureIndex(List<Figure> figures) {
        table = new Figure[Integer.highestOneBit(Math.max(16, 2 * figures.size()) - 1) << 1];
        for (Figure f : figures) {
            int at = slot(f.section(), f.source(), f.reference(), f.level(), f.unit(), f.candidate(), f.metric());
            table[at] = f;
        }
    }

    /** The slot that holds the figure with this key, or the empty slot where it goes. */
    private int slot(String section, String source, String reference, String level, String unit, String candidate,
                     String metric) {
        int h = ((((hash(section) * 31 + hash(source)) * 31 + hash(reference)) * 31 + hash(level)) * 31 + hash(unit))
                * 31 + hash(candidate);
        h = 31 * h + hash(metric);
        int mask = table.length - 1;
        int at = (h * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(table.length));
        for (Figure f; (f = table[at]) != null; at = (at + 1) & mask) {
            if (same(f.metric(), metric) && same(f.unit(), unit) && same(f.candidate(), candidate)
                    && same(f.source(), source) && same(f.reference(), reference) && same(f.level(), level)
                    && same(f.section(), section)) {
                return at;
            }
        }
        return at;
    }

    /** An absent text's hash: that of the empty one. */
    private static int hash(String s) {
        return s == null ? 0 : s.hashCode();
    }

    /** Whether two texts are the same, an absent one being the empty one. */
    private static boolean same(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }

    private Double value(String section, String source, String reference, String level, String unit,
                         String candidate, String metric) {
        Figure f = table[slot(section, source, reference, level, unit, candidate, metric)];
        return f == null ? null : f.value();
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
        return value(metric.section(), source, reference, level, unit, candidate, metric.id());
    }

    /** A figure of a family ({@link Metric#family()}) by its member's name. */
    public Double member(String source, String reference, String level, String unit, String candidate, Metric family,
                         String member) {
        if (!family.family() || !family.names(member)) {
            throw new IllegalArgumentException(member + " is not a member of " + family.id());
        }
        return value(family.section(), source, reference, level, unit, candidate, member);
    }

    /** Whether poll × release was compared at all. */
    public boolean compared(String poll, String release) {
        return table[slot(Figure.ACCURACY, poll, release, Figure.NATIONAL, null, null, Metric.Accuracy.N.id())] != null;
    }

    /** 1.0 means true; null or anything else false. */
    public static boolean isTrue(Double d) {
        return d != null && d == 1.0;
    }
}
