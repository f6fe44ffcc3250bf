package org.exitpollaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.junit.jupiter.api.Test;

/**
 * What the workbook keeps of the figures: not the stations' own, not a district's candidates' (only figures.csv lists
 * them), and of the district-level screening and reconciliation only the release the Districts sheet shows: the final
 * one where it was screened, else the latest.
 */
class ReportDataTest {

    private static Source release(String id, boolean isFinal) {
        return new Source(id, Source.Kind.OFFICIAL, Source.Level.STATION, Source.ValueType.VOTES, null, id + ".csv",
                new Source.Published("Commission", "2025-01-02", null, null, 1),
                Source.Sample.NONE, Source.Coverage.of(isFinal));
    }

    private static ElectionPackage pkg() {
        return new ElectionPackage(null, new Election("t", "Testland election 2025", LocalDate.of(2025, 1, 1), "TL",
                null, null, null), List.of(new Candidate("a", "A", null, List.of())), List.of(),
                List.of(release("p1", false), release("p2", false), release("fin", true)));
    }

    /** Each screened release's national, district and station figures, in the order the analysis stages them. */
    private static List<Figure> figures(String... screened) {
        List<Figure> all = new ArrayList<>();
        for (String s : screened) {
            all.add(new Figure(Figure.FORENSICS, s, null, Figure.NATIONAL, null, null, "districts_screened", 2.0));
            all.add(new Figure(Figure.FORENSICS, s, null, Figure.LEVEL_DISTRICT, "d1", null, "turnout_pct", 50.0));
            all.add(new Figure(Figure.FORENSICS, s, null, Figure.LEVEL_DISTRICT, "d1", "a", "last_digit_p", 0.5));
            all.add(new Figure(Figure.FORENSICS, s, null, Figure.NATIONAL, null, "a", "last_digit_p", 0.4));
            all.add(new Figure(Figure.RECONCILIATION, s, null, Figure.LEVEL_DISTRICT, "d1", null, "stations_loaded",
                    3.0));
            all.add(new Figure(Figure.FORENSICS, s, null, Figure.LEVEL_STATION, "s1", null, "x", 1.0));
        }
        return all;
    }

    private static FigureStream counted(List<Figure> all, int[] passes) {
        return new FigureStream() {
            @Override
            public void forEachBlock(Consumer<List<Figure>> block) {
                passes[0]++;
                block.accept(all);
            }
        };
    }

    @Test
    void theFinalReleasesDistrictFiguresAreKeptInOnePass() {
        int[] passes = {0};
        ReportData.Shown shown = ReportData.shown(pkg(), counted(figures("p1", "p2", "fin"), passes));
        assertEquals(1, passes[0]);
        assertEquals("fin", shown.districtRelease());
        // six national figures (a candidate's among them), and the final release's two district figures, not its
        // candidate's
        assertEquals(8, shown.figures().size());
        assertEquals(List.of("fin", "fin"), shown.figures().stream()
                .filter(f -> Figure.LEVEL_DISTRICT.equals(f.level())).map(Figure::source).toList());
    }

    @Test
    void withoutTheFinalReleaseScreenedTheLatestIsShownAfterASecondPass() {
        int[] passes = {0};
        ReportData.Shown shown = ReportData.shown(pkg(), counted(figures("p1", "p2"), passes));
        assertEquals(2, passes[0]);
        assertEquals("p2", shown.districtRelease());
        assertEquals(6, shown.figures().size());
        assertEquals(List.of("p2", "p2"), shown.figures().stream()
                .filter(f -> Figure.LEVEL_DISTRICT.equals(f.level())).map(Figure::source).toList());
        // the Forensics sheet still has both releases' national figures
        ReportData data = new ReportData(pkg(), figures("p1", "p2"), List.of(), List.of(), List.of(), Map.of(), null,
                Map.of(), "", 0, 0, null);
        assertEquals(List.of("p1", "p2"), ForensicsSheet.sources(data));
        assertEquals("p2", data.districtRelease());
    }

    @Test
    void noReleaseScreenedNoDistrictRelease() {
        ReportData.Shown shown = ReportData.shown(pkg(), counted(List.of(), new int[1]));
        assertEquals(null, shown.districtRelease());
        assertEquals(List.of(), shown.figures());
    }
}
