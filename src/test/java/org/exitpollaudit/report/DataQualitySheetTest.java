package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataQualitySheetTest {

    @TempDir
    Path tmp;

    @Test
    void issuesPastTheRowLimitAreCountedOnTheSheetNotLost() throws Exception {
        List<DataIssue> issues = new ArrayList<>();
        for (int line = 2; line < 22; line++) {
            issues.add(DataIssue.error(IssueCode.ROW_REJECTED, "official/stations.csv", line, "valid", "row rejected: =1+" + line));
        }
        ReportData data = new ReportData(null, List.of(), issues, List.of(), List.of(), Map.of("cec", 5), null,
                Map.of(), "", 0, 0, null);
        Path file = tmp.resolve("dq.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            SXSSFWorkbook streaming = new SXSSFWorkbook(wb, 4);
            // 12 rows in all: five of titles and header, six issues, one note
            DataQualitySheet.write(streaming, new Styles(wb), data, 12);
            try (OutputStream out = Files.newOutputStream(file)) {
                streaming.write(out);
            }
            streaming.dispose();
        }
        try (XSSFWorkbook back = new XSSFWorkbook(file.toFile())) {
            Sheet s = back.getSheet(DataQualitySheet.NAME);
            assertEquals(11, s.getLastRowNum(), "the last row is the limit's last");
            assertEquals("Message", s.getRow(4).getCell(5).getStringCellValue());
            assertEquals(2.0, s.getRow(5).getCell(3).getNumericCellValue());
            assertEquals(7.0, s.getRow(10).getCell(3).getNumericCellValue());
            // text from the input stays text: a string cell, never a formula
            assertEquals("row rejected: =1+7", s.getRow(10).getCell(5).getStringCellValue());
            String note = s.getRow(11).getCell(0).getStringCellValue();
            assertTrue(note.contains("14 more issues") && note.contains("data-issues.csv"), note);
            assertEquals(5, s.getPaneInformation().getHorizontalSplitPosition(), "frozen below the header");
        }
    }
}
