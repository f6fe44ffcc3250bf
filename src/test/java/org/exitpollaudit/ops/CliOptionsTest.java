package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void anOptionGivenWithoutItsValueIsNamedAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CliOptions.parse(new String[] {"--input", "../pkg"}));
        assertEquals("option --input takes a value, joined to it by '=': --input=<value>", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--frobnicate"}))
                .getMessage().startsWith("unknown argument '--frobnicate'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"frobnicate"}))
                .getMessage().contains("calibrate"));
    }

    /** A newcomer's typing mistakes get the nearest known word, at most two edits away; anything further, none. */
    @Test
    void aMistypedOptionOrCommandIsAnsweredWithTheNearestKnownOne() {
        assertEquals("unknown option --outptu; did you mean --output?", assertThrows(IllegalArgumentException.class,
                () -> CliOptions.parse(new String[] {"--outptu=x"})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"histroy"}))
                .getMessage().endsWith("calibrate); did you mean history?"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--verbos"}))
                .getMessage().endsWith("(options take the form --name=value); did you mean --verbose?"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--frobnicate"}))
                .getMessage().endsWith("(options take the form --name=value)"));
        // a command the launcher takes only first, given later: no suggestion of itself
        assertEquals("calibrate must come first: exit-poll-audit calibrate [options]", assertThrows(
                IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"--verbose", "calibrate"}))
                .getMessage());
        assertEquals("unknown option --colour", assertThrows(IllegalArgumentException.class,
                () -> CliOptions.parse(new String[] {"--colour=red"})).getMessage());
        // Levenshtein's distance, by hand: kitten → sitten → sittin → sitting; flaw → law → lawn; none → abc
        assertEquals(3, CliOptions.editDistance("kitten", "sitting"));
        assertEquals(2, CliOptions.editDistance("flaw", "lawn"));
        assertEquals(3, CliOptions.editDistance("", "abc"));
        assertEquals(0, CliOptions.editDistance("deff", "deff"));
    }

    /** The benchmark's districts: its default (0, one per 2,000 stations), a number up to the stations, nothing else. */
    @Test
    void theBenchmarksDistrictsAreAWholeNumberUpToItsStations() {
        assertEquals(0, CliOptions.parse(new String[] {"benchmark"}).districts());
        CliOptions o = CliOptions.parse(new String[] {"benchmark", "--stations=10000000", "--districts=500"});
        assertEquals(10_000_000, o.stations());
        assertEquals(500, o.districts());
        for (String bad : new String[] {"--districts=0", "--districts=1.5", "--districts=1000001", "--districts=x"}) {
            assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"benchmark", bad}), bad);
        }
        assertEquals("--districts is for the benchmark's generated package, not --input", assertThrows(
                IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"benchmark", "--input=x",
                    "--districts=5"})).getMessage());
        assertEquals("--stations, --districts and --heap only go with the benchmark command", assertThrows(
                IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"run", "--districts=5"}))
                .getMessage());
    }

    @Test
    void theOptionsThatTakeAValueAreThoseTheHelpListsWithOne() {
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("^  (--[a-z-]+)=", Pattern.MULTILINE).matcher(CliOptions.HELP);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertEquals(listed, new TreeSet<>(CliOptions.VALUED));
    }
}
