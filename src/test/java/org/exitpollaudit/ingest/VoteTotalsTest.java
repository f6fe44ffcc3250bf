package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class VoteTotalsTest {

    @Test
    void sumsAreThoseOfAMergeRowByRowBitForBitAndInFirstAppearanceOrder() {
        SplittableRandom random = new SplittableRandom(20240207);
        String[] ab = {"a", "b", "c"};
        String[] ba = {"c", "b", "a", "d"};
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                // runs of rows sharing one id array, as the staging decoder gives them
                rows.add(CandidateValues.of(ab, new double[] {random.nextDouble() * 1e3, i % 7 == 0 ? Double.NaN
                        : random.nextDouble(), random.nextInt(500)}));
            } else if (kind < 9) {
                rows.add(CandidateValues.of(ba, new double[] {random.nextDouble(), random.nextDouble() * 1e-3,
                        random.nextDouble() * 1e6, random.nextGaussian()}));
            } else {
                Map<String, Double> plain = new LinkedHashMap<>();
                plain.put("e", random.nextDouble());
                plain.put("a", random.nextDouble() * 10);
                rows.add(plain);
            }
        }
        Map<String, Double> expected = new LinkedHashMap<>();
        VoteTotals totals = new VoteTotals();
        for (Map<String, Double> r : rows) {
            r.forEach((c, v) -> {
                if (v != null) {
                    expected.merge(c, v, Double::sum);
                }
            });
            totals.add(r);
        }
        Map<String, Double> actual = totals.totals();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((c, v) -> assertEquals(Double.doubleToRawLongBits(v),
                Double.doubleToRawLongBits(actual.get(c)), c + ": " + v + " vs " + actual.get(c)));
    }

    @Test
    void aCandidateWithOnlyEmptyCellsHasNoSum() {
        VoteTotals totals = new VoteTotals();
        totals.add(CandidateValues.of(new String[] {"a", "b"}, new double[] {Double.NaN, 2}));
        totals.add(CandidateValues.of(new String[] {"a", "b"}, new double[] {Double.NaN, 3}));
        assertEquals(Map.of("b", 5.0), totals.totals());
    }
}
