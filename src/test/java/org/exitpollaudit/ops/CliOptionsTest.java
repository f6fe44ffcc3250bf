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
