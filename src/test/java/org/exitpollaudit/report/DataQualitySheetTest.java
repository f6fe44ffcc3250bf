package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataQualitySheetTest {

    @TempDir
    Path tmp;

    /** 25 rejected rows of one file, then one arithmetic error in the same file (Russia's case, scaled down). */
    private static List<DataIssue> issues() {
        List<DataIssue> issues = new ArrayList<>();
        for (int line = 2; line < 27; line++) {
            issues.add(DataIssue.error(IssueCode.ROW_REJECTED, "official/stations.csv", line, "valid", "row rejected: =1+" + line));
        }
        issues.add(DataIssue.error(IssueCode.FOUND_OVER_CAST, "official/stations.csv", 900, "valid",
                "station 2056: 1,288 ballots found, more than the 1,287 cast"));
        return issues;
    }

    private Sheet written(int maxRows) throws Exception {
        Source cec = new Source("cec", Source.Kind.OFFICIAL, Source.Level.STATION, Source.ValueType.VOTES,
                null, "official/stations.csv",
                new Source.Published("Commission", "2025-01-02", null, null, 1),
                Source.Sample.NONE, Source.Coverage.of(true));
        ElectionPackage pkg = new ElectionPackage(null, new Election("t", "Testland election 2025",
                LocalDate.of(2025, 1, 1), "TL", null, null, null), List.of(), List.of(), List.of(cec));
        ReportData data = new ReportData(pkg, List.of(), issues(), List.of(), List.of(), Map.of("cec", 5), null,
                Map.of(), "", 0, 0, null);
        return StreamedSheets.written(tmp.resolve("dq" + maxRows + ".xlsx"),
                (wb, styles) -> DataQualitySheet.write(wb, styles, data, maxRows)).getSheet(DataQualitySheet.NAME);
    }

    private static String text(Sheet s, int row, int col) {
        return s.getRow(row).getCell(col).getStringCellValue();
    }

    @Test
    void oneErrorIsNotBuriedUnderTwentyFiveIdenticalRejectedRows() throws Exception {
        Sheet s = written(DataQualitySheet.MAX_ROWS);
        // rows 0-3 title, counts, legend, blank; 4 "Issues by code and file"; 5 its header; 6-7 the two groups,
        // the single error first (fewest issues of the same severity first)
        assertEquals("Count", text(s, 5, 3));
        assertEquals("FOUND_OVER_CAST", text(s, 6, 1));
        assertEquals(1.0, s.getRow(6).getCell(3).getNumericCellValue());
        assertEquals("line 900", text(s, 6, 4));
        assertEquals("ROW_REJECTED", text(s, 7, 1));
        assertEquals(25.0, s.getRow(7).getCell(3).getNumericCellValue());
        // 9 the list's title, 10 its header, 11 the error, 12-31 the first 20 rejected rows, 32 the rest counted
        assertEquals("Message", text(s, 10, 5));
        assertEquals(900.0, s.getRow(11).getCell(3).getNumericCellValue());
        assertEquals(2.0, s.getRow(12).getCell(3).getNumericCellValue());
        assertEquals(21.0, s.getRow(31).getCell(3).getNumericCellValue());
        // text from the input stays text: a string cell, never a formula
        assertEquals("row rejected: =1+7", text(s, 17, 5));
        assertEquals("… and 5 more ROW_REJECTED in official/stations.csv: see data-issues.csv", text(s, 32, 5));
        assertEquals(32, s.getLastRowNum());
    }

    @Test
    void issuesPastTheRowLimitAreCountedOnTheSheetNotLost() throws Exception {
        // 16 rows: 11 above the list, room for 4 issues and the note on what did not fit
        Sheet s = written(16);
        assertEquals(15, s.getLastRowNum(), "the last row is the limit's last");
        assertEquals(900.0, s.getRow(11).getCell(3).getNumericCellValue());
        assertEquals(4.0, s.getRow(14).getCell(3).getNumericCellValue());
        String note = text(s, 15, 0);
        assertTrue(note.contains("22 more issues") && note.contains("data-issues.csv"), note);
    }
}
