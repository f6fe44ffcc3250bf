package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

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
        assertEquals(Set.of("accuracy made_up_metric (Methods sheet)", "accuracy made_up_metric (docs/figures.md)"),
                MetricVocabulary.undefined(csv));
    }
}
