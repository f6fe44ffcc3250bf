package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlausibilityTest {

    @Test
    void roundingOfAPublishedPercent() {
        assertEquals(0.005, Plausibility.roundingOf(76.43), 1e-15);
        assertEquals(0.05, Plausibility.roundingOf(76.4), 1e-15);
        assertEquals(0.5, Plausibility.roundingOf(76), 1e-15);
    }

    @Test
    void percentSumsOverHundredAreRefusedBeyondTheRoundingOfTheValuesPublished() {
        // seven whole percents can each be 0.5 off: 93+2+2+2+1+1+0 = 101 is within 100 + 7 x 0.5 = 103.5
        assertNull(Plausibility.percentSum(new double[] {93, 2, 2, 2, 1, 1, 0}));
        // five whole percents and one to a decimal: 5 x 0.5 + 0.05 = 2.55 allowed
        assertNull(Plausibility.percentSum(new double[] {96, 2, 2, 1, 1, 0.5}), "102.5 <= 102.55");
        assertNotNull(Plausibility.percentSum(new double[] {97, 2, 2, 1, 1, 0.5}), "103.5 > 102.55");
        // one decimal each: seven values allow 7 x 0.05 = 0.35, less than the floor of 0.5
        assertNull(Plausibility.percentSum(new double[] {92.9, 2.2, 2.1, 1.6, 0.3, 0.8, 0.5}), "100.4");
        assertNotNull(Plausibility.percentSum(new double[] {92.9, 2.2, 2.1, 1.6, 0.3, 0.8, 0.7}), "100.6");
        // a value read as 2.0 is 2 to a double, a whole percent: the tolerance errs on the side of accepting
        assertNull(Plausibility.percentSum(new double[] {92.9, 2.2, 2.0, 1.6, 0.3, 0.8, 0.8}), "100.6 <= 100.8");
        // the case: 92.4 + 92.2 + 62.3 + 1.6 + 0.3 + 0.8 + 0.4 = 250.0
        String why = Plausibility.percentSum(new double[] {92.4, 92.2, 62.3, 1.6, 0.3, 0.8, 0.4});
        assertEquals("the shares add up to 250 %, more than 100 beyond rounding (± 0.5): they cannot all be shares of"
                + " the same votes", why);
    }

    @Test
    void countsAreHeldAgainstTheElectorateAndTheWorldsPopulation() {
        assertNull(Plausibility.count(6_478_623, 6_478_623L), "the whole electorate may vote for one candidate");
        assertEquals("6,478,624 is more than the 6,478,623 registered voters of the whole election (election.yaml"
                + " registered_voters)", Plausibility.count(6_478_624, 6_478_623L));
        assertNull(Plausibility.count(1e10, null));
        assertEquals("4.500e+22 is more than 10 billion, more than the world's population",
                Plausibility.count(4.5e22, null));
        assertTrue(Plausibility.count(Double.POSITIVE_INFINITY, null).startsWith("Infinity"));
        assertNull(Plausibility.votesOverRegistered(4_957_967, 6_478_623, "x"));
        assertEquals("the votes add up to 46,000,000, more than the 6,478,623 registered voters (election.yaml):"
                + " a typo, or a figure of another unit?", Plausibility.votesOverRegistered(46e6, 6_478_623, "election.yaml"));
    }

    @Test
    void designEffectsMustBePositiveAndBelowTen() {
        assertNull(Plausibility.deff(1.7));
        assertNull(Plausibility.deff(0.8), "below 1 is allowed (with a warning elsewhere)");
        assertNull(Plausibility.deff(10));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 10.01, 1e300}) {
            assertNotNull(Plausibility.deff(bad), String.valueOf(bad));
        }
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() {
        assertNull(Plausibility.idLength("a".repeat(64), 64));
        assertEquals("the id is 65 characters long; at most 64 are allowed", Plausibility.idLength("a".repeat(65), 64));
        // 256 emoji are 512 UTF-16 units but 256 characters
        assertNull(Plausibility.idLength("\uD83D\uDDF3".repeat(256), 256));
    }
}
