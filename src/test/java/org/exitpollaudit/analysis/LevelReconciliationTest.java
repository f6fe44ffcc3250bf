package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;

/** Station sums of a release's checked rows against the final national row, districts.csv and a district file. */
class LevelReconciliationTest {

    private static final double NAN = Double.NaN;

    /**
     * Stations (row 2 repeats s1 and is not among the checked rows, so it counts nowhere):
     * <pre>
     *   row  district  station  registered  ballots  invalid  valid   a    b
     *   0    d1        s1       500         300      10       290     200  90
     *   1    d1        s2       450         250      0        250     150  100
     *   2    d1        s1       999         999      0        999     999  0
     *   3    d2        s3       600         400      0        400     300  100
     * </pre>
     * Sums of rows 0, 1, 3: registered 1,550, valid 940, a 650, b 290, 3 stations. Final result: registered 1,700,
     * valid 1,500, a 900, b 600; gaps (final − sum) registered 150 (150 / 1700 = 0.0882352941), a 250 (0.2777777778),
     * b 310 (0.5166666667), valid 560. districts.csv: d1 1,000 registered at 2 stations, d2 600 at 2, so 4 expected
     * and 4 − 3 loaded − 1 rejected = 0 missing; d1's stations register 950 (gap 50), d2's 600 (gap 0, share 0).
     * District file: d1 a 360 (stations 350, gap 10), b 190 (gap 0); d3, where no station is, a 10 (gap 10).
     */
    @Test
    void gapsAreReferenceMinusStationSum() {
        ResultColumns t = new ResultColumns("cec", List.of("a", "b"), 4);
        t.add(2, "d1", "s1", 500, 300, 10, 290, NAN, NAN, new double[] {200, 90});
        t.add(3, "d1", "s2", 450, 250, 0, 250, NAN, NAN, new double[] {150, 100});
        t.add(4, "d1", "s1", 999, 999, 0, 999, NAN, NAN, new double[] {999, 0});
        t.add(5, "d2", "s3", 600, 400, 0, 400, NAN, NAN, new double[] {300, 100});
        int[] kept = {0, 1, 3};
        Source fin = source("final", Source.Level.NATIONAL, true);
        Source districtFile = source("cec-d", Source.Level.DISTRICT, false);
        Source stations = source("cec", Source.Level.STATION, false);
        ElectionPackage pkg = new ElectionPackage(Path.of("."), new Election("e", "e", LocalDate.of(2024, 1, 1), "x",
                null, null, null), List.of(new Candidate("a", "Alpha", null, List.of()),
                new Candidate("b", "Beta", null, List.of())), List.of(new District("d1", "D1", null, 1000L, 2L),
                new District("d2", "D2", null, 600L, 2L)), List.of(fin, districtFile, stations));
        Map<String, ResultRow> national = Map.of("final", new ResultRow("final", 2, null, null, 1700.0, null, null,
                1500.0, null, null, votes(900, 600)));
        Map<String, List<ResultRow>> clean = new LinkedHashMap<>();
        clean.put("cec-d", List.of(districtRow("d1", 360, 190), districtRow("d3", 10, 5)));
        List<DataIssue> issues = new ArrayList<>();
        List<Figure> figures = LevelReconciliation.run(pkg, stations, Totals.withDistricts(t, kept), clean, national,
                1, List.of("a", "b"), issues);
        Map<String, Figure> f = new LinkedHashMap<>();
        figures.forEach(x -> f.put(x.level() + "|" + x.unit() + "|" + x.candidate() + "|" + x.metric(), x));

        // level | unit | candidate | metric, and its value (shares to 10 decimals)
        String expected = """
                national|null|null|stations_loaded 3
                national|null|null|stations_rejected 1
                national|null|null|stations_expected 4
                national|null|null|stations_missing 0
                national|null|null|registered_station_sum 1550
                national|null|null|registered_gap 150
                national|null|null|registered_gap_share 0.0882352941
                national|null|a|votes_station_sum 650
                national|null|a|votes_reference 900
                national|null|a|votes_gap 250
                national|null|a|votes_gap_share 0.2777777778
                national|null|b|votes_gap 310
                national|null|b|votes_gap_share 0.5166666667
                national|null|null|valid_gap 560
                district|d1|null|stations_loaded 2
                district|d2|null|stations_loaded 1
                district|d2|null|stations_expected 2
                district|d1|null|registered_station_sum 950
                district|d1|null|registered_gap 50
                district|d2|null|registered_gap_share 0
                district|d1|a|votes_station_sum 350
                district|d1|a|votes_gap 10
                district|d1|b|votes_gap 0
                district|d3|a|votes_station_sum 0
                district|d3|a|votes_gap 10
                """;
        expected.lines().map(line -> line.split(" ")).forEach(kv -> {
            assertTrue(f.containsKey(kv[0]), kv[0]);
            assertEquals(Double.parseDouble(kv[1]), f.get(kv[0]).value(), 1e-10, kv[0]);
        });
        assertEquals("final", f.get("national|null|a|votes_gap").reference());
        assertEquals("districts.csv", f.get("district|d1|null|registered_gap").reference());
        assertEquals("cec-d", f.get("district|d1|a|votes_gap").reference());
        assertFalse(f.containsKey("district|d2|a|votes_gap"), "the district file has no d2");
        assertTrue(figures.stream().allMatch(x -> Figure.RECONCILIATION.equals(x.section()) && "cec".equals(x.source())));

        assertEquals(1, issues.size());
        assertTrue(issues.get(0).is(IssueCode.LEVEL_GAP));
        assertEquals("the 3 loaded stations of cec leave these votes of the final result (final) unexplained: Alpha"
                + " 250, Beta 310 (final − station sum; for example remote electronic voting, stations abroad, stations"
                + " without figures)", issues.get(0).message());
    }

    /**
     * Only a candidate whose stations do not add up to the final result is named in the warning, and stations that
     * add up for every candidate give none: two stations, a 200 + 150 = 350 and b 90 + 100 = 190, against a final
     * result of a 350 and b 200 (only b's 10 unexplained), then of a 350 and b 190 (nothing unexplained).
     */
    @Test
    void onlyVotesLeftUnexplainedAreAWarning() {
        ResultColumns t = new ResultColumns("cec", List.of("a", "b"), 2);
        t.add(2, "d1", "s1", 500, 300, 10, 290, NAN, NAN, new double[] {200, 90});
        t.add(3, "d1", "s2", 450, 250, 0, 250, NAN, NAN, new double[] {150, 100});
        Source fin = source("final", Source.Level.NATIONAL, true);
        Source stations = source("cec", Source.Level.STATION, false);
        ElectionPackage pkg = new ElectionPackage(Path.of("."), new Election("e", "e", LocalDate.of(2024, 1, 1), "x",
                null, null, null), List.of(new Candidate("a", "Alpha", null, List.of()),
                new Candidate("b", "Beta", null, List.of())), List.of(), List.of(fin, stations));
        for (double b : new double[] {200, 190}) {
            Map<String, ResultRow> national = Map.of("final", new ResultRow("final", 2, null, null, 950.0, null, null,
                    350 + b, null, null, votes(350, b)));
            List<DataIssue> issues = new ArrayList<>();
            List<Figure> figures = LevelReconciliation.run(pkg, stations, Totals.withDistricts(t, new int[] {0, 1}),
                    Map.of(), national, 0, List.of("a", "b"), issues);
            assertTrue(figures.stream().anyMatch(x -> "a".equals(x.candidate()) && x.metric().equals("votes_gap")
                    && x.value() == 0), "the gap of 0 is a figure all the same");
            if (b == 200) {
                assertEquals(1, issues.size());
                assertEquals("the 2 loaded stations of cec leave these votes of the final result (final) unexplained:"
                        + " Beta 10 (final − station sum; for example remote electronic voting, stations abroad,"
                        + " stations without figures)", issues.get(0).message());
            } else {
                assertEquals(List.of(), issues, "every candidate's stations add up to the final result");
            }
        }
    }

    private static Map<String, Double> votes(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    private static ResultRow districtRow(String id, double a, double b) {
        return new ResultRow("cec-d", 2, id, null, null, null, null, null, null, null, votes(a, b));
    }

    private static Source source(String id, Source.Level level, boolean isFinal) {
        return new Source(id, Source.Kind.OFFICIAL, level, Source.ValueType.VOTES, null, id + ".csv",
                new Source.Published("cec", "2024-01-01", null, null, 1),
                Source.Sample.NONE, Source.Coverage.of(isFinal));
    }
}
