package org.exitpollaudit.report;

import java.util.Locale;

import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Source;

/**
 * One sheet per exit poll: a row per official release × candidate with every candidate-level metric.
 * Rows whose deviation is significant after Holm's correction are highlighted by conditional formatting, and
 * deviations are shaded by sign.
 */
final class PollSheet {

    private PollSheet() {
    }

    /** The sheet's name before it is made unique ({@link WorkbookReport#uniqueSheetNames}). */
    static String name(Source poll) {
        return "Poll " + poll.id();
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data, Source poll, String sheetName) {
        XSSFSheet sheet = wb.createSheet(sheetName);
        SheetWriter w = new SheetWriter(sheet, styles);
        FigureIndex f = data.index();
        String fin = data.pkg().finalRelease().id();
        w.title(poll.organization() + " (" + poll.id() + "), published " + poll.publishedAt());
        Double n = f.accuracy(poll.id(), fin, null, "n");
        if (n == null) {
            // a poll with no usable figures (its rows rejected) is listed, never shown with figures it does not have
            Row r = w.row();
            w.text(r, 0, "Not compared with the official count: this poll has no usable figures. The Data quality sheet"
                    + " lists why (file " + poll.file() + ").", styles.warnLine);
            w.widths(100);
            return;
        }
        boolean assumed = FigureIndex.isTrue(f.accuracy(poll.id(), fin, null, "n_assumed"));
        var sample = org.exitpollaudit.analysis.SampleSize.of(poll, data.params());
        w.line(String.format(Locale.ROOT, "Sample size n = %,.0f (%s); design effect %.2f; effective n = %,.0f.",
                n, sample.basis(), nz(f.accuracy(poll.id(), fin, null, "deff")),
                nz(f.accuracy(poll.id(), fin, null, "n_eff"))));
        if (assumed) {
            Row r = w.row();
            w.text(r, 0, "n is ASSUMED: the organization did not publish its sample size. See the Sensitivity sheet"
                    + " for how the verdicts change with n and the design effect.", styles.warnLine);
        }
        Double residual = f.accuracy(poll.id(), fin, null, "residual_share");
        w.line(String.format(Locale.ROOT, "Published shares sum to %.2f %%; residual %.2f pp (allocated proportionally)."
                + " Rows highlighted: deviation significant at 5 %% after Holm's correction.",
                100 * (1 - nz(residual)), 100 * nz(residual)));
        w.skip();
        int header = w.header("Official release", "Candidate", "Published share", "Poll share", "Official share",
                "Deviation (pp)", "Relative deviation", "SE", "95% CI low", "95% CI high", "z", "p", "p (Holm)",
                "A' (log odds ratio)", "SE(A')", "Significant");
        int first = w.nextRow();
        for (Source release : data.pkg().officialReleases()) {
            if (!f.compared(poll.id(), release.id())) {
                continue;
            }
            for (Candidate c : data.pkg().candidates()) {
                String pid = poll.id();
                String rid = release.id();
                String cid = c.id();
                if (f.accuracy(pid, rid, cid, "poll_share") == null) {
                    continue;
                }
                Row r = w.row();
                w.text(r, 0, rid + (release.finalRelease() ? " (final)" : ""));
                w.text(r, 1, c.name());
                w.number(r, 2, f.accuracy(pid, rid, cid, "poll_share_published"), Styles.PERCENT);
                w.number(r, 3, f.accuracy(pid, rid, cid, "poll_share"), Styles.PERCENT);
                w.number(r, 4, f.accuracy(pid, rid, cid, "official_share"), Styles.PERCENT);
                w.number(r, 5, f.accuracy(pid, rid, cid, "deviation_pp"), Styles.PP);
                w.number(r, 6, f.accuracy(pid, rid, cid, "relative_deviation"), "+0.0%;-0.0%;0.0%");
                w.number(r, 7, f.accuracy(pid, rid, cid, "se"), Styles.PERCENT);
                w.number(r, 8, f.accuracy(pid, rid, cid, "ci_low"), Styles.PERCENT);
                w.number(r, 9, f.accuracy(pid, rid, cid, "ci_high"), Styles.PERCENT);
                w.number(r, 10, f.accuracy(pid, rid, cid, "z"), "+0.00;-0.00;0.00");
                w.number(r, 11, f.accuracy(pid, rid, cid, "p_value"), Styles.P_VALUE);
                w.number(r, 12, f.accuracy(pid, rid, cid, "p_holm"), Styles.P_VALUE);
                w.number(r, 13, f.accuracy(pid, rid, cid, "log_odds_ratio"), Styles.SIGNED_DECIMAL);
                w.number(r, 14, f.accuracy(pid, rid, cid, "log_odds_ratio_se"), Styles.DECIMAL);
                w.number(r, 15, f.accuracy(pid, rid, cid, "significant"), "0");
            }
        }
        int last = w.nextRow() - 1;
        w.table(header, 15);
        w.widths(20, 22, 10, 10, 10, 11, 10, 9, 10, 10, 8, 10, 10, 11, 9, 11);
        if (last >= first) {
            highlight(sheet, first, last);
        }
    }

    /** Whole row rose where Significant = 1; deviation cell green/rose by sign otherwise visible at a glance. */
    private static void highlight(XSSFSheet sheet, int first, int last) {
        SheetConditionalFormatting cf = sheet.getSheetConditionalFormatting();
        ConditionalFormattingRule significant = cf.createConditionalFormattingRule("$P" + (first + 1) + "=1");
        var fill = significant.createPatternFormatting();
        fill.setFillBackgroundColor(IndexedColors.ROSE.getIndex());
        fill.setFillPattern(FillPatternType.SOLID_FOREGROUND.getCode());
        significant.createFontFormatting().setFontStyle(false, true);
        cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 0, 15)}, significant);
        ConditionalFormattingRule over = cf.createConditionalFormattingRule(ComparisonOperator.GT, "0");
        over.createFontFormatting().setFontColorIndex(IndexedColors.DARK_BLUE.getIndex());
        ConditionalFormattingRule under = cf.createConditionalFormattingRule(ComparisonOperator.LT, "0");
        under.createFontFormatting().setFontColorIndex(IndexedColors.DARK_RED.getIndex());
        cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 5, 5)}, over, under);
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }
}
