package org.exitpollaudit.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * @param flags         the flagged stations, in order, read from staging as often as needed
 * @param rowsLoaded    rows loaded per source id
 * @param parameters    the job parameters as recorded (sorted by name)
 */
public record ReportData(ElectionPackage pkg, List<Figure> figures, FigureStream allFigures, List<DataIssue> issues,
                         FlagStream flags, List<InputFile> inputs,
                         Map<String, Integer> rowsLoaded, AnalysisParameters params, Map<String, String> parameters,
                         String fingerprint, long jobExecutionId, long jobInstanceId, AppVersion version,
                         FigureIndex index) {

    /**
     * The report's data from every figure of the run, read as often as needed; the figures the workbook shows are
     * kept and indexed once for every sheet to look up.
     */
    public ReportData(ElectionPackage pkg, FigureStream allFigures, List<DataIssue> issues, FlagStream flags,
                      List<InputFile> inputs, Map<String, Integer> rowsLoaded, AnalysisParameters params,
                      Map<String, String> parameters, String fingerprint, long jobExecutionId, long jobInstanceId,
                      AppVersion version) {
        this(pkg, shown(pkg, allFigures), allFigures, issues, flags, inputs, rowsLoaded, params, parameters, fingerprint,
                jobExecutionId, jobInstanceId, version);
    }

    /** The same from figures in memory. */
    public ReportData(ElectionPackage pkg, List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                      List<InputFile> inputs, Map<String, Integer> rowsLoaded, AnalysisParameters params,
                      Map<String, String> parameters, String fingerprint, long jobExecutionId, long jobInstanceId,
                      AppVersion version) {
        this(pkg, FigureStream.of(figures), issues, FlagStream.of(flags), inputs, rowsLoaded, params, parameters,
                fingerprint, jobExecutionId, jobInstanceId, version);
    }

    private ReportData(ElectionPackage pkg, List<Figure> shown, FigureStream allFigures, List<DataIssue> issues,
                       FlagStream flags, List<InputFile> inputs, Map<String, Integer> rowsLoaded,
                       AnalysisParameters params, Map<String, String> parameters, String fingerprint,
                       long jobExecutionId, long jobInstanceId, AppVersion version) {
        this(pkg, shown, allFigures, issues, flags, inputs, rowsLoaded, params, parameters, fingerprint,
                jobExecutionId, jobInstanceId, version, new FigureIndex(shown));
    }

    /**
     * The figures a sheet may show: all but the station-level ones (no sheet lists stations' figures: the Stations
     * sheet lists flagged stations, from their flags; at a million stations they are two thirds of all figures), and
     * of the district-level screening and reconciliation only those of the release the Districts sheet shows
     * ({@link DistrictsSheet#release}; a package's other station-level releases have as many, thousands of districts'
     * worth each, which only figures.csv lists). The figures are read once, twice when that release is not the one
     * expected before reading them ({@link DistrictsSheet#likelyRelease}: it was not screened).
     */
    static List<Figure> shown(ElectionPackage pkg, FigureStream all) {
        if (pkg == null) {
            // a sheet's test without a package: every figure but the stations'
            return shown(all, null, Set.of(), new LinkedHashSet<>());
        }
        String likely = DistrictsSheet.likelyRelease(pkg);
        Set<String> releases = new HashSet<>();
        pkg.officialReleases().forEach(s -> releases.add(s.id()));
        Set<String> screened = new LinkedHashSet<>();
        List<Figure> out = shown(all, likely, releases, screened);
        String release = DistrictsSheet.release(pkg, List.copyOf(screened));
        return Objects.equals(release, likely) ? out : shown(all, release, releases, new LinkedHashSet<>());
    }

    /**
     * The figures a sheet may show with the district figures of {@code release}; adds the official releases with
     * screening figures to {@code screened}, in figure order.
     */
    private static List<Figure> shown(FigureStream all, String release, Set<String> releases, Set<String> screened) {
        List<Figure> out = new ArrayList<>();
        all.forEachBlock(block -> {
            for (Figure f : block) {
                if (Figure.LEVEL_STATION.equals(f.level())) {
                    continue;
                }
                boolean district = Figure.LEVEL_DISTRICT.equals(f.level());
                if (Figure.FORENSICS.equals(f.section())) {
                    if (releases.contains(f.source())) {
                        screened.add(f.source());
                    }
                    if (district && release != null && !f.source().equals(release)) {
                        continue;
                    }
                } else if (district && release != null && Figure.RECONCILIATION.equals(f.section())
                        && !f.source().equals(release)) {
                    continue;
                }
                out.add(f);
            }
        });
        return out;
    }
}
