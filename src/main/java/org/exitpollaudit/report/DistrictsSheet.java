package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;

/**
 * Districts: every district, one row each, sortable and filterable — stations, turnout and leader share from the
 * screened station release, the integer-percentage excess, the digit tests (smallest Holm-adjusted p over the
 * candidates) and, for exit polls with district or station figures, WPE, ln α and the test. Rows with a flagged test
 * are highlighted.
 */
final class DistrictsSheet {

    static final String NAME = "Districts";

    private DistrictsSheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        List<String> sources = ForensicsSheet.sources(data);
        List<String> polls = data.figures().stream().filter(f -> Figure.DISTRICT.equals(f.section())
                && Figure.LEVEL_DISTRICT.equals(f.level())).map(Figure::source).distinct().toList();
        Set<String> ids = new LinkedHashSet<>();
        data.pkg().districts().forEach(d -> ids.add(d.id()));
        data.figures().stream().filter(f -> Figure.LEVEL_DISTRICT.equals(f.level()) && f.unit() != null
                && (Figure.FORENSICS.equals(f.section()) || Figure.DISTRICT.equals(f.section())))
                .forEach(f -> ids.add(f.unit()));
        if (ids.isEmpty() || (sources.isEmpty() && polls.isEmpty())) {
            return;
        }
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        String src = sources.isEmpty() ? null : sources.get(0);
        w.title("Districts" + (src == null ? "" : " (screened release: " + src + ")"));
        w.line("Sort or filter any column. Rose rows: at least one test flags the district after Holm's correction over"
                + " all districts.");
        List<String> head = new ArrayList<>(List.of("District", "Name", "Stations", "Stations expected", "Turnout %",
                "Leader share %", "Integer: observed", "Integer: expected", "Integer: excess", "Integer p (Holm)",
                "2BL min p (Holm)", "Last digit min p (Holm)", "Flagged tests"));
        for (String p : polls) {
            head.addAll(List.of(p + ": WPE (pp)", p + ": ln α", p + ": p (Holm)"));
        }
        int h = w.header(head.toArray(String[]::new));
        int first = w.nextRow();
        for (String d : ids) {
            Row r = w.row();
            w.text(r, 0, d);
            w.text(r, 1, data.pkg().districts().stream().filter(x -> x.id().equals(d)).map(District::name).findFirst()
                    .orElse(""));
            if (src != null) {
                w.number(r, 2, f.get(Figure.RECONCILIATION, src, null, Figure.LEVEL_DISTRICT, d, null, "stations_loaded"),
                        Styles.INTEGER);
                w.number(r, 3, f.get(Figure.RECONCILIATION, src, null, Figure.LEVEL_DISTRICT, d, null, "stations_expected"),
                        Styles.INTEGER);
                w.number(r, 4, fx(f, src, d, null, "turnout_pct"), "0.00");
                w.number(r, 5, fx(f, src, d, null, "leader_share_pct"), "0.00");
                w.number(r, 6, fx(f, src, d, null, "integer_either_observed"), Styles.INTEGER);
                w.number(r, 7, fx(f, src, d, null, "integer_either_expected"), "#,##0.0");
                w.number(r, 8, fx(f, src, d, null, "integer_either_excess"), "+#,##0.0;-#,##0.0");
                w.number(r, 9, fx(f, src, d, null, "integer_p_holm"), Styles.P_VALUE);
                w.number(r, 10, minOver(f, data, src, d, "benford2_"), Styles.P_VALUE);
                w.number(r, 11, minOver(f, data, src, d, "last_digit_"), Styles.P_VALUE);
                w.number(r, 12, fx(f, src, d, null, "flagged_tests"), "0");
            }
            int col = 13;
            for (String p : polls) {
                w.number(r, col++, local(data, f, p, d, "wpe"), "+0.0;-0.0;0.0");
                w.number(r, col++, local(data, f, p, d, "ln_alpha"), Styles.SIGNED_DECIMAL);
                w.number(r, col++, local(data, f, p, d, "p_holm"), Styles.P_VALUE);
            }
        }
        int last = w.nextRow() - 1;
        int lastCol = head.size() - 1;
        w.table(h, lastCol);
        w.sheet.createFreezePane(2, h + 1);
        int[] widths = new int[head.size()];
        java.util.Arrays.fill(widths, 12);
        widths[0] = 10;
        widths[1] = 30;
        w.widths(widths);
        if (last >= first) {
            SheetConditionalFormatting cf = w.sheet.getSheetConditionalFormatting();
            List<String> checks = new ArrayList<>();
            checks.add("$M" + (first + 1) + ">0");
            for (int i = 0; i < polls.size(); i++) {
                String c = CellReference.convertNumToColString(15 + 3 * i);
                checks.add("AND(ISNUMBER($" + c + (first + 1) + "),$" + c + (first + 1) + "<" + data.params().alpha() + ")");
            }
            ConditionalFormattingRule flagged = cf.createConditionalFormattingRule("OR(" + String.join(",", checks) + ")");
            var fill = flagged.createPatternFormatting();
            fill.setFillBackgroundColor(IndexedColors.ROSE.getIndex());
            fill.setFillPattern(FillPatternType.SOLID_FOREGROUND.getCode());
            cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 0, lastCol)}, flagged);
        }
    }

    private static Double fx(FigureIndex f, String src, String d, String candidate, String metric) {
        return f.get(Figure.FORENSICS, src, null, Figure.LEVEL_DISTRICT, d, candidate, metric);
    }

    private static Double minOver(FigureIndex f, ReportData data, String src, String d, String prefix) {
        Double min = null;
        for (Candidate c : data.pkg().candidates()) {
            Double p = fx(f, src, d, null, prefix + c.id() + "_p_holm");
            if (p != null && (min == null || p < min)) {
                min = p;
            }
        }
        return min;
    }

    private static Double local(ReportData data, FigureIndex f, String poll, String d, String metric) {
        for (Figure x : data.figures()) {
            if (Figure.DISTRICT.equals(x.section()) && poll.equals(x.source()) && Figure.LEVEL_DISTRICT.equals(x.level())
                    && d.equals(x.unit()) && metric.equals(x.metric()) && x.candidate() == null) {
                return x.value();
            }
        }
        return null;
    }
}
