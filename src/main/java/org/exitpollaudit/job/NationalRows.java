package org.exitpollaudit.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.staging.StagingRepository;

/**
 * The one national row of each national-level source, as staged; sources without exactly one are set aside, as are
 * district- and station-level sources none of whose rows could be loaded (the final release among them stops the run).
 */
record NationalRows(Map<String, ResultRow> rows, List<DataIssue> issues) {

    static List<Source> national(ElectionPackage pkg) {
        return pkg.sources().stream().filter(s -> s.level() == Source.Level.NATIONAL).toList();
    }

    static NationalRows load(StagingRepository staging, long run, ElectionPackage pkg) {
        List<Source> sources = national(pkg);
        Map<String, List<ResultRow>> bySource = staging.rows(run, sources.stream().map(Source::id).toList())
                .stream().collect(Collectors.groupingBy(ResultRow::sourceId, LinkedHashMap::new, Collectors.toList()));
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        List<DataIssue> issues = new ArrayList<>();
        for (Source s : sources) {
            List<ResultRow> loaded = bySource.getOrDefault(s.id(), List.of());
            if (loaded.size() == 1) {
                rows.put(s.id(), loaded.get(0));
                continue;
            }
            String why = loaded.isEmpty() ? "has no usable row (see the rejected rows)"
                    : "has " + loaded.size() + " rows; a national-level file has exactly one";
            unusable(staging, run, s, why, loaded.isEmpty() ? null : loaded.get(1).line(), issues);
        }
        // a district or station file whose every row was rejected is as unusable as an empty national one
        Map<String, Integer> counts = staging.rowCounts(run);
        for (Source s : pkg.sources()) {
            if ((s.level() == Source.Level.DISTRICT || s.level() == Source.Level.STATION)
                    && counts.getOrDefault(s.id(), 0) == 0) {
                unusable(staging, run, s, "has no usable " + s.level().name().toLowerCase(java.util.Locale.ROOT)
                        + " row (see the rejected rows)", null, issues);
            }
        }
        return new NationalRows(rows, issues);
    }

    /** The final release unusable stops the run (exit 2) with the reasons; another source is left out, said so. */
    private static void unusable(StagingRepository staging, long run, Source s, String why, Integer line,
                                 List<DataIssue> issues) {
        if (s.isOfficial() && s.finalRelease()) {
            // the reasons the rows were rejected are what the analyst has to fix: list them with the stop
            List<DataIssue> problems = new ArrayList<>();
            problems.add(DataIssue.fatal(IssueCode.NO_FINAL_DATA, s.file(), null, null, "the final release "
                    + s.id() + " " + why + ": nothing to compare the polls with"));
            staging.issues(run).stream().filter(i -> i.is(IssueCode.ROW_REJECTED) && s.file().equals(i.file()))
                    .forEach(problems::add);
            throw new InputException(problems);
        }
        issues.add(DataIssue.error(IssueCode.SOURCE_NOT_USED, s.file(), line, null, s.id() + " " + why
                + "; it is left out of the comparison"));
    }
}
