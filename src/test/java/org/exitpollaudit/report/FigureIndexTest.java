package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;
import org.junit.jupiter.api.Test;

/** Figures looked up by what identifies them, among many that share most of it. */
class FigureIndexTest {

    @Test
    void everyFigureIsFoundByItsKeyAnAbsentTextBeingAnEmptyOne() {
        List<Figure> figures = new ArrayList<>();
        for (int d = 0; d < 2_000; d++) {
            for (String c : new String[] {"a", "b", null}) {
                figures.add(Figure.of(Metric.Forensics.TURNOUT_SLOPE, "cec", null, Figure.LEVEL_DISTRICT, "d" + d, c,
                        d + (c == null ? 0.5 : c.equals("a") ? 0.1 : 0.2)));
            }
            figures.add(new Figure(Figure.FORENSICS, "cec", null, Figure.LEVEL_DISTRICT, "d" + d, null,
                    Metric.Forensics.P_HOLM.member("integer"), d / 1e4));
        }
        figures.add(Figure.of(Metric.Accuracy.N, "poll", "cec", Figure.NATIONAL, null, null, 1000.0));
        figures.add(Figure.of(Metric.Accuracy.CHI2, "poll", "cec", Figure.NATIONAL, "", "", 3.5));
        // a later figure with the same key replaces an earlier one
        figures.add(Figure.of(Metric.Accuracy.CHI2, "poll", "cec", Figure.NATIONAL, null, null, 4.5));
        FigureIndex index = new FigureIndex(figures);
        for (int d = 0; d < 2_000; d++) {
            String unit = "d" + d;
            assertEquals(d + 0.1, index.get("cec", null, Figure.LEVEL_DISTRICT, unit, "a", Metric.Forensics.TURNOUT_SLOPE));
            assertEquals(d + 0.2, index.get("cec", "", Figure.LEVEL_DISTRICT, unit, "b", Metric.Forensics.TURNOUT_SLOPE));
            assertEquals(d + 0.5, index.get("cec", null, Figure.LEVEL_DISTRICT, unit, "", Metric.Forensics.TURNOUT_SLOPE));
            assertEquals(d / 1e4, index.member("cec", null, Figure.LEVEL_DISTRICT, unit, null, Metric.Forensics.P_HOLM,
                    Metric.Forensics.P_HOLM.member("integer")));
        }
        assertNull(index.get("cec", null, Figure.LEVEL_DISTRICT, "d2000", "a", Metric.Forensics.TURNOUT_SLOPE));
        assertNull(index.get("cec", null, Figure.NATIONAL, "d1", "a", Metric.Forensics.TURNOUT_SLOPE));
        assertEquals(4.5, index.accuracy("poll", "cec", null, Metric.Accuracy.CHI2));
        assertTrue(index.compared("poll", "cec"));
        assertFalse(index.compared("poll", "other"));
        assertThrows(IllegalArgumentException.class, () -> index.member("cec", null, Figure.LEVEL_DISTRICT, "d1",
                null, Metric.Forensics.TURNOUT_SLOPE, "x"));
        assertNull(new FigureIndex(List.of()).accuracy("poll", "cec", null, Metric.Accuracy.N));
    }
}
