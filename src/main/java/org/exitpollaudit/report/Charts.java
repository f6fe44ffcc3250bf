package org.exitpollaudit.report;

import java.util.List;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.PresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFPresetLineDash;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.ErrorBarType;
import org.apache.poi.xddf.usermodel.chart.ErrorValueType;
import org.apache.poi.xddf.usermodel.chart.XDDFErrorBars;
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
import org.openxmlformats.schemas.drawingml.x2006.chart.CTErrBars;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;

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

    /** The colour of the official count in every chart of the workbook (RGB). */
    static final int OFFICIAL = 0x404040;
    /** The colour of the tolerance band ±δ. */
    private static final int BAND = 0x9E9E9E;
    /**
     * The exit polls' colours, by the poll's position in sources.csv: the same poll has the same colour in every
     * chart of the workbook, and none is the official grey.
     */
    private static final int[] POLLS = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
        0x17BECF, 0xBCBD22};

    private Charts() {
    }

    /** The fixed colour of an exit poll (RGB). */
    static int poll(ElectionPackage pkg, String pollId) {
        List<Source> polls = pkg.exitPolls();
        for (int i = 0; i < polls.size(); i++) {
            if (polls.get(i).id().equals(pollId)) {
                return POLLS[i % POLLS.length];
            }
        }
        throw new IllegalArgumentException("not an exit poll of the package: " + pollId);
    }

    /** The fixed colours of the given exit polls, in order. */
    static int[] polls(ElectionPackage pkg, List<Source> polls) {
        return polls.stream().mapToInt(p -> poll(pkg, p.id())).toArray();
    }

    private static XDDFColor color(int rgb) {
        return XDDFColor.from(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb});
    }

    /** Explicit colours: without them some spreadsheet programs draw series with no fill at all. */
    private static void colour(XDDFChartData.Series series, int rgb, boolean asLine) {
        XDDFShapeProperties shape = series.getShapeProperties() != null ? series.getShapeProperties()
                : new XDDFShapeProperties();
        XDDFSolidFillProperties fill = new XDDFSolidFillProperties(color(rgb));
        if (asLine) {
            shape.setLineProperties(line(rgb, 2.0, null));
        } else {
            shape.setFillProperties(fill);
        }
        series.setShapeProperties(shape);
    }

    private static XDDFLineProperties line(int rgb, double width, PresetLineDash dash) {
        XDDFLineProperties line = new XDDFLineProperties();
        line.setFillProperties(new XDDFSolidFillProperties(color(rgb)));
        line.setWidth(width);
        if (dash != null) {
            line.setPresetDash(new XDDFPresetLineDash(dash));
        }
        return line;
    }

    /** Bars in the official colour (one series: a distribution of the official count). */
    static void clusteredBars(XSSFSheet sheet, Block data, Place at, String title, String xTitle, String yTitle,
                              String numberFormat) {
        int[] colours = new int[data.seriesColumns().size()];
        java.util.Arrays.fill(colours, OFFICIAL);
        clusteredBars(sheet, data, at, title, xTitle, yTitle, numberFormat, colours);
    }

    /** Clustered columns, series i in colour {@code colours[i]}; category labels below the plot, clear of bars. */
    static XDDFBarChartData clusteredBars(XSSFSheet sheet, Block data, Place at, String title, String xTitle,
                                          String yTitle, String numberFormat, int[] colours) {
        XSSFChart chart = chart(sheet, at, title);
        XDDFCategoryAxis x = categoryAxis(chart, xTitle);
        XDDFValueAxis y = valueAxis(chart, yTitle, numberFormat);
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        bars.setBarDirection(BarDirection.COL);
        bars.setBarGrouping(BarGrouping.CLUSTERED);
        bars.setVaryColors(false);
        addSeries(sheet, bars, data);
        chart.plot(bars);
        for (int i = 0; i < bars.getSeriesCount(); i++) {
            colour(bars.getSeries(i), colours[i], false);
        }
        return bars;
    }

    /** Lines with markers, series i in colour {@code colours[i]}. */
    static void lines(XSSFSheet sheet, Block data, Place at, String title, String xTitle, String yTitle,
                      String numberFormat, int[] colours) {
        XSSFChart chart = chart(sheet, at, title);
        XDDFCategoryAxis x = categoryAxis(chart, xTitle);
        XDDFValueAxis y = valueAxis(chart, yTitle, numberFormat);
        XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
        lines.setVaryColors(false);
        addSeries(sheet, lines, data);
        chart.plot(lines);
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            XDDFLineChartData.Series line = (XDDFLineChartData.Series) lines.getSeries(i);
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            colour(line, colours[i], true);
        }
    }

    /**
     * Each candidate's deviation from the count per poll (columns, one series per poll in its colour) with its
     * 95 % interval as error bars, the zero line of the count, and the tolerance band ±δ as two dashed lines.
     *
     * @param data        categories (candidates) and one deviation column per poll
     * @param halfWidths  per poll, the column of the interval's half-width (same rows)
     * @param band        the columns of +δ and −δ (same rows), or none
     * @param limit       the value axis runs from −limit to +limit
     */
    static void forest(XSSFSheet sheet, Block data, List<Integer> halfWidths, List<Integer> band, Place at,
                       String title, String yTitle, int[] colours, double limit) {
        XSSFChart chart = chart(sheet, at, title);
        XDDFCategoryAxis x = categoryAxis(chart, null);
        XDDFValueAxis y = valueAxis(chart, yTitle, "+0.0;-0.0;0");
        y.setMinimum(-limit);
        y.setMaximum(limit);
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        bars.setBarDirection(BarDirection.COL);
        bars.setBarGrouping(BarGrouping.CLUSTERED);
        bars.setVaryColors(false);
        bars.setGapWidth(60);
        addSeries(sheet, bars, data);
        chart.plot(bars);
        for (int i = 0; i < bars.getSeriesCount(); i++) {
            XDDFBarChartData.Series s = (XDDFBarChartData.Series) bars.getSeries(i);
            colour(s, colours[i], false);
            String half = new CellRangeAddress(data.firstRow(), data.lastRow(), halfWidths.get(i), halfWidths.get(i))
                    .formatAsString(sheet.getSheetName(), true);
            XDDFErrorBars err = new ErrorBars(half);
            err.setErrorBarType(ErrorBarType.BOTH);
            err.setErrorValueType(ErrorValueType.CUSTOM);
            err.setNoEndCap(false);
            XDDFShapeProperties errLine = new XDDFShapeProperties();
            errLine.setLineProperties(line(0x000000, 1.25, null));
            err.setShapeProperties(errLine);
            s.setErrorBars(err);
        }
        if (!band.isEmpty()) {
            XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
            lines.setVaryColors(false);
            addSeries(sheet, lines, new Block(data.headerRow(), data.firstRow(), data.lastRow(), data.categoryColumn(),
                    band));
            chart.plot(lines);
            for (int i = 0; i < lines.getSeriesCount(); i++) {
                XDDFLineChartData.Series s = (XDDFLineChartData.Series) lines.getSeries(i);
                s.setSmooth(false);
                s.setMarkerStyle(MarkerStyle.NONE);
                XDDFShapeProperties shape = new XDDFShapeProperties();
                shape.setLineProperties(line(BAND, 1.5, PresetLineDash.DASH));
                s.setShapeProperties(shape);
            }
        }
    }

    /**
     * Error bars of custom length read from cells (plus and minus the same range). Built on the XML element itself:
     * POI's public constructor leaves out the bar and value type elements its own setters then write into
     * (NullPointerException in POI 5.5), and its data-source setters store the values as literals, which
     * LibreOffice does not draw; a cell reference both programs draw, and it follows the cells if they are edited.
     */
    private static final class ErrorBars extends XDDFErrorBars {
        ErrorBars(String range) {
            super(complete(range));
        }

        private static CTErrBars complete(String range) {
            CTErrBars bars = CTErrBars.Factory.newInstance();
            bars.addNewErrBarType();
            bars.addNewErrValType();
            bars.addNewNoEndCap();
            bars.addNewPlus().addNewNumRef().setF(range);
            bars.addNewMinus().addNewNumRef().setF(range);
            return bars;
        }
    }

    /** The value axis scale that shows every value given with some room: a round number ≥ 1.1 × the largest. */
    static double limit(double largest) {
        double l = Math.max(largest, 0.1) * 1.1;
        double step = Math.pow(10, Math.floor(Math.log10(l)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * step >= l) {
                return m * step;
            }
        }
        return 10 * step;
    }

    private static XSSFChart chart(XSSFSheet sheet, Place at, String title) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, at.col1(), at.row1(), at.col2(), at.row2());
        XSSFChart chart = drawing.createChart(anchor);
        // pinned size: a chart moves with its cells but is not squeezed when rows change height
        anchor.setAnchorType(org.apache.poi.ss.usermodel.ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    /** Category labels at the low end of the plot, so they never sit on bars that go below zero. */
    private static XDDFCategoryAxis categoryAxis(XSSFChart chart, String title) {
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        if (title != null) {
            x.setTitle(title);
        }
        x.setTickLabelPosition(AxisTickLabelPosition.LOW);
        return x;
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
