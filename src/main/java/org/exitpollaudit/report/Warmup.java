package org.exitpollaudit.report;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Makes a throw-away workbook with a cell style and a chart on a background thread while the application starts.
 * The first workbook of a process costs about half a second of class loading and initialisation (POI, XMLBeans'
 * schema types, the chart model) whatever its size; Spring's start-up runs on one core meanwhile, so on a machine
 * with two or more the cost is paid in parallel instead of inside the validate step (XLSX inputs) and the report
 * step. Nothing of it is kept or written; a failure here only means the real workbook pays the cost itself.
 */
public final class Warmup {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {
    }

    /** Starts the warm-up once per process, on a daemon thread (it never delays the exit). */
    public static void start() {
        if (Runtime.getRuntime().availableProcessors() < 2 || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warmup::run, "workbook-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("warm-up");
            for (int i = 0; i < 3; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue("c" + i);
                row.createCell(1).setCellValue(i);
            }
            wb.createCellStyle().setDataFormat(wb.createDataFormat().getFormat("0.0"));
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 3, 0, 8, 10));
            XDDFChartData data = chart.createData(ChartTypes.BAR, chart.createCategoryAxis(AxisPosition.BOTTOM),
                    chart.createValueAxis(AxisPosition.LEFT));
            data.addSeries(XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(0, 2, 0, 0)),
                    XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(0, 2, 1, 1)));
            chart.plot(data);
            wb.write(OutputStream.nullOutputStream());
        } catch (Exception | LinkageError e) {
            // only a warm-up: the report makes the real workbook and reports its own failures
        }
    }
}
