package org.exitpollaudit.job;

import org.exitpollaudit.analysis.NationalAnalysis;
import org.exitpollaudit.ingest.PackageReader;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** Stage 4: every figure, computed from the staged national rows and stored for the report. */
@Component
public class AnalyzeTasklet implements Tasklet {

    static final String STAGE = "analyze";

    private final StagingRepository staging;

    public AnalyzeTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        RunContext ctx = RunContext.of(chunk);
        var pkg = PackageReader.read(ctx.input()).electionPackage();
        NationalAnalysis.Result result = NationalAnalysis.run(pkg, NationalRows.load(staging, ctx.run(), pkg).rows(),
                ctx.params());
        staging.replaceFigures(ctx.run(), result.figures());
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, result.issues());
        contribution.incrementWriteCount(result.figures().size());
        return RepeatStatus.FINISHED;
    }
}
