package org.exitpollaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows parsed ahead on another thread arrive as the file has them, with a reading error in its place. */
class CsvTableTest {

    @TempDir
    Path tmp;

    private Path file(int goodRows, boolean badByteAfter) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("station_id,valid\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= goodRows; i++) {
            b.write(("s" + i + "," + i + "\n").getBytes(StandardCharsets.UTF_8));
            if (i % 700 == 0) {
                b.write("\n,\n".getBytes(StandardCharsets.UTF_8)); // an empty line and a blank row, skipped
            }
        }
        if (badByteAfter) {
            b.write(new byte[] {'s', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'});
        }
        Path f = tmp.resolve("t" + goodRows + badByteAfter + ".csv");
        Files.write(f, b.toByteArray());
        return f;
    }

    @Test
    void everyRowInFileOrderAcrossBatchesWithItsLineNumber() throws Exception {
        try (CsvTable t = CsvTable.open(file(2000, false), "official/stations.csv")) {
            int expected = 1;
            int line = 2;
            while (t.hasNext()) {
                TableRow r = t.next();
                assertEquals("s" + expected, r.cell(0));
                assertEquals(line, r.line());
                line += expected % 700 == 0 ? 3 : 1;
                expected++;
            }
            assertEquals(2001, expected);
            assertFalse(t.hasNext());
        }
    }

    @Test
    void aReadingErrorComesAfterTheRowsBeforeItNamingTheFile() throws Exception {
        try (CsvTable t = CsvTable.open(file(20000, true), "official/stations.csv")) {
            int read = 0;
            InputException e = null;
            try {
                while (t.hasNext()) {
                    t.next();
                    read++;
                }
            } catch (InputException thrown) {
                e = thrown;
            }
            // the decoder reads ahead in 64 KB buffers (about 6,000 rows here), so the bad byte surfaces with the
            // buffer that holds it: after the rows of the buffers before, never after the end of the file
            assertEquals(true, e != null, "the error is reported");
            assertEquals(true, read <= 20000 && read > 10000, read + " rows before it");
            assertEquals("NOT_UTF8", e.problems().get(0).code());
            assertEquals("official/stations.csv", e.problems().get(0).file());
            assertFalse(t.hasNext(), "nothing after the error");
        }
    }

    /**
     * A file without line breaks (here 3 MB on its third line) is refused at that line, with FATAL UNREADABLE_FILE,
     * instead of being buffered whole, which for a file of 200 MB would end in OutOfMemoryError.
     */
    @Test
    void aLineLongerThanAnyRowIsRefusedAtItsLine() throws Exception {
        Path f = tmp.resolve("long.csv");
        Files.writeString(f, "station_id,a\ns1,1\n" + "9".repeat(3_000_000) + "\n", StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> {
            try (CsvTable t = CsvTable.open(f, "exit-polls/long.csv")) {
                while (t.hasNext()) {
                    t.next();
                }
            }
        });
        assertEquals("UNREADABLE_FILE", e.problems().get(0).code());
        assertEquals(3, e.problems().get(0).line());
        assertEquals(true, e.problems().get(0).message().startsWith("line 3 is longer than 1,048,576 characters"),
                e.problems().get(0).message());
    }

    /** Lines ended by CR alone are lines too: a 2 MB file of short rows is read, not refused as one long line. */
    @Test
    void carriageReturnsAloneEndLinesForTheLengthLimit() throws Exception {
        Path f = tmp.resolve("mac.csv");
        StringBuilder b = new StringBuilder("station_id,a\r");
        for (int i = 0; i < 200_000; i++) {
            b.append("s").append(i).append(",1\r");
        }
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        int rows = 0;
        try (CsvTable t = CsvTable.open(f, "exit-polls/mac.csv")) {
            while (t.hasNext()) {
                t.next();
                rows++;
            }
        }
        assertEquals(200_000, rows);
    }

    @Test
    void closingBeforeTheEndStopsTheParsingThread() throws Exception {
        CsvTable t = CsvTable.open(file(20000, false), "official/stations.csv");
        t.next();
        t.close();
        Thread.sleep(300);
        assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().equals("csv-official/stations.csv") && th.isAlive()).count());
        assertThrows(java.util.NoSuchElementException.class, () -> {
            CsvTable empty = CsvTable.open(file(0, false), "x.csv");
            try (empty) {
                empty.next();
            }
        });
    }
}
