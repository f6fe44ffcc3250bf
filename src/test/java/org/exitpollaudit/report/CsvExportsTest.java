package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.exitpollaudit.analysis.StationFlag;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV outputs read back as the same fields, and every field holding a comma, semicolon or tab is quoted:
 * Commons CSV's parser is the reference reader, and its printer the reference for the quoting RFC 4180 needs.
 */
class CsvExportsTest {

    @TempDir
    Path tmp;

    @Test
    void quotingIsCommonsCsvMinimalQuotingPlusSemicolonAndTab() {
        Random random = new Random(13);
        String alphabet = "ab =+-@#!\"',\r\n;\t.9";
        for (int n = 0; n < 20000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(6) + 1; i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String field = s.toString();
            String quoted = CsvSafe.quoted(field);
            if (field.indexOf(';') < 0 && field.indexOf('\t') < 0) {
                // a field in the middle of a record, as Commons CSV prints it
                String reference = CSVFormat.RFC4180.format("x", field, "y");
                assertEquals(reference.substring(2, reference.length() - 2), quoted, "field [" + field + "]");
            } else {
                assertEquals('"' + field.replace("\"", "\"\"") + '"', quoted, "field [" + field + "]");
            }
        }
    }

    private static List<CSVRecord> parse(String text, char delimiter) throws Exception {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setDelimiter(delimiter).get()).get()) {
            return p.getRecords();
        }
    }

    @Test
    void aFileNameWithSemicolonAndEqualsStaysOneQuotedField() throws Exception {
        List<DataIssue> issues = List.of(
                DataIssue.error(IssueCode.ROW_REJECTED, "exit-polls/a;=cmd|' /C calc'!A0.csv", 3, "x\ty", "bad; really, \"bad\""),
                new DataIssue(DataIssue.Severity.WARNING, "NOTE", "plain.csv", null, null, "=1+2"));
        Path out = tmp.resolve("data-issues.csv");
        CsvExports.issues(issues, out);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.contains(",\"exit-polls/a;=cmd|' /C calc'!A0.csv\","), text);
        List<CSVRecord> comma = parse(text, ',');
        assertEquals(List.of("ERROR", "ROW_REJECTED", "exit-polls/a;=cmd|' /C calc'!A0.csv", "3", "x\ty",
                "bad; really, \"bad\""), comma.get(1).toList());
        assertEquals("'=1+2", comma.get(2).get(5), "a formula start is neutralised");
        assertTrue(text.contains(",\"x\ty\","), "a tab is quoted too: " + text);
    }

    @Test
    void stationsAndFiguresQuoteTheirTextFieldsToo() throws Exception {
        Path stations = tmp.resolve("stations-flagged.csv");
        CsvExports.stations(List.of(new StationFlag("cec;final", "official/st;=a.csv", 7, "d\t1", "s,2", 100.0, 50.0,
                60.0, "turnout 100 %; leader over 90 %")), stations);
        List<CSVRecord> r = parse(Files.readString(stations), ',');
        assertEquals(List.of("cec;final", "official/st;=a.csv", "7", "d\t1", "s,2", "100.0", "50.0", "60.0",
                "turnout 100 %; leader over 90 %"), r.get(1).toList());
        assertTrue(Files.readString(stations).contains(",\"official/st;=a.csv\","));
    }
}
