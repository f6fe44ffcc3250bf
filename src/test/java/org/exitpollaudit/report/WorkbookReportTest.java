package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The report's streaming workbook copies the sheets' XML as bytes where POI copies it a character at a time: every
 * part must be POI's, byte for byte, whichever way rows reach a sheet, and for XML where a copy by bytes could part
 * from one by characters.
 */
class WorkbookReportTest {

    /** A wrapped workbook: a sheet with rows (text outside ASCII among them) and one without. */
    private static XSSFWorkbook template() {
        XSSFWorkbook wb = new XSSFWorkbook();
        XSSFSheet summary = wb.createSheet("Summary");
        for (int r = 0; r < 3; r++) {
            summary.createRow(r).createCell(0).setCellValue("summary " + r + " é中 <sheetData");
        }
        wb.createSheet("Empty");
        // one time for both writes (the document's own times; the parts' zip times are not compared)
        var core = wb.getProperties().getCoreProperties();
        core.setCreated(java.util.Optional.of(new java.util.Date(0)));
        core.setModified(java.util.Optional.of(new java.util.Date(0)));
        return wb;
    }

    private static void rows(Sheet s, int from, int n, String tag) {
        for (int r = from; r < from + n; r++) {
            Row row = s.createRow(r);
            row.createCell(0).setCellValue(tag + " " + r + " é中 </sheetData>");
            row.createCell(1).setCellValue(r);
        }
    }

    /** The workbook's parts by name, in the order written. */
    private static Map<String, byte[]> parts(boolean ours, Consumer<SXSSFWorkbook> streamed) throws Exception {
        byte[] zip;
        try (XSSFWorkbook wb = template()) {
            SXSSFWorkbook s = ours ? WorkbookReport.streaming(wb, 0) : new SXSSFWorkbook(wb, 1000);
            try {
                streamed.accept(s);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                s.write(out);
                zip = out.toByteArray();
            } finally {
                s.dispose();
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            Enumeration<ZipArchiveEntry> en = z.getEntriesInPhysicalOrder();
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static void sameAsPoi(String what, Consumer<SXSSFWorkbook> streamed) throws Exception {
        Map<String, byte[]> poi = parts(false, streamed);
        Map<String, byte[]> ours = parts(true, streamed);
        assertEquals(poi.keySet().stream().toList(), ours.keySet().stream().toList(), what);
        poi.forEach((name, bytes) -> assertArrayEquals(bytes, ours.get(name), what + ": " + name));
    }

    @Test
    void everyPartIsPoisWhicheverWayRowsReachASheet() throws Exception {
        sameAsPoi("a named streamed sheet", s -> rows(s.createSheet("Stream"), 0, 5, "s"));
        sameAsPoi("an unnamed streamed sheet", s -> rows(s.createSheet(), 0, 5, "u"));
        sameAsPoi("rows streamed into a wrapped sheet", s -> rows(s.getSheet("Summary"), 10, 5, "w"));
        sameAsPoi("a streamed sheet renamed", s -> {
            Sheet x = s.createSheet("Before");
            rows(x, 0, 5, "r");
            s.setSheetName(s.getSheetIndex(x), "After");
        });
        sameAsPoi("a streamed sheet without rows", s -> s.createSheet("NoRows"));
        sameAsPoi("a sheet with rows of its own and streamed rows", s -> {
            Sheet x = s.createSheet("Mixed");
            s.getXSSFWorkbook().getSheet("Mixed").createRow(0).createCell(0).setCellValue("xssf row");
            rows(x, 1, 5, "m");
        });
        sameAsPoi("no streamed sheet", s -> { });
    }

    /**
     * The copy on its own, against POI's own (its private {@code copyStreamAndInjectWorksheet}, called reflectively):
     * the same bytes for a sheet with rows, without, with text outside ASCII, and for the XML POI never writes but
     * handles in its own way ({@code <sheetData} followed by another character, or at the end of the part).
     */
    @Test
    void theCopyIsPoisCopy() throws Exception {
        java.lang.reflect.Method poi = SXSSFWorkbook.class.getDeclaredMethod("copyStreamAndInjectWorksheet",
                InputStream.class, java.io.OutputStream.class, Class.forName(
                        "org.apache.poi.xssf.streaming.SXSSFWorkbook$ISheetInjector"));
        poi.setAccessible(true);
        Object injector = java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {poi.getParameterTypes()[2]}, (proxy, method, args) -> {
                    ((java.io.OutputStream) args[0]).write("ROWS".getBytes(StandardCharsets.US_ASCII));
                    return null;
                });
        for (String xml : new String[] {"<a><sheetData><row/></sheetData><b/></a>", "<a><sheetData/><b/></a>",
                "<a>é中<sheetDatum/><sheetData/></a>", "<a/>", "", "<sheetData", "<a><sheetData/", "<a><sheetData/x>",
                "<a><sheetData/<sheetData/></a>", "<a><sheetData x='1'/><sheetData/></a>", "<a><sheetDat<sheetData>"
                + "<r/></sheetDat</sheetData>z", "<a><sheetData><r/>"}) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            poi.invoke(null, new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), expected,
                    injector);
            assertEquals(expected.toString(StandardCharsets.UTF_8), copied(xml), xml);
        }
        assertEquals("<a><sheetData><row/>ROWS</sheetData><b/></a>",
                copied("<a><sheetData><row/></sheetData><b/></a>"));
        assertEquals("<a><sheetData>\nROWS</sheetData><b/></a>", copied("<a><sheetData/><b/></a>"));
    }

    private static String copied(String xml) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookReport.copyAndInject(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), out,
                o -> o.write("ROWS".getBytes(StandardCharsets.US_ASCII)));
        return out.toString(StandardCharsets.UTF_8);
    }
}
