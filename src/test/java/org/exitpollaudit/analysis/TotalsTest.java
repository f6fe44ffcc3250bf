package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;

/** Sums of station rows from their columns, against hand sums and against a plain row-by-row merge. */
class TotalsTest {

    private static final String[] ABC = {"a", "b", "c"};

    /**
     * By hand, rows in order (NaN = empty cell):
     * <pre>
     *   line  district  registered  ballots  invalid  valid  other   a    b    c
     *   2     d1        1000        600      10       590    –       NaN  300  290
     *   3     d2        –           400      –        –      7       100  NaN  200
     *   4     d1        500         250      5        245    –       45   200  NaN
     *   5     –         100         50       0        50     –       20   30   NaN
     * </pre>
     * registered 1000 + 0 + 500 + 100 = 1600; ballots 1300; invalid 15; valid 590 + (100 + NaN + 200 → the row's
     * candidate sum is NaN: an empty cell leaves no sum) … so row 3's valid is NaN + 7 and the total valid is NaN.
     * Votes: b first (row 2, a is empty there), c, then a; a = 100 + 45 + 20 = 165, b = 300 + 200 + 30 = 530,
     * c = 290 + 200 = 490. Per district: d1 (rows 2, 4) registered 1500, ballots 850, invalid 15, valid 835, votes
     * b 500, c 290, a 45 (a first appears in row 4 after b; c's only value is row 2's); d2 (row 3) registered 0 and
     * votes a 100, c 200; the row without a district is in no district.
     */
    @Test
    void sumsByHandInFirstAppearanceOrder() {
        ResultColumns t = new ResultColumns("cec", List.of(ABC), 4);
        double nan = Double.NaN;
        t.add(2, "d1", "s1", 1000, 600, 10, 590, nan, nan, new double[] {nan, 300, 290});
        t.add(3, "d2", "s2", nan, 400, nan, nan, nan, 7, new double[] {100, nan, 200});
        t.add(4, "d1", "s3", 500, 250, 5, 245, nan, nan, new double[] {45, 200, nan});
        t.add(5, null, "s4", 100, 50, 0, 50, nan, nan, new double[] {20, 30, nan});
        Totals all = Totals.of(t, t.allRows());
        assertEquals(1600.0, all.registered());
        assertEquals(1300.0, all.ballots());
        assertEquals(15.0, all.invalid());
        assertEquals(Double.NaN, all.valid());
        assertEquals(4, all.units());
        assertEquals(List.of("b", "c", "a"), List.copyOf(all.votes().keySet()));
        assertEquals(Map.of("a", 165.0, "b", 530.0, "c", 490.0), all.votes());

        Map<String, Totals> by = Totals.byDistrict(t, t.allRows());
        assertEquals(List.of("d1", "d2"), List.copyOf(by.keySet()));
        Totals d1 = by.get("d1");
        assertEquals(1500.0, d1.registered());
        assertEquals(850.0, d1.ballots());
        assertEquals(15.0, d1.invalid());
        assertEquals(835.0, d1.valid());
        assertEquals(2, d1.units());
        assertEquals(List.of("b", "c", "a"), List.copyOf(d1.votes().keySet()));
        assertEquals(Map.of("a", 45.0, "b", 500.0, "c", 290.0), d1.votes());
        Totals d2 = by.get("d2");
        assertEquals(0.0, d2.registered());
        assertEquals(List.of("a", "c"), List.copyOf(d2.votes().keySet()));

        // a subset of the rows: only those given are summed
        Totals some = Totals.of(t, new int[] {2, 3});
        assertEquals(600.0, some.registered());
        assertEquals(295.0, some.valid());
        assertEquals(List.of("a", "b"), List.copyOf(some.votes().keySet()));
        assertEquals(2, some.units());
    }

    /** Without valid, a row counts its candidates' sum plus other: 10 + 20 + 30 + 4 = 64, and 5 + 6 + 7 = 18. */
    @Test
    void aRowWithoutValidCountsItsCandidatesAndOther() {
        ResultColumns t = new ResultColumns("cec", List.of(ABC), 2);
        double nan = Double.NaN;
        t.add(2, "d", "s1", nan, nan, nan, nan, nan, 4, new double[] {10, 20, 30});
        t.add(3, "d", "s2", nan, nan, nan, nan, nan, nan, new double[] {5, 6, 7});
        assertEquals(82.0, Totals.of(t, t.allRows()).valid());
    }

    /**
     * Against the rule written out row by row — each total a running sum in row order, a candidate's from its first
     * value, candidates in the order of their first value — bit for bit, over rows of fractional values with empty
     * cells, districts interleaved and rows without one; and the row-list entry points give the same.
     */
    @Test
    void sameBitsAsARowByRowMerge() {
        SplittableRandom random = new SplittableRandom(20240318);
        ResultColumns t = new ResultColumns("cec", List.of(ABC), 16);
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            double[] v = new double[3];
            for (int c = 0; c < 3; c++) {
                v[c] = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 1e3;
            }
            int d = random.nextInt(12);
            double valid = random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 3e3;
            double registered = random.nextInt(6) == 0 ? Double.NaN : random.nextDouble() * 5e3;
            ResultRow r = new ResultRow("cec", i + 2, d == 0 ? null : "d" + d, "s" + i, box(registered),
                    random.nextDouble() * 4e3, box(random.nextDouble()), box(valid), null, box(random.nextDouble()),
                    CandidateValues.of(ABC, v));
            rows.add(r);
            t.add(r);
        }
        Totals expected = merge(rows);
        assertSameBits(expected, Totals.of(t, t.allRows()));
        Totals.WithDistricts both = Totals.withDistricts(t, t.allRows());
        assertSameBits(expected, both.all());
        assertSameBits(expected, Totals.of(rows));
        Map<String, List<ResultRow>> byDistrict = new LinkedHashMap<>();
        rows.stream().filter(r -> r.districtId() != null)
                .forEach(r -> byDistrict.computeIfAbsent(r.districtId(), k -> new ArrayList<>()).add(r));
        Map<String, Totals> fromColumns = Totals.byDistrict(t, t.allRows());
        Map<String, Totals> fromRows = Totals.byDistrict(rows);
        assertEquals(List.copyOf(byDistrict.keySet()), List.copyOf(fromColumns.keySet()));
        assertEquals(List.copyOf(byDistrict.keySet()), List.copyOf(fromRows.keySet()));
        assertEquals(List.copyOf(byDistrict.keySet()), List.copyOf(both.byDistrict().keySet()));
        byDistrict.forEach((d, r) -> {
            assertSameBits(merge(r), fromColumns.get(d));
            assertSameBits(merge(r), fromRows.get(d));
            assertSameBits(merge(r), both.byDistrict().get(d));
        });
    }

    /** The rule, row by row over row objects. */
    private static Totals merge(List<ResultRow> rows) {
        double reg = 0;
        double bal = 0;
        double inv = 0;
        double val = 0;
        Map<String, Double> votes = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            reg += r.registered() == null ? 0 : r.registered();
            bal += r.ballotsCast() == null ? 0 : r.ballotsCast();
            inv += r.invalid() == null ? 0 : r.invalid();
            val += r.valid() != null ? r.valid() : r.candidateSum() + (r.other() == null ? 0 : r.other());
            r.candidates().forEach((c, v) -> {
                if (v != null) {
                    votes.merge(c, v, Double::sum);
                }
            });
        }
        return new Totals(reg, bal, inv, val, votes, rows.size());
    }

    private static void assertSameBits(Totals expected, Totals actual) {
        assertEquals(Double.doubleToRawLongBits(expected.registered()), Double.doubleToRawLongBits(actual.registered()));
        assertEquals(Double.doubleToRawLongBits(expected.ballots()), Double.doubleToRawLongBits(actual.ballots()));
        assertEquals(Double.doubleToRawLongBits(expected.invalid()), Double.doubleToRawLongBits(actual.invalid()));
        assertEquals(Double.doubleToRawLongBits(expected.valid()), Double.doubleToRawLongBits(actual.valid()));
        assertEquals(expected.units(), actual.units());
        assertEquals(List.copyOf(expected.votes().keySet()), List.copyOf(actual.votes().keySet()));
        expected.votes().forEach((c, v) -> assertEquals(Double.doubleToRawLongBits(v),
                Double.doubleToRawLongBits(actual.votes().get(c)), c));
    }

    private static Double box(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
