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
}
