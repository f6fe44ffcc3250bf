package org.exitpollaudit.job;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.reconcile.ConsistencyChecks;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** Stage 3: consistency checks on the staged national figures, into the data-issue log. */
@Component
public class ReconcileTasklet implements Tasklet {

    static final String STAGE = "reconcile";

    private final StagingRepository staging;

    public ReconcileTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        RunContext ctx = RunContext.of(chunk);
        var pkg = PackageCache.read(ctx).electionPackage();
        NationalRows national = NationalRows.load(staging, ctx.run(), pkg);
        List<DataIssue> issues = new ArrayList<>(national.issues());
        issues.addAll(ConsistencyChecks.check(pkg, national.rows()));
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, issues);
        return RepeatStatus.FINISHED;
    }
}
