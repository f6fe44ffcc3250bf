package org.exitpollaudit.job;

import java.io.IOException;
import java.nio.file.Path;

import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.PackageValidation;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 1: the package validated ({@link PackageValidation#validate}: refusals, the run's fingerprint, the manifest
 * read by {@link PackageReader}, every results file's header); records each input file's size and SHA-256 for
 * provenance and the ingest's checks, and the package's issues.
 */
@Component
public class ValidateTasklet implements Tasklet {

    static final String STAGE = "validate";

    private final StagingRepository staging;

    public ValidateTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws IOException {
        RunContext ctx = RunContext.of(chunk);
        Path root = ctx.input().toAbsolutePath().normalize();
        PackageValidation.Validated v = PackageValidation.validate(root, ctx.fingerprint(),
                files -> RunContext.fingerprint(files, ctx.params()), r -> PackageCache.read(r, ctx.fingerprint()));
        // the hashes the ingest compares each file's bytes with, as it reads them
        staging.replaceInputs(ctx.run(), v.files());
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, v.issues());
        return RepeatStatus.FINISHED;
    }
}
