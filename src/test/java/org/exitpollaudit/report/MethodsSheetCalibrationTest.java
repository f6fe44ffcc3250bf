package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.calibration.CalibrationTable;
import org.junit.jupiter.api.Test;

/** The Methods sheet's calibration section shows the table shipped in the jar, named by its seed and date. */
class MethodsSheetCalibrationTest {

    @Test
    void theSectionNamesTheShippedTablesSeedDateAndReplicationsAndShowsEveryCell() throws Exception {
        CalibrationTable table = CalibrationTable.shipped();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(MethodsSheet.NAME);
            MethodsSheet.calibration(new SheetWriter(sheet, new Styles(wb)), table);
            Map<String, String> labelled = new HashMap<>();
            int header = -1;
            for (Row r : sheet) {
                Cell first = r.getCell(0);
                String label = first == null ? "" : first.getStringCellValue();
                if (r.getCell(1) != null && header < 0) {
                    labelled.put(label, r.getCell(1).getStringCellValue());
                }
                if (label.equals("Size")) {
                    header = r.getRowNum();
                }
                for (Cell c : r) {
                    assertFalse(c.getStringCellValue().toLowerCase().contains("synthetic"), c.getAddress() + ": " + c);
                }
            }
            assertEquals(table.meta().get("seed"), labelled.get(MethodsSheet.SEED));
            assertEquals(table.meta().get("generated"), labelled.get(MethodsSheet.GENERATED));
            assertEquals(table.meta().get("replications"), labelled.get(MethodsSheet.REPLICATIONS));
            assertEquals(table.meta().get("samples"), labelled.get(MethodsSheet.SAMPLES));
            assertEquals(table.meta().get("command"), labelled.get(MethodsSheet.COMMAND));
            assertEquals(table.rows().size(), sheet.getLastRowNum() - header, "one line per cell");
            // the first cell's line, against the table's own numbers
            CalibrationTable.Row c = table.rows().get(0);
            Row r = sheet.getRow(header + 1);
            assertEquals(String.format(java.util.Locale.ROOT, "%,d stations", c.electionStations()), r.getCell(0).getStringCellValue());
            assertEquals(c.description(), r.getCell(2).getStringCellValue());
            String rate = r.getCell(3).getStringCellValue();
            assertTrue(rate.endsWith(String.format(java.util.Locale.ROOT, "%,d of %,d", c.rejections(), c.trials())), rate);
            // the verdict rule's lines name n instead of a number of stations
            List<String> sizes = sheet.getRow(sheet.getLastRowNum()).getCell(0).getStringCellValue().lines().toList();
            assertEquals(List.of("n = 5,012"), sizes);
        }
    }
}
