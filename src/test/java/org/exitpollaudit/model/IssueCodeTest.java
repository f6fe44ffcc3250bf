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

/**
 * The data-issue codes are spelled in one place ({@link IssueCode}), and docs/input-format.md explains each of them in
 * its table "Every data-issue code": the table and the enum hold the same codes, and every code the documentation
 * names anywhere is one of them.
 */
class IssueCodeTest {

    private static final Set<String> NAMES = Arrays.stream(IssueCode.values()).map(Enum::name)
            .collect(Collectors.toSet());

    /** A row of the table: the code in backticks in its first column ("| `ROW_REJECTED` | ERROR | ..."). */
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");

    /** A code anywhere in the text: upper-case letters, digits and '_' in backticks. */
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    /** The codes docs/input-format.md's table explains, in its order, repeats included. */
    private static List<String> tableCodes() throws IOException {
        Matcher m = TABLE_ROW.matcher(read("docs/input-format.md"));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyCodeIsExplainedInTheTable() throws IOException {
        Set<String> missing = new TreeSet<>(NAMES);
        missing.removeAll(tableCodes());
        assertEquals(Set.of(), missing, "codes IssueCode has but the table in docs/input-format.md does not explain");
    }

    @Test
    void theTableExplainsOnlyCodesTheProgramCanReportOnceEach() throws IOException {
        List<String> rows = tableCodes();
        Set<String> unknown = new TreeSet<>(rows);
        unknown.removeAll(NAMES);
        assertEquals(Set.of(), unknown, "codes the table in docs/input-format.md explains but IssueCode does not have");
        assertEquals(new TreeSet<>(rows).size(), rows.size(), "a code the table explains twice: " + rows);
    }

    @Test
    void everyCodeTheDocumentationNamesIsOneTheProgramCanReport() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String doc : List.of("docs/input-format.md", "docs/figures.md")) {
            Matcher m = CODE.matcher(read(doc));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertTrue(named.size() > 40, "the documentation names " + named.size() + " codes: " + named);
        named.removeAll(NAMES);
        assertEquals(Set.of(), named, "codes docs/input-format.md or docs/figures.md names but IssueCode does not have");
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
