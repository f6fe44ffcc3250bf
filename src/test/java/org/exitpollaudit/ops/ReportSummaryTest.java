package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.report.CsvExports;
import org.exitpollaudit.report.FigureStream;
import org.exitpollaudit.report.PollAnswers;
import org.exitpollaudit.report.ReportPublisher;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer printed at the end of a run, from a report's files written here by hand: the three-valued verdict and
 * the size of the gap ({@code verdict} with −1, {@code margin_error} and its interval, {@code coincides}) where the
 * report has them, {@code verdict_consistent} alone where it does not, and a poll with no figure at all.
 */
class ReportSummaryTest {

    @TempDir
    Path report;

    @Test
    void eachPollsAnswerIsReadFromTheReportsFigures() throws Exception {
        ElectionPackage pkg = PackageReader.read(TestPackages.AZ).electionPackage();
        String h = "accuracy,%s,cec-final,national,,,%s,%s\n";
        Files.writeString(report.resolve(ReportPublisher.FIGURES), "section,source,reference,level,unit,candidate,metric,value\n"
                + String.format(h, "oracle", "verdict", "-1.0") + String.format(h, "oracle", "verdict_consistent", "0.0")
                + String.format(h, "oracle", "max_abs_deviation_pp", "1.7763936912044809")
                + String.format(h, "oracle", "margin_error", "1.2345") + String.format(h, "oracle", "margin_error_ci_low", "-0.5")
                + String.format(h, "oracle", "margin_error_ci_high", "2.969") + String.format(h, "oracle", "coincides", "0.0")
                // a poll figure against another release and a per-candidate figure: not the headline
                + "accuracy,rey,cec-prelim-1,national,,,verdict_consistent,0.0\n"
                + "accuracy,rey,cec-final,national,,oruj,deviation_pp,-0.5\n"
                + String.format(h, "rey", "verdict_consistent", "1.0") + String.format(h, "rey", "max_abs_deviation_pp", "4.2"),
                StandardCharsets.UTF_8);
        Files.writeString(report.resolve(ReportPublisher.ISSUES), "severity,code,file,line,column,message\n"
                + "ERROR,SOURCE_NOT_USED,exit-polls/src.csv,,,src has no usable row (see the rejected rows); it is left out of the comparison\n"
                + "ERROR,ROW_REJECTED,exit-polls/src.csv,2,aliyev-ilham,row rejected: '9x.4' is not a number\n"
                + "WARNING,ASSUMED_SAMPLE_SIZE,sources.csv,5,sample_size,oracle: n assumed\n"
                + "ERROR,BAD_NUMBER,sources.csv,7,sample_size,'5 012' is not a number; ignored\n", StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportSummary.print(report, pkg, true, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ExitCodes.SOURCE_LEFT_OUT, code);
        assertEquals(String.join("\n",
                "Exit polls against the final release cec-final:",
                "  oracle  depends on what was not published; largest gap 1.78 pp; margin error +1.23 pp (95 % CI -0.50 pp"
                        + " to +2.97 pp); does not coincide within the tolerance",
                "  rey     consistent with sampling error; largest gap 4.20 pp",
                "  src     not compared with the final release (see the data issues)",
                "Report written to " + report,
                "Workbook: " + report.resolve(ReportPublisher.WORKBOOK),
                // an error other than a rejected row or a source left out (those have their own lines) is named
                "Errors in the input:",
                "  - sources.csv, line 7, column 'sample_size': '5 012' is not a number; ignored",
                "All data issues: " + report.resolve(ReportPublisher.ISSUES),
                "4 data issues (3 errors, 1 warning); 1 row rejected.", ""), out.toString(StandardCharsets.UTF_8));
        String warning = err.toString(StandardCharsets.UTF_8);
        assertTrue(warning.contains("exit-polls/src.csv: src has no usable row") && warning.contains(
                "src (exit-polls/src.csv) has no figure in the report"), warning);
        // why the source has no usable row: its file's rejected rows, under it
        assertTrue(warning.contains("it is left out of the comparison\n      rows rejected in exit-polls/src.csv: 1\n"
                + "        exit-polls/src.csv, line 2, column 'aliyev-ilham': row rejected: '9x.4' is not a number\n"),
                warning);

        // answers gathered against another release than the final one are not this answer: the file is read instead
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(ExitCodes.SOURCE_LEFT_OUT, ReportSummary.print(report, pkg, new PollAnswers("cec-prelim-1"), true,
                false, new PrintStream(again, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(),
                        true, StandardCharsets.UTF_8)));
        assertEquals(out.toString(StandardCharsets.UTF_8), again.toString(StandardCharsets.UTF_8));
    }

    /**
     * What a run gathers of figures.csv as it writes it is what reading the file back gives: sources whose ids a
     * spreadsheet would take for a formula (written neutralised), with commas, quotes, line breaks, tabs and colons;
     * empty, NaN and −0.0 values; a local comparison's source with no national figure; records of other sections and
     * references, which are not the answer. It survives the job's execution context ({@code encode}) too.
     */
    @Test
    void answersGatheredWhileWritingAreThoseReadBack() throws Exception {
        List<Figure> figures = new ArrayList<>();
        String[] sources = {"oracle", "=cmd", "a,b \"q\"", "line\nbreak\tand:colon", "-1"};
        for (String s : sources) {
            figures.add(new Figure(Figure.ACCURACY, s, "cec-final", Figure.NATIONAL, null, null, "verdict", 1.0));
            figures.add(new Figure(Figure.ACCURACY, s, "cec-final", Figure.NATIONAL, null, null, "margin_error", -0.0));
            figures.add(new Figure(Figure.ACCURACY, s, "cec-final", Figure.NATIONAL, null, null, "coincides", null));
            figures.add(new Figure(Figure.ACCURACY, s, "cec-final", Figure.NATIONAL, null, null, "z", Double.NaN));
            figures.add(new Figure(Figure.ACCURACY, s, "cec-final", Figure.NATIONAL, null, "c1", "deviation_pp", 0.1));
            figures.add(new Figure(Figure.ACCURACY, s, "cec-prelim", Figure.NATIONAL, null, null, "verdict", 0.0));
            figures.add(new Figure(Figure.SENSITIVITY, s, "cec-final", Figure.NATIONAL, null, null, "x", 1 / 3.0));
        }
        figures.add(new Figure(Figure.AGREEMENT, "rey", null, Figure.NATIONAL, null, null, "chi2", 2.5));
        figures.add(new Figure(Figure.FORENSICS, "cec-final", null, Figure.NATIONAL, null, null, "n", 7.0));
        figures.add(new Figure(Figure.FORENSICS, "forensic-only", null, Figure.NATIONAL, null, null, "n", 7.0));
        for (int d = 0; d < 50; d++) {
            figures.add(new Figure(Figure.DISTRICT, d < 25 ? "local,poll" : "=local", "cec-final", "district", "d" + d,
                    "c1", "share", d / 7.0));
        }
        PollAnswers written = new PollAnswers("cec-final");
        CsvExports.figures(FigureStream.of(figures), report.resolve(ReportPublisher.FIGURES), written);
        PollAnswers read = ReportSummary.answers(report.resolve(ReportPublisher.FIGURES), "cec-final");
        assertEquals(read, written);
        assertEquals(written, PollAnswers.decode(written.encode()));
        // what the answer is made of, as a reader of the file sees it
        assertTrue(read.compared("rey") && read.compared("local,poll") && !read.local("rey") && read.local("local,poll"));
        assertTrue(!read.compared("forensic-only") && !read.compared("=cmd") && read.compared("'=cmd"), read.toString());
        assertEquals(4, read.headline("line\nbreak\tand:colon").size());
        assertEquals(-0.0, read.headline("oracle").get("margin_error"));
        // a figure that is not a number has no value (Figure), written as an empty field
        assertTrue(read.headline("oracle").containsKey("z") && read.headline("oracle").get("z") == null);
        assertTrue(read.headline("oracle").containsKey("coincides") && read.headline("oracle").get("coincides") == null);
        assertEquals(null, read.headline("rey"));
    }
}
