package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages name the physical line a person finds in an editor (counted by hand in each test's file), a file that
 * is not UTF-8 gets one message with the line and a guess at its encoding, XLSX cells without a usable value are
 * errors of their cell, and a table reports the SHA-256 of exactly the bytes its rows came from.
 */
class TableMessagesTest {

    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws Exception {
        return bytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(String name, byte[] content) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static List<TableRow> rows(Path f) throws Exception {
        try (Table t = Table.open(f, f.getFileName().toString())) {
            return Table.readAll(t);
        }
    }

    private static InputException failure(Path f) {
        return assertThrows(InputException.class, () -> rows(f));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # lines: 1 header, 2 a, 3-5 empty, 6 b, 7 blank cells, 8 empty (CRLF), 9 c
            blank lines   | id,v\\na,1\\n\\n\\n\\nb,2\\n,\\n\\r\\nc,3\\n          | 2 6 9
            # lines: 1-2 empty, 3 header, 4 data
            leading blank | \\n\\nid,v\\na,1\\n                                | 4
            # line 2 starts a row whose quoted note spans lines 2-4; 5 the next row; 6 empty; 7 the last, over 7-8
            quoted breaks | id,note\\na,"one\\ntwo\\nthree"\\nb,x\\n\\nc,"y\\r\\nz"\\n | 2 5 7
            """)
    void rowsAreNumberedByThePhysicalLineTheyStartOn(String name, String escaped, String lines) throws Exception {
        String text = escaped.replace("\\r", "\r").replace("\\n", "\n");
        List<TableRow> r = rows(csv(name.replace(' ', '-') + ".csv", text));
        assertEquals(java.util.Arrays.stream(lines.split(" ")).map(Integer::valueOf).toList(),
                r.stream().map(TableRow::line).toList());
        assertEquals(text.startsWith("id,note") ? "one\ntwo\nthree" : "a", r.get(0).cell(text.startsWith("id,note") ? 1 : 0));
    }

    @Test
    void aThousandRowsAfterBlankLinesKeepTheirLines() throws Exception {
        // the issue's case: three empty lines before row 1000 put it on line 1003
        StringBuilder b = new StringBuilder("id,v\n");
        for (int i = 1; i <= 1200; i++) {
            if (i == 999) {
                b.append("\n\n\n");
            }
            b.append('s').append(i).append(",1\n");
        }
        List<TableRow> r = rows(csv("many.csv", b.toString()));
        TableRow row999 = r.get(998);
        assertEquals("s999", row999.cell(0));
        assertEquals(1 + 998 + 3 + 1, row999.line());
        assertEquals(1 + 1200 + 3, r.get(1199).line());
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpens() throws Exception {
        // line 4 opens a quote that nothing closes; the file goes on to line 9
        Path f = csv("open.csv", "id,note\na,1\nb,\"fine \"\"quoted\"\" text\"\nc,\"never closed\nd,1\ne,1\nf,1\ng,1\nh,1\n");
        InputException e = failure(f);
        DataIssue p = e.problems().get(0);
        assertEquals("UNCLOSED_QUOTE", p.code());
        assertEquals(4, p.line(), p.describe());
        assertTrue(p.message().contains("never closed"), p.message());
    }

    @Test
    void anUnclosedQuoteInTheSecondFieldOfAMultiLineRecord() throws Exception {
        // the record of line 2 closes its first quote on line 3, then opens another on line 3
        Path f = csv("open2.csv", "id,a,b\nx,\"p\nq\",\"r\ns\nt\n");
        assertEquals(3, failure(f).problems().get(0).line());
    }

    @Test
    void aCp1251FileIsNamedWithItsLineAndEncoding() throws Exception {
        Charset cp1251 = Charset.forName("windows-1251");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("candidate_id,name\nputin,".getBytes(StandardCharsets.US_ASCII));
        b.write("Путин Владимир Владимирович\n".getBytes(cp1251));
        DataIssue p = failure(bytes("candidates.csv", b.toByteArray())).problems().get(0);
        assertEquals("NOT_UTF8", p.code());
        assertEquals("candidates.csv", p.file());
        assertEquals(2, p.line());
        assertTrue(p.message().contains("windows-1251") && p.message().contains("Путин Владимир"), p.message());
    }

    @Test
    void aLatin1FileIsGuessedAsWesternEuropean() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("id,name\nx,ok\n\ny,".getBytes(StandardCharsets.US_ASCII));
        b.write("Zoë Müller\n".getBytes(StandardCharsets.ISO_8859_1));
        DataIssue p = failure(bytes("c.csv", b.toByteArray())).problems().get(0);
        assertEquals(4, p.line());
        assertTrue(p.message().contains("windows-1252") && p.message().contains("Zoë Müller"), p.message());
    }

    @Test
    void aBadByteFarIntoTheFileIsFoundOnItsLine() throws Exception {
        // the decoder reads 64 KB ahead of the parser: the line comes from the bytes, not from the parser
        StringBuilder s = new StringBuilder("id,v\n");
        for (int i = 0; i < 20000; i++) {
            s.append("s").append(i).append(",1\n");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(s.toString().getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {'s', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'});
        b.write("z,1\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(20002, failure(bytes("big.csv", b.toByteArray())).problems().get(0).line());
    }

    @Test
    void utf16WithoutByteOrderMarkIsOneMessage() throws Exception {
        byte[] le = "candidate_id,name\nputin,Putin\n".getBytes(StandardCharsets.UTF_16LE);
        InputException e = failure(bytes("candidates.csv", le));
        assertEquals(1, e.problems().size());
        DataIssue p = e.problems().get(0);
        assertEquals("NOT_UTF8", p.code());
        assertTrue(p.message().contains("UTF-16") && p.message().contains("NUL"), p.message());
        assertFalse(p.message().contains("\0"));
        // big-endian with its byte order mark
        byte[] be = "id,v\n".getBytes(StandardCharsets.UTF_16);
        assertTrue(failure(bytes("be.csv", be)).problems().get(0).message().contains("byte order mark"));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theContentIsTheHashOfTheBytesTheRowsCameFrom() throws Exception {
        StringBuilder s = new StringBuilder("\uFEFFid,v\n");
        for (int i = 0; i < 30000; i++) {
            s.append("s").append(i).append(",1\n");
        }
        byte[] original = s.toString().getBytes(StandardCharsets.UTF_8);
        Path f = bytes("h.csv", original);
        try (Table t = Table.open(f, "h.csv")) {
            Table.readAll(t);
            assertEquals(new Table.Content(original.length, sha256(original)), t.content());
        }
        // appended to while being read: the content is what was read, and differs from the original's
        try (Table t = Table.open(f, "h.csv")) {
            t.next();
            try (OutputStream out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.APPEND)) {
                out.write("late,1\n".getBytes(StandardCharsets.US_ASCII));
            }
            Table.readAll(t);
            Table.Content c = t.content();
            assertNotEquals(sha256(original), c.sha256());
            assertEquals(original.length + 7, c.bytes());
        }
    }

    private Path xlsx(java.util.function.Consumer<XSSFSheet> fill) throws Exception {
        Path f = tmp.resolve("poll.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            XSSFSheet sheet = wb.createSheet("poll");
            XSSFRow h = sheet.createRow(0);
            h.createCell(0).setCellValue("candidate");
            h.createCell(1).setCellValue("percent");
            fill.accept(sheet);
            wb.write(out);
        }
        return f;
    }

    @Test
    void aFormulaNeverCalculatedIsAnErrorOfItsCellNotZero() throws Exception {
        Path f = xlsx(sheet -> {
            XSSFRow r = sheet.createRow(1);
            r.createCell(0).setCellValue("aliyev");
            XSSFCell c = r.createCell(1);
            c.setCellFormula("C2*100");
            // a generated workbook: the formula is stored without the <v> of a calculated value
            if (c.getCTCell().isSetV()) {
                c.getCTCell().unsetV();
            }
        });
        try (var zip = new java.util.zip.ZipFile(f.toFile())) {
            String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(sheet.contains("<f>C2*100</f>") && !sheet.contains("<f>C2*100</f><v>"), sheet);
        }
        try (Table t = Table.open(f, "exit-polls/poll.xlsx")) {
            TableRow r = t.next();
            assertEquals(2, r.line());
            assertNotEquals("0", r.cell(1));
            assertThrows(NumberFormatException.class, () -> Cells.number(r.cell(1)), "never a number");
            DataIssue n = t.notes().get(0);
            assertEquals(DataIssue.Severity.ERROR, n.severity());
            assertEquals("XLSX_NO_VALUE", n.code());
            assertEquals("exit-polls/poll.xlsx", n.file());
            assertEquals(2, n.line());
            assertEquals("B", n.column());
            assertTrue(n.message().contains("B2") && n.message().contains("C2*100") && n.message().contains("not read as 0"),
                    n.message());
        }
    }

    @Test
    void anErrorCellHasItsOwnMessage() throws Exception {
        Path f = xlsx(sheet -> {
            XSSFRow r = sheet.createRow(1);
            r.createCell(0).setCellValue("aliyev");
            r.createCell(1).setCellErrorValue(FormulaError.DIV0);
        });
        try (Table t = Table.open(f, "exit-polls/poll.xlsx")) {
            TableRow r = t.next();
            assertEquals("#DIV/0!", r.cell(1));
            DataIssue n = t.notes().get(0);
            assertEquals("XLSX_ERROR_CELL", n.code());
            assertEquals(2, n.line());
            assertTrue(n.message().contains("#DIV/0!") && !n.message().contains("write 0"), n.message());
        }
    }

    @Test
    void aStyledEmptyCellAtXfd1AddsNoColumns() throws Exception {
        Path f = xlsx(sheet -> {
            var style = sheet.getWorkbook().createCellStyle();
            style.setFillForegroundColor((short) 13);
            sheet.getRow(0).createCell(16383).setCellStyle(style);
            XSSFRow r = sheet.createRow(1);
            r.createCell(0).setCellValue("aliyev");
            r.createCell(1).setCellValue(92.1);
            r.createCell(700).setCellStyle(style);
        });
        try (Table t = Table.open(f, "poll.xlsx")) {
            assertEquals(List.of("candidate", "percent"), t.header());
            assertEquals(List.of("aliyev", "92.1"), t.next().cells());
            assertTrue(t.notes().isEmpty());
        }
    }

    @Test
    void anXlsxContentIsTheHashOfItsBytes() throws Exception {
        Path f = xlsx(sheet -> sheet.createRow(1).createCell(0).setCellValue("x"));
        byte[] b = Files.readAllBytes(f);
        try (Table t = Table.open(f, "poll.xlsx")) {
            Table.readAll(t);
            assertEquals(new Table.Content(b.length, sha256(b)), t.content());
        }
    }

    @Test
    void repeatsAreFoldedPerCodeAndFileWithCountAndFirstLines() {
        List<DataIssue> issues = new ArrayList<>();
        issues.add(DataIssue.fatal(IssueCode.MISSING_FILE, "sources.csv", 3, "file", "'a.csv' does not exist in the package"));
        for (int line = 2; line <= 1001; line++) {
            issues.add(DataIssue.fatal(IssueCode.BAD_ID, "candidates.csv", line, "candidate_id", "'X" + line + "' is not a valid id"));
        }
        issues.add(DataIssue.fatal(IssueCode.BAD_ID, "sources.csv", 4, "source_id", "'Y' is not a valid id"));
        issues.add(DataIssue.fatal(IssueCode.BAD_ID, "sources.csv", 5, "source_id", "'Z' is not a valid id"));
        List<DataIssue> g = IssueGroups.grouped(issues);
        assertEquals(4, g.size());
        DataIssue folded = g.get(1);
        assertEquals("candidates.csv: 1,000 times, lines 2, 3, 4, 5, 6 and 995 more; the first (line 2): 'X2' is not a valid id",
                new DataIssue(folded.severity(), folded.code(), folded.file(), folded.line(), null, folded.message()).describe());
        assertEquals("candidate_id", folded.column());
        assertEquals(issues.get(0), g.get(0));
        assertEquals(issues.subList(1001, 1003), g.subList(2, 4), "two of a kind stay as they are");
    }
}
