package org.exitpollaudit.report;

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
 * @param rowsLoaded    rows loaded per source id
 * @param parameters    the job parameters as recorded (sorted by name)
 */
public record ReportData(ElectionPackage pkg, List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                         List<InputFile> inputs,
                         Map<String, Integer> rowsLoaded, AnalysisParameters params, Map<String, String> parameters,
                         String fingerprint, long jobExecutionId, long jobInstanceId, AppVersion version,
                         FigureIndex index) {

    /** The report's data, with its figures indexed once for every sheet to look up. */
    public ReportData(ElectionPackage pkg, List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                      List<InputFile> inputs, Map<String, Integer> rowsLoaded, AnalysisParameters params,
                      Map<String, String> parameters, String fingerprint, long jobExecutionId, long jobInstanceId,
                      AppVersion version) {
        this(pkg, figures, issues, flags, inputs, rowsLoaded, params, parameters, fingerprint, jobExecutionId,
                jobInstanceId, version, new FigureIndex(figures));
    }
}
