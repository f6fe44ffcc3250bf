package org.exitpollaudit.job;

import org.exitpollaudit.staging.StagingRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.PackageAnalysis;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 4: loads the staged rows, computes every figure ({@link PackageAnalysis}) and stores them for the report.
 */
@Component
public class AnalyzeTasklet implements Tasklet {

    static final String STAGE = "analyze";

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    private final StagingRepository staging;

    public AnalyzeTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        RunContext ctx = RunContext.of(chunk);
        PackageReader.Result read = PackageCache.read(ctx);
        ElectionPackage pkg = read.electionPackage();
        Map<String, ResultRow> national = NationalRows.load(staging, ctx.run(), pkg).rows();
        // official station-level releases are loaded one at a time by the station analysis; the rest here
        List<Source> below = pkg.sources().stream().filter(s -> s.level() == Source.Level.DISTRICT
                || s.level() == Source.Level.STATION && !s.isOfficial()).toList();
        long[] t0 = {System.nanoTime()};
        Map<String, List<ResultRow>> rows = staging.rows(ctx.run(), below.stream().map(Source::id).toList()).stream()
                .collect(Collectors.groupingBy(ResultRow::sourceId, LinkedHashMap::new, Collectors.toList()));
        Map<String, Long> rejected = staging.issues(ctx.run()).stream().filter(i -> i.is(IssueCode.ROW_REJECTED))
                .collect(Collectors.groupingBy(DataIssue::file, Collectors.counting()));
        t0[0] = lap("district and station rows loaded from staging", t0[0]);

        // respondent files are read by the analysis, not by the ingest: the same check that they are the run's inputs
        PackageAnalysis.Result result = PackageAnalysis.run(read, national, rows,
                id -> staging.columns(ctx.run(), id), rejected, ctx.params(),
                (s, t) -> checkUnchanged(ctx, s, t),
                part -> t0[0] = lap(part, t0[0]));

        requireAComparedPoll(pkg, result.figures(), result.issues(), staging.issues(ctx.run()));
        staging.replaceFigures(ctx.run(), result.figures());
        staging.replaceFlags(ctx.run(), result.flags());
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, result.issues());
        lap(result.figures().size() + " figures staged", t0[0]);
        contribution.incrementWriteCount(result.figures().size());
        return RepeatStatus.FINISHED;
    }

    /**
     * A package none of whose exit polls could be compared (every row of every poll rejected, no candidate in
     * common with any release) is bad input, not a report: a workbook of no comparison would be published with
     * exit code 0 and read as an answer. The stop lists why each poll was left out, with at most
     * {@value #REASONS_PER_FILE} rejected rows per file (all of them are in the next run's report once it is fixed).
     */
    private static void requireAComparedPoll(ElectionPackage pkg, List<Figure> figures, List<DataIssue> issues,
                                             List<DataIssue> staged) {
        Set<String> compared = figures.stream().map(Figure::source).collect(Collectors.toSet());
        if (pkg.exitPolls().isEmpty() || pkg.exitPolls().stream().anyMatch(p -> compared.contains(p.id()))) {
            return;
        }
        List<DataIssue> problems = new ArrayList<>();
        problems.add(DataIssue.fatal(IssueCode.NO_POLL_COMPARED, PackageReader.SOURCES, null, null, "none of the "
                + pkg.exitPolls().size() + " exit polls could be compared with an official release; why:"));
        Set<String> pollFiles = pkg.exitPolls().stream().map(Source::file).collect(Collectors.toSet());
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (DataIssue i : java.util.stream.Stream.concat(staged.stream(), issues.stream()).toList()) {
            if (i.severity() == DataIssue.Severity.ERROR && i.file() != null && pollFiles.contains(i.file())
                    && perFile.merge(i.file(), 1, Integer::sum) <= REASONS_PER_FILE) {
                problems.add(i);
            }
        }
        perFile.forEach((file, n) -> {
            if (n > REASONS_PER_FILE) {
                problems.add(DataIssue.fatal(IssueCode.NO_POLL_COMPARED, file, null, null, "… and " + (n - REASONS_PER_FILE)
                        + " more errors in this file"));
            }
        });
        throw new InputException(problems);
    }

    private static final int REASONS_PER_FILE = 10;

    private void checkUnchanged(RunContext ctx, Source s, Table t) {
        try {
            ResultsItemReader.checkUnchanged(s.file(), t.content(), staging.inputs(ctx.run()).stream()
                    .filter(f -> f.path().equals(s.file())).findFirst().orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lap(String what, long since) {
        long now = System.nanoTime();
        LOG.info("  analyze: {} in {} ms", what, (now - since) / 1_000_000);
        return now;
    }
}
