package org.exitpollaudit.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names of the Holm-adjusted district tests as figures.csv writes them, and which ones a district's flags count. */
class HolmTestTest {

    @Test
    void namesAreTheFiguresMemberNames() {
        assertEquals("integer_p_holm", Metric.Forensics.P_HOLM.member(HolmTest.INTEGER.key()));
        assertEquals("turnout_leader_p_holm", Metric.Forensics.P_HOLM.member(HolmTest.TURNOUT_LEADER.key()));
        assertEquals("benford2_aliyev_p_holm", Metric.Forensics.P_HOLM.member(HolmTest.BENFORD2.key("aliyev")));
        assertEquals("last_digit_aliyev_p_holm", Metric.Forensics.P_HOLM.member(HolmTest.LAST_DIGIT.key("aliyev")));
    }

    @Test
    void aNameIsReadBackAsItsTest() {
        assertEquals(HolmTest.INTEGER, HolmTest.of("integer"));
        assertEquals(HolmTest.TURNOUT_LEADER, HolmTest.of("turnout_leader"));
        assertEquals(HolmTest.BENFORD2, HolmTest.of("benford2_a"));
        // a candidate whose id is another test's name is still that candidate's digit test
        assertEquals(HolmTest.LAST_DIGIT, HolmTest.of("last_digit_integer"));
        assertThrows(IllegalArgumentException.class, () -> HolmTest.of("last_digit_"));
        assertThrows(IllegalArgumentException.class, () -> HolmTest.of("integers"));
        assertThrows(IllegalStateException.class, () -> HolmTest.INTEGER.key("a"));
        assertThrows(IllegalStateException.class, HolmTest.LAST_DIGIT::key);
    }

    /** As docs/figures.md says: the integer and last-digit tests count; 2BL and the turnout–leader correlation do not. */
    @Test
    void onlyTheCalibratedTestsCountAmongAFlaggedDistrictsTests() {
        assertTrue(HolmTest.INTEGER.counted());
        assertTrue(HolmTest.LAST_DIGIT.counted());
        assertFalse(HolmTest.BENFORD2.counted());
        assertFalse(HolmTest.TURNOUT_LEADER.counted());
    }
}
