package org.exitpollaudit.analysis;

/**
 * One number of the report, as exported to {@code figures.csv}
 * ({@code section,source,reference,level,unit,candidate,metric,value}); {@code value} is {@code null} when
 * the figure is undefined (for example A' of a zero share). See docs/figures.md.
 */
public record Figure(String section, String source, String reference, String level, String unit, String candidate,
                     String metric, Double value) {

    public static final String ACCURACY = "accuracy";
    public static final String AGREEMENT = "agreement";
    public static final String SENSITIVITY = "sensitivity";
    public static final String FORENSICS = "forensics";
    public static final String RECONCILIATION = "reconciliation";
    public static final String DISTRICT = "district";
    public static final String NATIONAL = "national";
    public static final String LEVEL_DISTRICT = "district";
    public static final String LEVEL_STATION = "station";

    /** Non-finite values become {@code null}: a CSV field or a cell is then empty, never "NaN". */
    public Figure {
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
    }

    /** A figure of one of the vocabulary's metrics (its section is the metric's). */
    public static Figure of(Metric metric, String source, String reference, String level, String unit, String candidate,
                            Double value) {
        if (metric.family()) {
            throw new IllegalArgumentException(metric.id() + " is a family: name its member with Metric.member");
        }
        return new Figure(metric.section(), source, reference, level, unit, candidate, metric.id(), value);
    }

    /** The key that identifies a figure within a run. */
    public String key() {
        return String.join("|", section, nz(source), nz(reference), level, nz(unit), nz(candidate), metric);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
