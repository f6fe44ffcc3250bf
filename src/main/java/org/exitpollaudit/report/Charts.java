package org.exitpollaudit.report;

import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Real spreadsheet charts (DrawingML, via POI's XDDF API) over a block of cells on the same sheet: categories
 * in one column, one series per further column, series names in the block's header row.
 */
final class Charts {

    /** Where a chart's data sits: header row, first and last data row, category column, series columns. */
    record Block(int headerRow, int firstRow, int lastRow, int categoryColumn, List<Integer> seriesColumns) {
    }

    /** Where the chart is drawn, in cells. */
    record Place(int col1, int row1, int col2, int row2) {
    }

    /** Series colours (RGB): dark grey first (the official figure where it leads), then distinct hues. */
    private static final int[] PALETTE = {0x404040, 0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B,
        0xE377C2, 0x17BECF, 0xBCBD22};

    private Charts() {
    }

    private static XDDFColor color(int i) {
        int rgb = PALETTE[i % PALETTE.length];
        return XDDFColor.from(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb});
    }

    /** Explicit colours: without them some spreadsheet programs draw series with no fill at all. */
    private static void colour(XDDFChartData.Series series, int index, boolean asLine) {
        XDDFShapeProperties shape = series.getShapeProperties() != null ? series.getShapeProperties()
                : new XDDFShapeProperties();
        XDDFSolidFillProperties fill = new XDDFSolidFillProperties(color(index));
        if (asLine) {
            XDDFLineProperties line = new XDDFLineProperties();
            line.setFillProperties(fill);
            line.setWidth(2.0);
            shape.setLineProperties(line);
        } else {
            shape.setFillProperties(fill);
        }
        series.setShapeProperties(shape);
    }

    static void clusteredBars(XSSFSheet sheet, Block data, Place at, String title, String xTitle, String yTitle,
                              String numberFormat) {
        XSSFChart chart = chart(sheet, at, title);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        x.setTitle(xTitle);
        XDDFValueAxis y = valueAxis(chart, yTitle, numberFormat);
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        bars.setBarDirection(BarDirection.COL);
        bars.setBarGrouping(BarGrouping.CLUSTERED);
        bars.setVaryColors(false);
        addSeries(sheet, bars, data);
        chart.plot(bars);
        for (int i = 0; i < bars.getSeriesCount(); i++) {
            colour(bars.getSeries(i), i, false);
        }
    }

    static void lines(XSSFSheet sheet, Block data, Place at, String title, String xTitle, String yTitle,
                      String numberFormat) {
        XSSFChart chart = chart(sheet, at, title);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        x.setTitle(xTitle);
        XDDFValueAxis y = valueAxis(chart, yTitle, numberFormat);
        XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
        lines.setVaryColors(false);
        addSeries(sheet, lines, data);
        chart.plot(lines);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            XDDFLineChartData.Series line = (XDDFLineChartData.Series) lines.getSeries(i);
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            colour(line, i + 1, true);
        }
    }

    private static XSSFChart chart(XSSFSheet sheet, Place at, String title) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, at.col1(), at.row1(), at.col2(), at.row2());
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    private static XDDFValueAxis valueAxis(XSSFChart chart, String title, String numberFormat) {
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setTitle(title);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        y.setCrossBetween(AxisCrossBetween.BETWEEN);
        y.setNumberFormat(numberFormat);
        return y;
    }

    private static void addSeries(XSSFSheet sheet, XDDFChartData chartData, Block data) {
        XDDFDataSource<String> categories = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                new CellRangeAddress(data.firstRow(), data.lastRow(), data.categoryColumn(), data.categoryColumn()));
        for (int col : data.seriesColumns()) {
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(data.firstRow(), data.lastRow(), col, col));
            XDDFChartData.Series series = chartData.addSeries(categories, values);
            String name = sheet.getRow(data.headerRow()).getCell(col).getStringCellValue();
            series.setTitle(name, new CellReference(sheet.getSheetName(), data.headerRow(), col, true, true));
        }
    }
}
