package org.exitpollaudit.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.exitpollaudit.analysis.Metric;

/**
 * The metric names a report's figures.csv uses, checked against the typed vocabulary ({@link Metric}) and the two
 * places that define it for a reader: the Methods sheet's definitions and docs/figures.md. A figure a reader cannot
 * look up is a defect.
 */
public final class MetricVocabulary {

    private MetricVocabulary() {
    }

    /**
     * "section metric" for every metric of figures.csv that is no {@link Metric} constant (the code wrote a name the
     * vocabulary does not have), or that the Methods sheet or docs/figures.md does not define.
     */
    public static Set<String> undefined(Path figuresCsv) throws IOException {
        Set<String> used = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(figuresCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                used.add(r.get("section") + " " + r.get("metric"));
            }
        }
        String docs = docs();
        Set<String> missing = new TreeSet<>();
        for (String key : used) {
            String section = key.substring(0, key.indexOf(' '));
            String metric = key.substring(key.indexOf(' ') + 1);
            if (Metric.of(section, metric) == null) {
                missing.add(key + " (Metric)");
            }
            if (!inMethods(section, metric)) {
                missing.add(key + " (Methods sheet)");
            }
            if (!inDocs(docs, metric)) {
                missing.add(key + " (docs/figures.md)");
            }
        }
        return missing;
    }

    static String docs() throws IOException {
        return Files.readString(Path.of("docs", "figures.md"), StandardCharsets.UTF_8);
    }

    static boolean inMethods(String section, String metric) {
        for (MethodsSheet.Definition d : MethodsSheet.DEFINITIONS) {
            if (d.section().equals(section) && patterns(d.metric()).stream().anyMatch(p -> p.matcher(metric).matches())) {
                return true;
            }
        }
        return false;
    }

    /**
     * docs/figures.md names a metric as a word, or a pattern of its tables covers it (integer_*, *_p_holm,
     * benford2_&lt;candidate&gt;_p_holm).
     */
    static boolean inDocs(String docs, String metric) {
        if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(metric) + "(?![A-Za-z0-9_])").matcher(docs).find()) {
            return true;
        }
        var wildcards = Pattern.compile("[A-Za-z0-9_]*\\*[A-Za-z0-9_*]*").matcher(docs);
        while (wildcards.find()) {
            // a pattern names something (integer_*, *_p_holm); markdown's ** does not
            if (wildcards.group().matches(".*[a-z]{2,}.*") && glob(wildcards.group()).matcher(metric).matches()) {
                return true;
            }
        }
        // placeholders: benford2_<candidate>_p_holm
        var placeholders = Pattern.compile("[A-Za-z0-9_]*<[a-z ]+>[A-Za-z0-9_]*").matcher(docs);
        while (placeholders.find()) {
            String pattern = placeholders.group().replaceAll("<[a-z ]+>", "*");
            if (pattern.matches(".*[a-z]{2,}.*") && glob(pattern).matcher(metric).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names one definition covers: "a_chi2, _df, _p" are a_chi2 and, for the shorthand suffixes, both a_chi2_df
     * and a_df (either reading of the shorthand); "integer_*" is a pattern.
     */
    static List<Pattern> patterns(String names) {
        return readings(names).stream().flatMap(List::stream).toList();
    }

    /** Per name of a label, the patterns it may be read as: one, or two for a shorthand suffix ("_df"). */
    static List<List<Pattern>> readings(String names) {
        List<List<Pattern>> out = new ArrayList<>();
        String first = null;
        for (String raw : names.split("[,;]")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("_") && first != null) {
                List<Pattern> either = new ArrayList<>(List.of(glob(first + name)));
                int cut = first.lastIndexOf('_');
                if (cut > 0) {
                    either.add(glob(first.substring(0, cut) + name));
                }
                out.add(either);
                continue;
            }
            first = name;
            out.add(List.of(glob(name)));
        }
        return out;
    }

    /** A metric table of docs/figures.md: its header's first column is "metric". */
    private static final Pattern TABLE_HEADER = Pattern.compile("\\|\\s*metric\\s*\\|.*");

    /** Where docs/figures.md says which section the tables that follow belong to: "section `accuracy`". */
    private static final Pattern SECTION = Pattern.compile("[Ss]ection `([a-z]+)`");

    /**
     * "section metric" for every name in the first column of docs/figures.md's metric tables, the section being the
     * last one the text named before the table. Names in a cell are separated by commas or " / "; a family's members
     * may be written with a placeholder (benford2_&lt;candidate&gt;_p_holm).
     */
    static List<String> documented(String docs) {
        List<String> out = new ArrayList<>();
        String section = null;
        boolean table = false;
        for (String line : docs.split("\\R")) {
            var m = SECTION.matcher(line);
            while (m.find()) {
                section = m.group(1);
            }
            if (TABLE_HEADER.matcher(line).matches()) {
                table = true;
            } else if (table && line.startsWith("|") && !line.startsWith("|---")) {
                for (String name : line.split("\\|")[1].split(",|\\s/\\s")) {
                    out.add(section + " " + name.strip());
                }
            } else if (!line.startsWith("|---")) {
                table = false;
            }
        }
        return out;
    }

    private static Pattern glob(String name) {
        return Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"));
    }
}
