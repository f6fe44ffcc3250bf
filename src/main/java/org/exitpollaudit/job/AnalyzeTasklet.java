package org.exitpollaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.exitpollaudit.analysis.PackageAnalysis;
import org.exitpollaudit.analysis.StationAnalysis;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage 4: loads the staged rows, computes every figure ({@link PackageAnalysis}) and stores them for the report.
 *
 * <p>The step has no transaction of its own (AuditJobConfiguration): the figures and flagged stations are staged in
 * short transactions, committed as each batch of blocks is written, since a database keeps a transaction's new rows
 * in memory until it commits (HSQLDB does, even for its cached tables) and ten million stations' analysis stages
 * some 3 million figures, tens of MB. A run whose analysis stops half-way is left with part of its figures staged;
 * the step has then not completed, so nothing reads them, and the step run again deletes them first. Flagged stations
 * are staged while a release's row blocks are still being read, each full block of them on a connection of its own:
 * the pool needs two connections at least (spring.datasource.hikari.maximum-pool-size, 4 by default).
 */
@Component
public class AnalyzeTasklet implements Tasklet {

    static final String STAGE = "analyze";

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    private final StagingRepository staging;
    /** A transaction for each write (joining the caller's, should it have one). */
    private final TransactionTemplate own;

    public AnalyzeTasklet(StagingRepository staging, PlatformTransactionManager tx) {
        this.staging = staging;
        this.own = new TransactionTemplate(tx);
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
        // what an earlier attempt of this step staged goes first: its figures and flags, and its issues, which would
        // otherwise be read below with the ingest's and count its rejected rows twice
        own.executeWithoutResult(t -> {
            staging.deleteFigures(ctx.run());
            staging.deleteFlags(ctx.run());
            staging.deleteIssues(ctx.run(), STAGE);
        });
        Map<String, List<ResultRow>> rows = staging.rows(ctx.run(), below.stream().map(Source::id).toList()).stream()
                .collect(Collectors.groupingBy(ResultRow::sourceId, LinkedHashMap::new, Collectors.toList()));
        List<DataIssue> staged = staging.issues(ctx.run());
        t0[0] = lap("district and station rows loaded from staging", t0[0]);

        // respondent files are read by the analysis, not by the ingest: the same check that they are the run's inputs.
        // The station analysis's figures and flags are staged as each release is done; its figures come after the
        // national comparison's in figures.csv, which is computed last (from the stations' sums)
        var stationFigures = staging.figureWriter(ctx.run(), StagingRepository.FigureGroup.STATIONS).committing(own);
        var flags = staging.flagWriter(ctx.run()).committing(own);
        PackageAnalysis.Result result = PackageAnalysis.run(read, national, rows, staging.blocks(ctx.run()), staged,
                ctx.params(), (s, t) -> checkUnchanged(ctx, s, t), part -> t0[0] = lap(part, t0[0]),
                StationAnalysis.Sink.of(stationFigures::add, flags::add));
        stationFigures.finish();
        flags.finish();
        var nationalFigures = staging.figureWriter(ctx.run(), StagingRepository.FigureGroup.NATIONAL).committing(own);
        nationalFigures.add(result.nationalFigures());
        nationalFigures.finish();
        long figures = stationFigures.count() + nationalFigures.count();
        own.executeWithoutResult(t -> staging.addIssues(ctx.run(), STAGE, result.issues()));
        lap(figures + " figures staged", t0[0]);
        contribution.incrementWriteCount(figures);
        return RepeatStatus.FINISHED;
    }

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
