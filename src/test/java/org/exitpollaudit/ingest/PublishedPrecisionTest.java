package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Decimal places as written: the precision a source published (docs/figures.md, admissible readings). */
class PublishedPrecisionTest {

    @Test
    void decimalsAsWritten() {
        assertEquals(1, PublishedPrecision.decimals("92.4"));
        assertEquals(1, PublishedPrecision.decimals("2.0"), "a trailing zero is still a published decimal");
        assertEquals(2, PublishedPrecision.decimals(" 0.37 "));
        assertEquals(0, PublishedPrecision.decimals("83"));
        assertEquals(2, PublishedPrecision.decimals("1.5E-1"));
        assertEquals(0, PublishedPrecision.decimals(""));
        assertEquals(0, PublishedPrecision.decimals("n/a"));
    }
}
