package org.exitpollaudit.report;

import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Metric;

/**
 * Fingerprint: Klimek et al.'s (2012, PNAS 109:16469) 2-D histogram of polling stations by turnout and the leader's
 * share, as a colour-scaled grid. Honest elections give one roughly round cloud; ballot stuffing smears it towards
 * the top-right corner (high turnout, high leader share), and fabricated results leave a lattice on whole percents.
 * Streamed (SXSSF): a grid of 101 × 101 cells per release, some 30,000 cells for three, which as POI's in-memory
 * objects cost a large run more than the rest of the in-memory sheets together (their XML objects' methods are hot
 * enough for the JIT's optimising compiler, about 0.6 s of its time at a million stations).
 */
final class FingerprintSheet {

    static final String NAME = "Fingerprint";

    private FingerprintSheet() {
    }

    /** @return whether the sheet was written (there are releases screened) */
    static boolean write(SXSSFWorkbook wb, Styles styles, ReportData data) {
        var sources = ForensicsSheet.sources(data);
        if (sources.isEmpty()) {
            return false;
        }
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        w.title("Fingerprint: turnout × leader's share");
        FigureIndex f = data.index();
        for (String src : sources) {
            fingerprint(w, f, src);
            w.skip();
        }
        w.sheet.setColumnWidth(0, 16 * 256);
        for (int c = 1; c <= 101; c++) {
            w.sheet.setColumnWidth(c, 4 * 256);
        }
        w.sheet.createFreezePane(1, 0);
        return true;
    }

    /** Klimek's fingerprint: rows leader share 100 → 0, columns turnout 0 → 100, colour by station count. */
    private static void fingerprint(SheetWriter w, FigureIndex f, String src) {
        w.text(w.row(), 0, "Release " + src + ": stations by turnout (across, percent) and leader's share (down,"
                + " percent); darker = more stations", w.styles.subtitle);
        Row head = w.row();
        w.text(head, 0, "leader \\ turnout", w.styles.header);
        for (int t = 0; t <= 100; t++) {
            w.number(head, t + 1, (double) t, "0").setCellStyle(w.styles.header);
        }
        int first = w.nextRow();
        for (int l = 100; l >= 0; l--) {
            Row r = w.row();
            w.number(r, 0, (double) l, "0").setCellStyle(w.styles.header);
            for (int t = 0; t <= 100; t++) {
                Double n = f.get(src, null, Figure.NATIONAL, "turnout=" + t + "|leader=" + l, null,
                        Metric.Forensics.FINGERPRINT_STATIONS);
                if (n != null) {
                    w.number(r, t + 1, n, "0");
                }
            }
        }
        int last = w.nextRow() - 1;
        legend(w, f, src);
        SheetConditionalFormatting cf = w.sheet.getSheetConditionalFormatting();
        ConditionalFormattingRule scale = cf.createConditionalFormattingColorScaleRule();
        var cs = scale.getColorScaleFormatting();
        cs.getThresholds()[0].setRangeType(RangeType.MIN);
        cs.getThresholds()[1].setRangeType(RangeType.PERCENTILE);
        cs.getThresholds()[1].setValue(90d);
        cs.getThresholds()[2].setRangeType(RangeType.MAX);
        cs.setColors(new XSSFColor[] {rgb(0xFFF7BC), rgb(0xFD8D3C), rgb(0x800026)});
        cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 1, 101)}, scale);
    }

    /** What the colours mean, in station counts, below the grid. */
    private static void legend(SheetWriter w, FigureIndex f, String src) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int t = 0; t <= 100; t++) {
            for (int l = 0; l <= 100; l++) {
                Double n = f.get(src, null, Figure.NATIONAL, "turnout=" + t + "|leader=" + l, null,
                        Metric.Forensics.FINGERPRINT_STATIONS);
                if (n != null) {
                    min = Math.min(min, n);
                    max = Math.max(max, n);
                }
            }
        }
        if (max > 0) {
            w.text(w.row(), 0, String.format(java.util.Locale.ROOT, "Colour: pale yellow = %,.0f station(s) in a cell,"
                    + " orange = the 90th percentile of occupied cells, dark red = %,.0f stations (the fullest cell);"
                    + " empty cells have none.", min, max));
        }
    }

    private static XSSFColor rgb(int rgb) {
        return new XSSFColor(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}, null);
    }
}
