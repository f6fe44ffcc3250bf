package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.AnalysisParameters;
import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.StationFlag;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.model.AppVersion;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;

/**
 * Everything a report shows, gathered from staging by the report step: the workbook, figures.csv and the
 * manifest are all written from this one object, so they cannot disagree.
 *
 * @param figures       the figures the workbook shows: all but the station-level ones ({@link #shown}), which only
 *                      figures.csv lists
 * @param allFigures    every figure, in order, for figures.csv
 * @param rowsLoaded    rows loaded per source id
 * @param parameters    the job parameters as recorded (sorted by name)
 */
public record ReportData(ElectionPackage pkg, List<Figure> figures, FigureStream allFigures, List<DataIssue> issues,
                         List<StationFlag> flags, List<InputFile> inputs,
                         Map<String, Integer> rowsLoaded, AnalysisParameters params, Map<String, String> parameters,
                         String fingerprint, long jobExecutionId, long jobInstanceId, AppVersion version,
                         FigureIndex index) {

    /**
     * The report's data from every figure of the run, read as often as needed; the figures the workbook shows are
     * kept and indexed once for every sheet to look up.
     */
    public ReportData(ElectionPackage pkg, FigureStream allFigures, List<DataIssue> issues, List<StationFlag> flags,
                      List<InputFile> inputs, Map<String, Integer> rowsLoaded, AnalysisParameters params,
                      Map<String, String> parameters, String fingerprint, long jobExecutionId, long jobInstanceId,
                      AppVersion version) {
        this(pkg, shown(allFigures), allFigures, issues, flags, inputs, rowsLoaded, params, parameters, fingerprint,
                jobExecutionId, jobInstanceId, version);
    }

    /** The same from figures in memory. */
    public ReportData(ElectionPackage pkg, List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                      List<InputFile> inputs, Map<String, Integer> rowsLoaded, AnalysisParameters params,
                      Map<String, String> parameters, String fingerprint, long jobExecutionId, long jobInstanceId,
                      AppVersion version) {
        this(pkg, FigureStream.of(figures), issues, flags, inputs, rowsLoaded, params, parameters, fingerprint,
                jobExecutionId, jobInstanceId, version);
    }

    private ReportData(ElectionPackage pkg, List<Figure> shown, FigureStream allFigures, List<DataIssue> issues,
                       List<StationFlag> flags, List<InputFile> inputs, Map<String, Integer> rowsLoaded,
                       AnalysisParameters params, Map<String, String> parameters, String fingerprint,
                       long jobExecutionId, long jobInstanceId, AppVersion version) {
        this(pkg, shown, allFigures, issues, flags, inputs, rowsLoaded, params, parameters, fingerprint,
                jobExecutionId, jobInstanceId, version, new FigureIndex(shown));
    }

    /**
     * The figures a sheet may show: all but the station-level ones. No sheet lists stations' figures (the Stations
     * sheet lists flagged stations, from their flags); at a million stations they are two thirds of all figures.
     */
    static List<Figure> shown(FigureStream all) {
        List<Figure> out = new ArrayList<>();
        all.forEachBlock(block -> {
            for (Figure f : block) {
                if (!Figure.LEVEL_STATION.equals(f.level())) {
                    out.add(f);
                }
            }
        });
        return out;
    }
}
