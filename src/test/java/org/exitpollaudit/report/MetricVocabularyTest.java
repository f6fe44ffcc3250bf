package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.exitpollaudit.analysis.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vocabulary check itself: it reads shorthand and patterns, and it finds an undefined metric. */
class MetricVocabularyTest {

    @TempDir
    Path tmp;

    @Test
    void shorthandAndPatternsAreRead() {
        assertTrue(MetricVocabulary.patterns("homogeneity_chi2, _df, _p").stream()
                .anyMatch(p -> p.matcher("homogeneity_df").matches()));
        assertTrue(MetricVocabulary.patterns("turnout_slope, _se").stream()
                .anyMatch(p -> p.matcher("turnout_slope_se").matches()));
        assertTrue(MetricVocabulary.patterns("integer_*").stream()
                .anyMatch(p -> p.matcher("integer_either_observed").matches()));
    }

    @Test
    void aMetricNobodyDefinedIsFound() throws Exception {
        Path csv = tmp.resolve("figures.csv");
        Files.writeString(csv, "section,source,reference,level,unit,candidate,metric,value\n"
                + "accuracy,p,r,national,,,chi2_rs,1.0\naccuracy,p,r,national,,,made_up_metric,2.0\n");
        assertEquals(Set.of("accuracy made_up_metric (Metric)", "accuracy made_up_metric (Methods sheet)",
                "accuracy made_up_metric (docs/figures.md)"), MetricVocabulary.undefined(csv));
    }

    /** Each constant of the vocabulary has exactly one definition on the Methods sheet, in its own section. */
    @Test
    void everyMetricIsDefinedOnceOnTheMethodsSheet() {
        Map<Metric, Integer> count = new HashMap<>();
        for (MethodsSheet.Definition d : MethodsSheet.DEFINITIONS) {
            d.metrics().forEach(m -> count.merge(m, 1, Integer::sum));
        }
        List<String> wrong = new ArrayList<>();
        for (Metric m : Metric.all()) {
            if (count.getOrDefault(m, 0) != 1) {
                wrong.add(m.section() + " " + m.id() + " defined " + count.getOrDefault(m, 0) + " times");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The label a definition shows ("homogeneity_chi2, _df, _p") names exactly the metrics it lists. */
    @Test
    void eachLabelNamesItsMetrics() {
        List<String> wrong = new ArrayList<>();
        for (MethodsSheet.Definition d : MethodsSheet.DEFINITIONS) {
            List<Pattern> patterns = MetricVocabulary.patterns(d.metric());
            for (Metric m : d.metrics()) {
                if (!m.family() && patterns.stream().noneMatch(p -> p.matcher(m.id()).matches())) {
                    wrong.add("'" + d.metric() + "' does not name " + m.id());
                }
            }
            for (Metric m : Metric.all()) {
                if (!m.family() && m.section().equals(d.section()) && !d.metrics().contains(m)
                        && patterns.stream().anyMatch(p -> p.matcher(m.id()).matches())) {
                    wrong.add("'" + d.metric() + "' names " + m.id() + " but does not list it");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** docs/figures.md defines every metric of the vocabulary in a table of its section (a family by a member). */
    @Test
    void docsDefineEveryMetricInItsSection() throws Exception {
        Set<Metric> defined = new HashSet<>();
        for (String key : MetricVocabulary.documented(MetricVocabulary.docs())) {
            defined.add(Metric.of(key.substring(0, key.indexOf(' ')), key.substring(key.indexOf(' ') + 1)));
        }
        List<String> missing = Metric.all().stream().filter(m -> !defined.contains(m))
                .map(m -> m.section() + " " + m.id()).toList();
        assertEquals(List.of(), missing, "metrics no table of docs/figures.md defines in their section");
    }

    /** Every name docs/figures.md's metric tables define is a metric of the vocabulary, in that section. */
    @Test
    void everyMetricTheDocsDefineIsOne() throws Exception {
        List<String> documented = MetricVocabulary.documented(MetricVocabulary.docs());
        assertTrue(documented.size() > 150, "docs/figures.md's tables define " + documented.size() + " metrics");
        List<String> unknown = documented.stream()
                .filter(k -> Metric.of(k.substring(0, k.indexOf(' ')), k.substring(k.indexOf(' ') + 1)) == null)
                .toList();
        assertEquals(List.of(), unknown, "metrics docs/figures.md defines but Metric does not have");
    }

    /** Every name a label of the Methods sheet shows is a metric of the vocabulary, in the definition's section. */
    @Test
    void everyNameOnTheMethodsSheetIsAMetric() {
        List<String> unknown = new ArrayList<>();
        for (MethodsSheet.Definition d : MethodsSheet.DEFINITIONS) {
            List<String> ids = Metric.all().stream().filter(m -> m.section().equals(d.section()))
                    .flatMap(m -> m.family() ? java.util.stream.Stream.of(m.id(), m.member("integer"))
                            : java.util.stream.Stream.of(m.id()))
                    .toList();
            for (List<Pattern> name : MetricVocabulary.readings(d.metric())) {
                if (name.stream().noneMatch(p -> ids.stream().anyMatch(id -> p.matcher(id).matches()))) {
                    unknown.add(d.section() + " '" + d.metric() + "': " + name);
                }
            }
        }
        assertEquals(List.of(), unknown, "names on the Methods sheet that are no metric");
    }

    /** A family stands for its members only; a constant for its own name only. */
    @Test
    void metricsAreFoundByName() {
        assertEquals(Metric.Accuracy.CHI2_RS, Metric.of("accuracy", "chi2_rs"));
        assertEquals(Metric.District.N, Metric.of("district", "n"));
        assertEquals(Metric.Forensics.P_HOLM, Metric.of("forensics", "last_digit_putin_p_holm"));
        assertEquals(null, Metric.of("forensics", "_p_holm"));
        assertEquals(null, Metric.of("accuracy", "chi2_rs_typo"));
        assertEquals("integer_p_holm", Metric.Forensics.P_HOLM.member("integer"));
    }
}
