package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultRow;
import org.junit.jupiter.api.Test;

class RowBlockTest {

    private static Map<String, Double> votes(Object... idValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < idValue.length; i += 2) {
            m.put((String) idValue[i], (Double) idValue[i + 1]);
        }
        return m;
    }

    @Test
    void everyNumberNullAndTextComesBackExactlyInLineOrder() {
        String longId = "Участковая избирательная комиссия ".repeat(10) + "№ 554\t\u001e\u001f\"=1+1";
        List<ResultRow> rows = List.of(
                new ResultRow("s", 9, "r01", longId, 526.0, 386.0, 1.0, 385.0, 73.384, null,
                        votes("putin", 339.0, "davankov", 7.0)),
                new ResultRow("s", 4, null, null, -0.0, 0.0, -12.0, 1e300, Double.MIN_VALUE, 9007199254740993.0,
                        votes("putin", 0.1 + 0.2, "davankov", null)),
                new ResultRow("s", 5, "r02", "", (double) Long.MAX_VALUE, 4503599627370497.0, null, null, null, 2.5,
                        votes("putin", 1.0, "davankov", 2.0)),
                new ResultRow("s", Integer.MAX_VALUE, "r01", "x", null, null, null, null, null, null,
                        votes("kharitonov", 3.0)),
                new ResultRow("s", 6, "r01", "y", 1.0, null, null, null, null, null, votes()));
        List<ResultRow> back = new RowBlock.Decoder().decode("s", RowBlock.encode(rows));
        List<ResultRow> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
        assertEquals(sorted, back);
        for (int i = 0; i < back.size(); i++) {
            ResultRow a = sorted.get(i);
            ResultRow b = back.get(i);
            for (Double[] pair : new Double[][] {{a.registered(), b.registered()}, {a.ballotsCast(), b.ballotsCast()},
                {a.invalid(), b.invalid()}, {a.valid(), b.valid()}, {a.turnoutPct(), b.turnoutPct()},
                {a.other(), b.other()}}) {
                if (pair[0] != null) {
                    assertEquals(Double.doubleToRawLongBits(pair[0]), Double.doubleToRawLongBits(pair[1]),
                            "bit for bit: " + pair[0]);
                }
            }
            assertEquals(List.copyOf(a.candidates().keySet()), List.copyOf(b.candidates().keySet()), "column order");
        }
    }

    @Test
    void rowsWithTheSameCandidatesShareOneIdArrayAndDistrictsOneString() {
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rows.add(new ResultRow("s", i, new String("r01"), "s" + i, 100.0, 50.0, null, 49.0, null, null,
                    CandidateValues.copyOf(votes("a", (double) i, "b", 1.0))));
        }
        RowBlock.Decoder decoder = new RowBlock.Decoder();
        List<ResultRow> first = decoder.decode("s", RowBlock.encode(rows.subList(0, 2)));
        List<ResultRow> second = decoder.decode("s", RowBlock.encode(rows.subList(2, 3)));
        assertEquals(rows, List.of(first.get(0), first.get(1), second.get(0)));
        assertSame(first.get(0).districtId(), second.get(0).districtId());
        // the encoded block names the ids once: a second row with the same ids adds only its own figures
        int one = RowBlock.encode(rows.subList(0, 1)).length;
        int two = RowBlock.encode(rows.subList(0, 2)).length;
        assertEquals(true, two - one < one - 3, one + " then " + two);
    }
}
