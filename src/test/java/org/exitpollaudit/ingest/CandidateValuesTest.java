package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        CandidateValues back = CandidateValues.copyOf(row);
        assertEquals(row, back);
        assertEquals(List.of("putin", "slutsky", "share", "huge", "missing"), List.copyOf(back.keySet()));
        assertNull(back.get("missing"));
        assertTrue(back.containsKey("missing"));
        assertFalse(back.containsKey("kharitonov"));
        assertNull(back.get("kharitonov"));
    }

    @Test
    void rowsGivenOneKeyArrayShareIt() {
        String[] ids = {"a", "b"};
        CandidateValues a = CandidateValues.of(ids, new double[] {1, 2});
        CandidateValues b = CandidateValues.of(ids, new double[] {3, Double.NaN});
        assertSame(a.keys(), b.keys());
        assertEquals(3.0, b.get("a"));
        assertNull(b.get("b"));
        assertEquals(2, a.size());
    }

    @Test
    void copyOfKeepsOrderAndValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("x", 1.5);
        m.put("y", -2.0);
        CandidateValues c = CandidateValues.copyOf(m);
        assertEquals(m, c);
        assertEquals(m.hashCode(), c.hashCode());
        assertEquals("[x, y]", c.keySet().toString());
    }
}
