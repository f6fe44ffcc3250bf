package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.HolmTest;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;

/**
 * Districts: every district, one row each, sortable and filterable — stations, turnout and leader share from the
 * screened station release ({@link #release}: the final one where it was screened); the values behind each flag
 * (integer-percentage excess, z and Holm p; the smallest last-digit Holm p and whose it is); the descriptive
 * turnout–leader figures (correlation and its Holm p, the leader's slope minus share, the others' slope) and 2BL, none
 * of which counts as a flag; and, for exit polls with district figures, WPE, ln α, the split's z scaled by the poll's
 * dispersion, its Holm p and the flag. A row is highlighted only when a counted test flags it (integer or last digit
 * after Holm) or an exit poll's ln α stands out; a district without figures says why.
 */
final class DistrictsSheet {

    static final String NAME = "Districts";

    /** The fixed columns; the poll columns follow. */
    private static final List<String> HEAD = List.of("District", "Name", "Stations", "Stations expected", "Turnout %",
            "Leader share %", "Integer: observed", "Integer: expected", "Integer: excess", "Integer: z",
            "Integer p (Holm)", "Last digit min p (Holm)", "Last digit: candidate", "Flagged tests",
            "Turnout–leader r", "r p (Holm, not counted)", "Leader slope − share", "Others' slope",
            "2BL min p (Holm, not counted)", "Note");
    private static final int FLAGGED_COLUMN = HEAD.indexOf("Flagged tests");
    private static final int NOTE_COLUMN = HEAD.indexOf("Note");
    /** Columns per exit poll. */
    private static final int POLL_COLUMNS = 5;

    private DistrictsSheet() {
    }

    /**
     * The official release whose district screening and station counts the sheet shows, among those screened (in
     * figure order): the final release where it was screened, else the latest screened; {@code null} if none was.
     * A preliminary release covers only part of the stations, so the final count is the one to read district by
     * district (the Forensics sheet has every screened release's national figures).
     */
    static String release(ElectionPackage pkg, List<String> screened) {
        String fin = pkg.finalRelease().id();
        return screened.contains(fin) ? fin : screened.isEmpty() ? null : screened.get(screened.size() - 1);
    }

    /**
     * The release {@link #release} most likely gives before the figures are read: the final release where it has
     * stations, else the last official station-level release in the package's order; {@code null} if there is none.
     */
    static String likelyRelease(ElectionPackage pkg) {
        Source fin = pkg.finalRelease();
        if (fin.level() == Source.Level.STATION) {
            return fin.id();
        }
        List<Source> stations = pkg.officialReleases().stream().filter(x -> x.level() == Source.Level.STATION).toList();
        return stations.isEmpty() ? null : stations.get(stations.size() - 1).id();
    }

    /**
     * Writes the sheet, streamed (a row per district: thousands of them in a large election), as the last sheet of
     * {@code wb}; returns whether there was one to write.
     */
    static boolean write(SXSSFWorkbook wb, Styles styles, ReportData data) {
        String src = data.districtRelease();
        // each poll with district figures, and the official release its districts were compared with
        Map<String, String> polls = new LinkedHashMap<>();
        data.figures().stream().filter(f -> Figure.DISTRICT.equals(f.section()) && Figure.LEVEL_DISTRICT.equals(f.level()))
                .forEach(f -> polls.putIfAbsent(f.source(), f.reference()));
        Set<String> ids = new LinkedHashSet<>();
        data.pkg().districts().forEach(d -> ids.add(d.id()));
        data.figures().stream().filter(f -> Figure.LEVEL_DISTRICT.equals(f.level()) && f.unit() != null
                && ((Figure.FORENSICS.equals(f.section()) && f.source().equals(src))
                || Figure.DISTRICT.equals(f.section())))
                .forEach(f -> ids.add(f.unit()));
        if (ids.isEmpty() || (src == null && polls.isEmpty())) {
            return false;
        }
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        FigureIndex f = data.index();
        w.title("Districts" + (src == null ? "" : " (screened release: " + src + ")"));
        w.line("Rose rows: a counted test flags the district after Holm's correction over all districts (integer"
                + " percentages, last digits), or an exit poll's split of the national pair stands out from its other districts.");
        w.line("Turnout–leader r and 2BL are shown but never counted: their nulls fail in honest elections too (Methods)."
                + " Slopes: votes / registered on turnout; 0 = voters split alike at every turnout.");
        List<String> head = new ArrayList<>(HEAD);
        for (String p : polls.keySet()) {
            head.addAll(List.of(p + ": WPE (pp)", p + ": ln α", p + ": z / √φ", p + ": p (Holm)", p + ": flagged"));
        }
        int h = w.header(head.toArray(String[]::new));
        int first = w.nextRow();
        // each district's name, looked up once (a million-station package has thousands of districts)
        Map<String, String> names = new HashMap<>();
        data.pkg().districts().forEach(x -> names.putIfAbsent(x.id(), x.name()));
        for (String d : ids) {
            Row r = w.row();
            w.text(r, 0, d);
            w.text(r, 1, names.getOrDefault(d, ""));
            if (src != null) {
                forensics(w, r, f, data, src, d);
            }
            int col = HEAD.size();
            for (Map.Entry<String, String> p : polls.entrySet()) {
                w.number(r, col++, local(f, p, d, Metric.District.WPE), "+0.0;-0.0;0.0");
                w.number(r, col++, local(f, p, d, Metric.District.LN_ALPHA), Styles.SIGNED_DECIMAL);
                w.number(r, col++, local(f, p, d, Metric.District.PAIR_T), "+0.00;-0.00;0.00");
                w.number(r, col++, local(f, p, d, Metric.District.PAIR_P_HOLM), Styles.P_VALUE);
                Double flagged = local(f, p, d, Metric.District.FLAGGED);
                w.text(r, col++, flagged == null ? "" : flagged > 0 ? "yes" : "no");
            }
        }
        int last = w.nextRow() - 1;
        int lastCol = head.size() - 1;
        w.table(h, lastCol);
        w.sheet.createFreezePane(2, h + 1);
        int[] widths = new int[head.size()];
        Arrays.fill(widths, 12);
        widths[0] = 10;
        widths[1] = 30;
        widths[NOTE_COLUMN] = 60;
        w.widths(widths);
        if (last >= first) {
            SheetConditionalFormatting cf = w.sheet.getSheetConditionalFormatting();
            List<String> checks = new ArrayList<>();
            String flaggedCol = CellReference.convertNumToColString(FLAGGED_COLUMN);
            checks.add("AND(ISNUMBER($" + flaggedCol + (first + 1) + "),$" + flaggedCol + (first + 1) + ">0)");
            for (int i = 0; i < polls.size(); i++) {
                String c = CellReference.convertNumToColString(HEAD.size() + POLL_COLUMNS * i + POLL_COLUMNS - 1);
                checks.add("$" + c + (first + 1) + "=\"yes\"");
            }
            ConditionalFormattingRule flagged = cf.createConditionalFormattingRule("OR(" + String.join(",", checks) + ")");
            var fill = flagged.createPatternFormatting();
            fill.setFillBackgroundColor(IndexedColors.ROSE.getIndex());
            fill.setFillPattern(FillPatternType.SOLID_FOREGROUND.getCode());
            cf.addConditionalFormatting(new CellRangeAddress[] {new CellRangeAddress(first, last, 0, lastCol)}, flagged);
        }
        return true;
    }

    /** The screened release's figures of one district, or a note saying why there are none. */
    private static void forensics(SheetWriter w, Row r, FigureIndex f, ReportData data, String src, String d) {
        Double loaded = f.get(src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Reconciliation.STATIONS_LOADED);
        w.number(r, 2, loaded, Styles.INTEGER);
        w.number(r, 3, f.get(src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Reconciliation.STATIONS_EXPECTED),
                Styles.INTEGER);
        Double withFigures = fx(f, src, d, null, Metric.Forensics.STATIONS_WITH_FIGURES);
        if (withFigures == null || withFigures == 0) {
            w.text(r, NOTE_COLUMN, note(f, data, src, d, loaded));
            return;
        }
        w.number(r, 4, fx(f, src, d, null, Metric.Forensics.TURNOUT_PCT), "0.00");
        w.number(r, 5, fx(f, src, d, null, Metric.Forensics.LEADER_SHARE_PCT), "0.00");
        w.number(r, 6, fx(f, src, d, null, Metric.Forensics.INTEGER_EITHER_OBSERVED), Styles.INTEGER);
        w.number(r, 7, fx(f, src, d, null, Metric.Forensics.INTEGER_EITHER_EXPECTED), "#,##0.0");
        w.number(r, 8, fx(f, src, d, null, Metric.Forensics.INTEGER_EITHER_EXCESS), "+#,##0.0;-#,##0.0");
        w.number(r, 9, fx(f, src, d, null, Metric.Forensics.INTEGER_EITHER_Z), "+0.00;-0.00;0.00");
        w.number(r, 10, holm(f, src, d, HolmTest.INTEGER.key()), Styles.P_VALUE);
        Candidate lastDigit = argMin(f, data, src, d, HolmTest.LAST_DIGIT);
        w.number(r, 11, lastDigit == null ? null : holm(f, src, d, HolmTest.LAST_DIGIT.key(lastDigit.id())),
                Styles.P_VALUE);
        w.text(r, 12, lastDigit == null ? "" : lastDigit.name());
        w.number(r, FLAGGED_COLUMN, fx(f, src, d, null, Metric.Forensics.FLAGGED_TESTS), "0");
        w.number(r, 14, fx(f, src, d, null, Metric.Forensics.TURNOUT_LEADER_R), "+0.000;-0.000;0.000");
        w.number(r, 15, holm(f, src, d, HolmTest.TURNOUT_LEADER.key()), Styles.P_VALUE);
        w.number(r, 16, fx(f, src, d, null, Metric.Forensics.TURNOUT_SLOPE_LEADER_EXCESS), "+0.000;-0.000;0.000");
        w.number(r, 17, fx(f, src, d, null, Metric.Forensics.TURNOUT_SLOPE_OTHERS), "+0.000;-0.000;0.000");
        Candidate benford = argMin(f, data, src, d, HolmTest.BENFORD2);
        w.number(r, 18, benford == null ? null : holm(f, src, d, HolmTest.BENFORD2.key(benford.id())),
                Styles.P_VALUE);
        if (holm(f, src, d, HolmTest.INTEGER.key()) == null) {
            w.text(r, NOTE_COLUMN, "integer test not computed: no station in its selection (registered ≥ 100,"
                    + " turnout and leader share ≤ 99 %)");
        } else if (lastDigit == null) {
            w.text(r, NOTE_COLUMN, "digit tests not computed: fewer than 60 counts ≥ 10 per candidate");
        }
    }

    /**
     * Why a district has no screening figures, from the reconciliation's station counts and districts.csv. Rows
     * rejected at ingest (a protocol with no figures) never reach a district's counts, so a district whose every row
     * was rejected looks like one with no rows; the note names both possibilities and where the rejected rows are.
     */
    private static String note(FigureIndex f, ReportData data, String src, String d, Double loaded) {
        Double rejected = f.get(src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Reconciliation.STATIONS_REJECTED);
        if (loaded != null && loaded > 0) {
            return String.format(Locale.ROOT, "%,.0f stations loaded, none with registered, ballots cast, valid and the"
                    + " leader's votes all given", loaded);
        }
        if (rejected != null && rejected > 0) {
            return String.format(Locale.ROOT, "no station figures: all %,.0f rows of %s for this district were rejected"
                    + " (see Data quality)", rejected, src);
        }
        Long listed = data.pkg().districts().stream().filter(x -> x.id().equals(d)).map(District::stations)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return "no station figures in " + src + (listed == null ? "" : String.format(Locale.ROOT,
                " (districts.csv lists %,d stations)", listed)) + ": its rows are missing, or were rejected at ingest"
                + " for lack of figures (see Data quality)";
    }

    private static Double fx(FigureIndex f, String src, String d, String candidate, Metric.Forensics metric) {
        return f.get(src, null, Figure.LEVEL_DISTRICT, d, candidate, metric);
    }

    /** A district's Holm-adjusted p of one test ({@code integer}, {@code last_digit_<candidate>}, …). */
    private static Double holm(FigureIndex f, String src, String d, String test) {
        return f.member(src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Forensics.P_HOLM,
                Metric.Forensics.P_HOLM.member(test));
    }

    /** The candidate whose test of this kind has the smallest Holm p in the district; null if none was tested. */
    private static Candidate argMin(FigureIndex f, ReportData data, String src, String d, HolmTest test) {
        Candidate best = null;
        Double min = null;
        for (Candidate c : data.pkg().candidates()) {
            Double p = holm(f, src, d, test.key(c.id()));
            if (p != null && (min == null || p < min)) {
                min = p;
                best = c;
            }
        }
        return best;
    }

    private static Double local(FigureIndex f, Map.Entry<String, String> poll, String d, Metric.District metric) {
        return f.get(poll.getKey(), poll.getValue(), Figure.LEVEL_DISTRICT, d, null, metric);
    }
}
