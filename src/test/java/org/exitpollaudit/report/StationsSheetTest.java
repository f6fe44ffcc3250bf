package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.reconcile.StationFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flagged stations, streamed onto as many sheets as Excel's row limit needs, each with its own header. */
class StationsSheetTest {

    @TempDir
    Path tmp;

    private static List<StationFlag> flags(int n) {
        List<StationFlag> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new StationFlag("cec", "official/final.csv", 2 + i, "d1", "s" + i, 1000.0, 97.0, 96.0,
                    "turnout and leader share both ≥ 95 %"));
        }
        return out;
    }

    private XSSFWorkbook written(FlagStream flags, int rowsPerSheet) throws Exception {
        return StreamedSheets.written(tmp.resolve("stations" + rowsPerSheet + ".xlsx"),
                (wb, styles) -> StationsSheet.write(wb, styles, flags, rowsPerSheet));
    }

    @Test
    void sevenStationsAtThreeRowsASheetFillThreeSheetsInOrder() throws Exception {
        try (XSSFWorkbook wb = written(FlagStream.of(flags(7)), 3)) {
            assertEquals(List.of("Stations", "Stations 2", "Stations 3"),
                    List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
            int[] rows = {3, 3, 1};
            int station = 0;
            for (int s = 0; s < 3; s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                assertEquals("Why flagged", sheet.getRow(0).getCell(8).getStringCellValue());
                assertEquals(rows[s], sheet.getLastRowNum(), sheet.getSheetName());
                for (int r = 1; r <= rows[s]; r++) {
                    assertEquals("s" + station++, sheet.getRow(r).getCell(4).getStringCellValue());
                }
                assertEquals("A1:I" + (Math.max(1, rows[s]) + 1), sheet.getCTWorksheet().getAutoFilter().getRef());
                assertEquals("Printed: the first " + rows[s] + " of " + rows[s] + " flagged stations; all of them are on"
                        + " this sheet and in stations-flagged.csv", sheet.getHeader().getCenter());
            }
            assertEquals(7, station);
        }
    }

    @Test
    void noFlaggedStationNoSheet() throws Exception {
        try (XSSFWorkbook wb = written(FlagStream.of(List.of()), 3)) {
            assertEquals(0, wb.getNumberOfSheets());
            assertNull(wb.getSheet(StationsSheet.NAME));
        }
    }

    /** A stream that gives other stations than it counted (staging changed under the report) stops the report. */
    @Test
    void aCountThatDisagreesWithTheStationsStopsTheReport() {
        FlagStream wrong = new FlagStream() {
            @Override
            public long count() {
                return 5;
            }

            @Override
            public void forEach(Consumer<StationFlag> flag) {
                flags(4).forEach(flag);
            }
        };
        assertThrows(IllegalStateException.class, () -> written(wrong, 3));
    }
}
