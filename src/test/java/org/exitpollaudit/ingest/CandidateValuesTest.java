package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CandidateValuesTest {

    @Test
    void keepsEveryValueExactlyInColumnOrderAndNullAsNull() {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("putin", 339.0);
        row.put("slutsky", 16.0);
        row.put("share", 12.345678901234567);
        row.put("huge", 1e20);
        row.put("missing", null);
        CandidateValues back = CandidateValues.of(new String[] {"putin", "slutsky", "share", "huge", "missing"},
                new double[] {339.0, 16.0, 12.345678901234567, 1e20, Double.NaN});
        assertEquals(row, back);
        assertEquals(List.of("putin", "slutsky", "share", "huge", "missing"), List.copyOf(back.keySet()));
        assertNull(back.get("missing"));
        assertTrue(back.containsKey("missing"));
        assertFalse(back.containsKey("kharitonov"));
        assertNull(back.get("kharitonov"));
    }

    @Test
    void valuesAreCopiedAndNaNReadsAsNull() {
        String[] ids = {"a", "b"};
        double[] values = {3, Double.NaN};
        CandidateValues a = CandidateValues.of(ids, new double[] {1, 2});
        CandidateValues b = CandidateValues.of(ids, values);
        values[0] = 99;
        assertEquals(3.0, b.get("a"));
        assertNull(b.get("b"));
        assertEquals(2, a.size());
    }
}
