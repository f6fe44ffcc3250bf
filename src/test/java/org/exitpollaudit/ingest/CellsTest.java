package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
    void aNumberTooLargeForADoubleIsOutOfRangeNotInfinity() {
        // Double.parseDouble("1e400") is Infinity, which a cast to long would turn into a sample size of Long.MAX_VALUE
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Cells.number("1e400"));
        assertEquals("'1e400' is out of range: too large to be a figure", e.getMessage());
        assertEquals(1.7976931348623157E308, Cells.number("1.7976931348623157E308"), "the largest double is read");
        assertThrows(NumberFormatException.class, () -> Cells.number("-1e400"));
        assertEquals(0.0, Cells.number("1e-400"), "underflow is zero, which the callers judge as zero");
    }

    @Test
    void aSpreadsheetErrorValueSaysSo() {
        for (String t : new String[] {"#DIV/0!", "#N/A", "#value!", " #REF! ", "#NUM!", "#NAME?", "#NULL!", "Err:502"}) {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> Cells.number(t), t);
            assertTrue(e.getMessage().startsWith("the cell holds the spreadsheet error " + t.strip() + ": a formula"),
                    e.getMessage());
            assertTrue(Cells.isErrorValue(t), t);
        }
        assertFalse(Cells.isErrorValue("#1"));
        assertFalse(Cells.isErrorValue("n/a"));
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
