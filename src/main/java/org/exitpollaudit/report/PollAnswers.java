package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.exitpollaudit.analysis.Figure;

/**
 * What the console's answer at the end of a run takes from {@code figures.csv}: which sources have figures in the
 * polls' sections ({@code accuracy}, {@code agreement}, {@code sensitivity}) or the local comparison's
 * ({@code district}), which have the latter, and each source's national headline against one reference release (its
 * {@code accuracy} figures with no unit and no candidate). Sources and metrics are the text of the file's fields, as
 * a CSV reader gives them back ({@link CsvSafe#field}), and values the numbers that text reads as.
 *
 * <p>Gathered while {@code figures.csv} is written ({@link CsvExports#figures}), so that a run's answer does not read
 * the file back (58 MB at a million stations), or read from the file for a report an earlier run wrote; the two give
 * equal answers (the test writes a file and reads it).
 */
public final class PollAnswers {

    /** The sections of figures.csv that hold exit polls' national figures. */
    public static final Set<String> POLL_SECTIONS = Set.of(Figure.ACCURACY, Figure.AGREEMENT, Figure.SENSITIVITY);

    private final String reference;
    private final Set<String> compared = new LinkedHashSet<>();
    private final Set<String> local = new LinkedHashSet<>();
    private final Map<String, Map<String, Double>> headline = new LinkedHashMap<>();

    /** @param reference the release whose comparisons are the headline: the final one */
    public PollAnswers(String reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /**
     * How many leading fields of a record of this section the answers need: all of a poll section's, the section and
     * source of a local comparison's, none of any other.
     */
    public static int fieldsWanted(String section) {
        return POLL_SECTIONS.contains(section) ? Integer.MAX_VALUE : Figure.DISTRICT.equals(section) ? 2 : 0;
    }

    /**
     * One record of figures.csv, its fields as a reader gives them (empty, not null, for an empty field; only the
     * fields {@link #fieldsWanted} names need be given, the others may be null).
     */
    public void add(String section, String source, String reference, String level, String unit, String candidate,
                    String metric, Double value) {
        if (fieldsWanted(section) == 0) {
            return;
        }
        compared.add(source);
        if (Figure.DISTRICT.equals(section)) {
            local.add(source);
        } else if (Figure.ACCURACY.equals(section) && this.reference.equals(reference)
                && Figure.NATIONAL.equals(level) && unit.isEmpty() && candidate.isEmpty()) {
            headline.computeIfAbsent(source, k -> new LinkedHashMap<>()).put(metric, value);
        }
    }

    /** A figure as {@link CsvExports#figures} writes it: its texts made CSV-safe, null texts empty. */
    void add(Figure f) {
        int wanted = fieldsWanted(f.section());
        if (wanted == 2) {
            add(text(f.section()), text(f.source()), null, null, null, null, null, null);
        } else if (wanted > 0) {
            add(text(f.section()), text(f.source()), text(f.reference()), text(f.level()), text(f.unit()),
                    text(f.candidate()), text(f.metric()), f.value());
        }
    }

    private static String text(String s) {
        return s == null ? "" : CsvSafe.field(s);
    }

    /** Whether the source has a figure in a poll section or the local comparison's. */
    public boolean compared(String source) {
        return compared.contains(source);
    }

    /** The release whose comparisons are the headline. */
    public String reference() {
        return reference;
    }

    /** Whether the source has figures of the local comparison. */
    public boolean local(String source) {
        return local.contains(source);
    }

    /** The source's national accuracy figures against the reference, by metric (a value null where empty). */
    public Map<String, Double> headline(String source) {
        return headline.get(source);
    }

    /**
     * The answers as one string (for a job's execution context, which holds strings best): a line per record, its
     * fields one after the other, each its length in chars, a colon and its characters (no separator), so that any
     * text survives.
     */
    public String encode() {
        StringBuilder b = new StringBuilder();
        line(b, "reference", reference);
        compared.forEach(s -> line(b, "compared", s));
        local.forEach(s -> line(b, "local", s));
        headline.forEach((source, metrics) -> metrics.forEach((metric, value) ->
                line(b, "headline", source, metric, value == null ? "" : Double.toString(value))));
        return b.toString();
    }

    private static void line(StringBuilder b, String... fields) {
        for (String f : fields) {
            b.append(f.length()).append(':').append(f);
        }
        b.append('\n');
    }

    /** The answers {@link #encode} wrote. */
    public static PollAnswers decode(String encoded) {
        PollAnswers out = null;
        int at = 0;
        while (at < encoded.length()) {
            List<String> fields = new ArrayList<>(4);
            while (encoded.charAt(at) != '\n') {
                int colon = encoded.indexOf(':', at);
                int length = Integer.parseInt(encoded.substring(at, colon));
                fields.add(encoded.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length;
            }
            at++;
            switch (fields.get(0)) {
                case "reference" -> out = new PollAnswers(fields.get(1));
                case "compared" -> out.compared.add(fields.get(1));
                case "local" -> out.local.add(fields.get(1));
                case "headline" -> out.headline.computeIfAbsent(fields.get(1), k -> new LinkedHashMap<>())
                        .put(fields.get(2), fields.get(3).isEmpty() ? null : Double.valueOf(fields.get(3)));
                default -> throw new IllegalArgumentException("not poll answers: a line of kind " + fields.get(0));
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("not poll answers: no reference");
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollAnswers a && reference.equals(a.reference) && compared.equals(a.compared)
                && local.equals(a.local) && headline.equals(a.headline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, compared, local, headline);
    }

    @Override
    public String toString() {
        return encode();
    }
}
