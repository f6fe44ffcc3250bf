package org.exitpollaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The data-issue codes are spelled in one place ({@link IssueCode}) and agree with what docs/input-format.md names. */
class IssueCodeTest {

    private static final Set<String> NAMES = Arrays.stream(IssueCode.values()).map(Enum::name)
            .collect(Collectors.toSet());

    @Test
    void everyCodeTheDocumentationNamesIsOneTheProgramCanReport() throws IOException {
        String doc = Files.readString(Path.of("docs/input-format.md"), StandardCharsets.UTF_8);
        // codes appear in backticks: `ROW_REJECTED`, `NOT_UTF8`, `OVER_100`
        Matcher m = Pattern.compile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+|IMPLAUSIBLE|NEGATIVE)`").matcher(doc);
        Set<String> named = new TreeSet<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertTrue(named.size() > 40, "docs/input-format.md names " + named.size() + " codes: " + named);
        named.removeAll(NAMES);
        assertEquals(Set.of(), named, "codes docs/input-format.md names but IssueCode does not have");
    }

    @Test
    void noSourceFileSpellsACodeAsText() throws IOException {
        Path main = Path.of("src/main/java/org/exitpollaudit");
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]+)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = main.relativize(f).toString().replace('\\', '/');
                if (rel.equals("model/IssueCode.java")) {
                    continue;
                }
                Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (NAMES.contains(m.group(1))) {
                        found.add(rel + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "use IssueCode instead of the code's text");
    }

    @Test
    void anIssueIsOfTheCodeItWasMadeWith() {
        DataIssue i = DataIssue.error(IssueCode.ROW_REJECTED, "a.csv", 3, "x", "row rejected: bad");
        assertEquals("ROW_REJECTED", i.code());
        assertTrue(i.is(IssueCode.ROW_REJECTED));
        assertTrue(!i.is(IssueCode.SOURCE_NOT_USED));
    }
}
