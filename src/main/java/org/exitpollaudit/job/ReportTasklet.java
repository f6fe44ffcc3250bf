package org.exitpollaudit.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.model.AppVersion;
import org.exitpollaudit.report.ReportData;
import org.exitpollaudit.report.ReportPublisher;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** Stage 5: the workbook, figures.csv, data-issues.csv and manifest.json, written and then moved into place. */
@Component
public class ReportTasklet implements Tasklet {

    /** Key in the job execution context under which the published report folder is recorded. */
    public static final String REPORT_DIR = "report.dir";
    /**
     * Key in the job execution context of what the console's answer takes from the report's figures
     * ({@link org.exitpollaudit.report.PollAnswers#encode}), gathered as figures.csv was written.
     */
    public static final String POLL_ANSWERS = "report.poll-answers";

    private final StagingRepository staging;

    public ReportTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws IOException {
        var step = chunk.getStepContext().getStepExecution();
        RunContext ctx = RunContext.of(step);
        var pkg = PackageCache.read(ctx).electionPackage();
        Map<String, String> parameters = new TreeMap<>();
        step.getJobParameters().parameters().forEach(p -> parameters.put(p.name(), String.valueOf(p.value())));
        // the workbook keeps only the figures it shows; figures.csv is written from the staged blocks one at a time
        ReportData data = new ReportData(pkg, block -> staging.figures(ctx.run(), block), staging.issues(ctx.run()),
                staging.flagStream(ctx.run()),
                staging.inputs(ctx.run()), staging.rowCounts(ctx.run()), ctx.params(), parameters, ctx.fingerprint(),
                ctx.executionId(), ctx.run(), AppVersion.current());
        // what steps read again must still be what the run validated before anything is published
        InputFingerprint.requireUnchangedSinceRead(ctx.input(), pkg, data.inputs());
        ReportPublisher.Published published = ReportPublisher.publish(data, ctx.output());
        step.getJobExecution().getExecutionContext().putString(REPORT_DIR, published.dir().toString());
        step.getJobExecution().getExecutionContext().putString(POLL_ANSWERS, published.answers().encode());
        return RepeatStatus.FINISHED;
    }
}
