package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.stats.GoodnessOfFit;
import org.exitpollaudit.stats.RaoScott;
import org.junit.jupiter.api.Test;

class PollDesignTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    /**
     * The hand-worked cluster sample of ClusterSampleTest / RaoScottTest (stations of 20, 20, 30 and 10 respondents),
     * as station rows with an {@code other} count and an extra candidate that the comparison leaves out: both are
     * outside the shares, so every figure is the hand-worked one.
     */
    private static List<ResultRow> handRows() {
        double[][] y = {{10, 6, 4}, {5, 10, 5}, {15, 5, 10}, {3, 4, 3}};
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            rows.add(row(i + 2, "d1", "s" + (i + 1), y[i][0], y[i][1], y[i][2], 7.0));
        }
        return rows;
    }

    private static ResultRow row(int line, String district, String station, double a, double b, double c, Double d) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("a", a);
        values.put("b", b);
        values.put("c", c);
        if (d != null) {
            values.put("d", d);
        }
        return new ResultRow("poll", line, district, station, null, null, 1.0, null, null, 3.0, values);
    }

    @Test
    void handWorkedPoll() {
        PollDesign d = PollDesign.estimate(handRows(), ABC);
        assertEquals(4, d.stations());
        assertEquals(80, d.n(), 0);
        assertEquals(ABC, List.copyOf(d.deff().keySet()));
        assertEquals(6970.0 / 4653, d.deff().get("a"), 1e-12);
        assertEquals(2.64, d.deff().get("b"), 1e-12);
        assertEquals(150.0 / 319, d.deff().get("c"), 1e-12);
        assertEquals(1.517979797980, d.meanDeff(), 1e-11);
        assertEquals(0.620670817367, d.a2(), 1e-11);
        assertEquals(1.234056897038, d.secondOrderDf(), 1e-11);

        double[] official = {0.40, 0.35, 0.25};
        double x2 = GoodnessOfFit.pearson(d.sample().shares(), official, d.n());
        RaoScott rs = d.against(official, d.n());
        assertEquals(0.380752226565, rs.firstOrder(x2), 1e-11);
        assertEquals(0.241008570534, rs.secondOrder(x2), 1e-11);
        // X² and P both scale with n, so the corrected statistic does not depend on which n the caller tests at
        double x2Published = GoodnessOfFit.pearson(d.sample().shares(), official, 1000);
        assertEquals(rs.firstOrder(x2), d.against(official, 1000).firstOrder(x2Published), 1e-12);
    }

    /** Station ids repeat across districts; a station that appears again is skipped (first row kept). */
    @Test
    void stationsAreKeyedByDistrictAndDuplicatesSkipped() {
        List<ResultRow> rows = new ArrayList<>(handRows());
        rows.add(row(20, "d1", "s2", 99, 0, 0, null));
        rows.add(row(21, "d2", "s1", 0, 0, 0, null));
        PollDesign d = PollDesign.estimate(rows, ABC);
        assertEquals(5, d.stations(), "d2/s1 is another station; d1/s2 again is not");
        assertEquals(80, d.n(), 0);
        // an empty station stays a cluster: V scales by (5/4)/(4/3) = 15/16, the shares do not move
        assertEquals(2.64 * 15 / 16, d.deff().get("b"), 1e-12);
    }

    @Test
    void rejectsWhatHasNoDesignEffect() {
        IllegalArgumentException district = assertThrows(IllegalArgumentException.class, () -> PollDesign.estimate(
                List.of(row(2, "d1", null, 1, 2, 3, null), row(3, "d2", null, 1, 2, 3, null)), ABC));
        assertTrue(district.getMessage().contains("line 2 of source poll"), district.getMessage());

        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> PollDesign.estimate(
                List.of(row(2, "d1", "s1", 1, 2, 3, null), row(3, "d1", "s1", 1, 2, 3, null)), ABC));
        assertTrue(one.getMessage().contains("1 distinct station"), one.getMessage());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PollDesign.estimate(List.of(), ABC));
        assertTrue(none.getMessage().contains("0 distinct station"), none.getMessage());

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> PollDesign.estimate(
                List.of(row(2, "d1", "s1", 1, 2, 0, null), row(3, "d1", "s2", 4, 2, 0, null)), ABC));
        assertTrue(zero.getMessage().contains("candidate 'c' has no respondent"), zero.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PollDesign.estimate(handRows(), List.of("a", "e")));
        assertTrue(missing.getMessage().contains("line 2 of source poll has no value for candidate 'e'"),
                missing.getMessage());

        assertThrows(IllegalArgumentException.class, () -> PollDesign.estimate(handRows(), List.of("a")));
    }
}
