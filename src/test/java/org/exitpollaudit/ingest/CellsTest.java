package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void wholeCountsAndDecimalsReadAsJavaReadsThem() {
        // the digits-only path and Double.parseDouble must agree, up to and past 15 digits
        for (String t : new String[] {"0", "007", "4567458", "123456789012345", "1234567890123456", "92.1", "1E+3",
            "-5", ".5", " 42 "}) {
            assertEquals(Double.parseDouble(t.strip()), Cells.number(t), t);
        }
        assertNull(Cells.number("  "));
        assertNull(Cells.number(null));
    }

    @Test
    void whatIsNotExactlyANumberIsRefused() {
        for (String t : new String[] {"12a", "1,234", "45%", "1 000", "+7", "0x10", "١٢٣"}) {
            assertThrows(NumberFormatException.class, () -> Cells.number(t), t);
        }
    }

    @Test
    void theCharacterCheckAcceptsExactlyWhatThePlainNumberExpressionAccepts() {
        // the grammar as a regular expression (what the reader used before), against every string of up to five
        // characters over the alphabet that matters, and some longer ones
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        char[] alphabet = {'0', '7', '.', '-', '+', 'e', 'E', 'x', '٣'};
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("", "73.384", "-0.5e-07", "1.e5",
                "12345678901234567890.5", "5e", "--1", "1.2.3", "e5", ".e1"));
        java.util.List<String> level = java.util.List.of("");
        for (int len = 1; len <= 5; len++) {
            java.util.List<String> nextLevel = new java.util.ArrayList<>();
            for (String prefix : level) {
                for (char c : alphabet) {
                    nextLevel.add(prefix + c);
                }
            }
            all.addAll(nextLevel);
            level = nextLevel;
        }
        for (String t : all) {
            assertEquals(reference.matcher(t).matches(), Cells.plainNumber(t), "'" + t + "'");
        }
        assertEquals(66_429 + 10, all.size(), "9 + 81 + ... + 9^5 strings and the ten above");
    }
}
