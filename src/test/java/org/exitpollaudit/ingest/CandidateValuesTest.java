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
    void encodesAndDecodesEveryValueExactlyInColumnOrder() {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("putin", 339.0);
        row.put("slutsky", 16.0);
        row.put("share", 12.345678901234567);
        row.put("huge", 1e20);
        row.put("missing", null);
        String text = CandidateValues.encode(row);
        assertEquals("putin\u001f339\u001eslutsky\u001f16\u001eshare\u001f12.345678901234567\u001ehuge\u001f1.0E20"
                + "\u001emissing\u001f", text);
        CandidateValues back = new CandidateValues.Decoder().decode(text);
        assertEquals(row, back);
        assertEquals(List.of("putin", "slutsky", "share", "huge", "missing"), List.copyOf(back.keySet()));
        assertNull(back.get("missing"));
        assertTrue(back.containsKey("missing"));
        assertFalse(back.containsKey("kharitonov"));
        assertNull(back.get("kharitonov"));
    }

    @Test
    void rowsWithTheSameCandidatesShareOneKeyArray() {
        CandidateValues.Decoder decoder = new CandidateValues.Decoder();
        CandidateValues a = decoder.decode(CandidateValues.encode(Map.of("a", 1.0)));
        CandidateValues b = decoder.decode(CandidateValues.encode(Map.of("a", 2.0)));
        CandidateValues c = decoder.decode(CandidateValues.encode(Map.of("b", 3.0)));
        assertSame(a.keys(), b.keys());
        assertEquals(2.0, b.get("a"));
        assertEquals(3.0, c.get("b"));
        assertNull(c.get("a"));
        assertEquals(0, decoder.decode("").size());
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
