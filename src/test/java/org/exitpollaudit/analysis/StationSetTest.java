package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.exitpollaudit.ingest.ResultColumns;
import org.junit.jupiter.api.Test;

class StationSetTest {

    /** The ids of a set: numbers after the prefix written canonically or not, another prefix, text ids. */
    private static final Set<String> IDS = Set.of("s1", "s10", "s007", "s+4", "s-3", "s9223372036854775807",
            "s92233720368547758070", "x5", "s", "УИК №554", "text id");

    @Test
    void aRowIsInTheSetExactlyWhenItsIdAsTextIs() {
        long[] numbers = {1, 7, 10, -3, 4, 5, 0, Long.MAX_VALUE, 554, 10};
        ResultColumns numbered = table(numbers.length).withNumberedStations("s", numbers);
        ResultColumns russian = table(3).withNumberedStations("УИК №", new long[] {554, 55, 5540});
        ResultColumns text = table(0);
        text.add(2, "d", "text id", 10, 9, 0, 9, Double.NaN, Double.NaN, new double[] {5, 4});
        text.add(3, "d", "s7", 10, 9, 0, 9, Double.NaN, Double.NaN, new double[] {5, 4});
        text.add(4, "d", null, 10, 9, 0, 9, Double.NaN, Double.NaN, new double[] {5, 4});
        StationSet set = new StationSet(IDS);
        // the blocks one after another, the prefixes changing between them, as a release's blocks may
        List<String> found = new ArrayList<>();
        for (ResultColumns block : List.of(numbered, russian, text, numbered)) {
            for (int i = 0; i < block.size(); i++) {
                String id = block.station(i);
                assertEquals(id != null && IDS.contains(id), set.contains(block, i), id);
                if (set.contains(block, i)) {
                    found.add(id);
                }
            }
        }
        assertEquals(List.of("s1", "s10", "s-3", "s9223372036854775807", "s10", "УИК №554", "text id", "s1", "s10",
                "s-3", "s9223372036854775807", "s10"), found);
    }

    /** A table of {@code rows} rows with text station ids ("t0", "t1", …). */
    private static ResultColumns table(int rows) {
        ResultColumns t = new ResultColumns("final", List.of("a", "b"), Math.max(rows, 1));
        for (int i = 0; i < rows; i++) {
            t.add(i + 2, "d", "t" + i, 10, 9, 0, 9, Double.NaN, Double.NaN, new double[] {5, 4});
        }
        return t;
    }
}
