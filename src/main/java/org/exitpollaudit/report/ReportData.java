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
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.model.AppVersion;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.reconcile.StationFlag;

/**
 * Everything a report shows, gathered from staging by the report step: the workbook, figures.csv and the
 * manifest are all written from this one object, so they cannot disagree. The figures and flagged stations that only
 * the CSV files list in full are read from staging as they are written (nothing changes the staging of a run while
 * its report step runs; the Stations sheet checks the flags' count against the flags it gets).
 *
 * @param figures         the figures the workbook shows ({@link #shown}): neither the station-level ones, nor
 *                        the district-level ones of a candidate, nor the district-level screening of releases
 *                        other than the Districts sheet's, which only figures.csv lists
 * @param districtRelease the release whose district screening the Districts sheet shows ({@link
 *                        DistrictsSheet#release}); {@code null} when no release was screened
 * @param allFigures      every figure, in order, for figures.csv
 * @param flags           the flagged stations, in order
 * @param rowsLoaded      rows loaded per source id
 * @param parameters      the job parameters as recorded (sorted by name)
 */
public record ReportData(ElectionPackage pkg, List<Figure> figures, String districtRelease, FigureStream allFigures,
                         List<DataIssue> issues, FlagStream flags, List<InputFile> inputs,
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

    private ReportData(ElectionPackage pkg, Shown shown, FigureStream allFigures, List<DataIssue> issues,
                       FlagStream flags, List<InputFile> inputs, Map<String, Integer> rowsLoaded,
                       AnalysisParameters params, Map<String, String> parameters, String fingerprint,
                       long jobExecutionId, long jobInstanceId, AppVersion version) {
        this(pkg, shown.figures(), shown.districtRelease(), allFigures, issues, flags, inputs, rowsLoaded, params,
                parameters, fingerprint, jobExecutionId, jobInstanceId, version, new FigureIndex(shown.figures()));
    }

    /** The figures the workbook shows, with the release whose district figures are among them. */
    record Shown(List<Figure> figures, String districtRelease) {
    }

    /**
     * The figures a sheet may show: all but the station-level ones (no sheet lists stations' figures: the Stations
     * sheet lists flagged stations, from their flags; at a million stations they are two thirds of all figures) and
     * the district-level ones of a candidate (no sheet lists them), and of the district-level screening and
     * reconciliation only those of the release the Districts sheet shows
     * ({@link DistrictsSheet#release}; a package's other station-level releases have as many, thousands of districts'
     * worth each, which only figures.csv lists). The figures are read once, twice when that release is not the one
     * expected before reading them ({@link DistrictsSheet#likelyRelease}: it was not screened).
     */
    static Shown shown(ElectionPackage pkg, FigureStream all) {
        String likely = DistrictsSheet.likelyRelease(pkg);
        Set<String> releases = new HashSet<>();
        pkg.officialReleases().forEach(s -> releases.add(s.id()));
        Set<String> screened = new LinkedHashSet<>();
        List<Figure> out = shown(all, likely, releases, screened);
        String release = DistrictsSheet.release(pkg, List.copyOf(screened));
        return new Shown(Objects.equals(release, likely) ? out : shown(all, release, releases, new LinkedHashSet<>()),
                release);
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
                if (district && f.candidate() != null) {
                    // the Districts sheet shows a district's own figures, not its candidates' (three in four of
                    // them: 600,000 of the 813,000 of a 5,000-district release of 12 candidates)
                    continue;
                }
                if (Figure.FORENSICS.equals(f.section())) {
                    if (releases.contains(f.source())) {
                        screened.add(f.source());
                    }
                    if (district && !f.source().equals(release)) {
                        continue;
                    }
                } else if (district && Figure.RECONCILIATION.equals(f.section()) && !f.source().equals(release)) {
                    continue;
                }
                out.add(f);
            }
        });
        return out;
    }
}
