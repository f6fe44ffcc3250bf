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
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.ingest.InputFingerprint;
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
        CsvExports.stations(FlagStream.of(List.of(new StationFlag("cec;final", "official/st;=a.csv", 7, "d\t1", "s,2",
                100.0, 50.0, 60.0, "turnout 100 %; leader over 90 %"))), stations);
        List<CSVRecord> r = parse(Files.readString(stations), ',');
        assertEquals(List.of("cec;final", "official/st;=a.csv", "7", "d\t1", "s,2", "100.0", "50.0", "60.0",
                "turnout 100 %; leader over 90 %"), r.get(1).toList());
        assertTrue(Files.readString(stations).contains(",\"official/st;=a.csv\","));
    }

    /**
     * figures.csv prints every value as {@link Double#toString(double)} does, whole numbers by a shortcut included (the
     * JDK's conversion is the reference, so that the shortcut changes no byte of the file): around zero, both signed
     * zeros, on either side of 10^7 where the JDK switches to E notation, at the largest longs and random values.
     */
    @Test
    void figureValuesArePrintedExactlyAsDoubleToString() throws Exception {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 9_999_999.0, -9_999_999.0, 10_000_000.0,
                -10_000_000.0, 0.001, 0.0009999, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                9.223372036854776E18, -9.223372036854776E18, 4503599627370496.5, 123456.5, 0.1 + 0.2, 2.0E-3, 1e23,
                2e23));
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble());
            values.add((double) (random.nextInt(40_000_000) - 20_000_000));
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextInt(1000) / 40.0);
        }
        List<Figure> figures = new ArrayList<>();
        for (Double v : values) {
            figures.add(new Figure("forensics", "cec", null, "national", null, null, "x", v));
        }
        Path out = tmp.resolve("figures.csv");
        CsvExports.figures(FigureStream.of(figures), out, new PollAnswers("cec"));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(figures.size() + 1, lines.size());
        for (int i = 0; i < figures.size(); i++) {
            Double v = figures.get(i).value();
            String printed = lines.get(i + 1).substring(lines.get(i + 1).lastIndexOf(',') + 1);
            assertEquals(v == null ? "" : Double.toString(v), printed, "value " + values.get(i));
        }
    }

    /**
     * The file does not depend on how the figures arrive in blocks (one text instance shared by many figures, or a
     * fresh one each time), and the hash returned is that of the file as written (read back independently).
     */
    @Test
    void figuresWrittenBlockByBlockAreTheSameFileAndItsHashIsTheFiles() throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String unit = new String("d" + (i % 7) + "/=s" + i);
            figures.add(new Figure("district", "poll;1", "cec-final", Figure.LEVEL_STATION, unit, "c" + (i % 3),
                    "poll_share", i % 5 == 0 ? null : i / 7.0));
            figures.add(new Figure("district", "poll;1", "cec-final", Figure.LEVEL_STATION, unit, new String("c1"),
                    "deviation_pp", -i * 1.5));
        }
        Path whole = tmp.resolve("whole.csv");
        Path blocks = tmp.resolve("blocks.csv");
        String wholeHash = CsvExports.figures(FigureStream.of(figures), whole, new PollAnswers("cec"));
        String blockHash = CsvExports.figures(sink -> {
            for (int i = 0; i < figures.size(); i += 1000) {
                sink.accept(figures.subList(i, Math.min(figures.size(), i + 1000)));
            }
        }, blocks, new PollAnswers("cec"));
        assertEquals(Files.readString(whole), Files.readString(blocks));
        assertEquals(InputFingerprint.sha256(whole), wholeHash);
        assertEquals(InputFingerprint.sha256(blocks), blockHash);
        List<CSVRecord> r = parse(Files.readString(whole), ',');
        // the fourth station's first figure: 3 / 7 as the JDK prints it, the semicolon's field read back whole
        assertEquals(List.of("district", "poll;1", "cec-final", "station", "d3/=s3", "c0", "poll_share",
                "0.42857142857142855"), r.get(7).toList());
    }
}
