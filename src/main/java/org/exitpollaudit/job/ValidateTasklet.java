package org.exitpollaudit.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.ingest.InputChangedException;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.ingest.IssueGroups;
import org.exitpollaudit.ingest.PackageFiles;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.PackageValidation;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 1: the manifest ({@link PackageReader}) and every results file's header ({@link PackageValidation});
 * records each input file's size and SHA-256 for provenance. Before reading anything it refuses inputs that are links out of the
 * package or not regular files, and checks that the inputs are still those the run was launched for: a file
 * still being written when the run started would otherwise be analysed under the fingerprint of another version.
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
        List<DataIssue> refused = PackageFiles.refusals(root);
        if (!refused.isEmpty()) {
            throw new InputException(refused);
        }
        List<InputFile> files = InputFingerprint.files(root);
        if (ctx.fingerprint() != null && !ctx.fingerprint().equals(RunContext.fingerprint(files, ctx.params()))) {
            throw new InputChangedException(List.of(DataIssue.fatal(IssueCode.INPUT_CHANGED, null, null, null, "the package's"
                    + " files changed between the launch of this run and its first step (a file still being written,"
                    + " copied or synchronised?): nothing was analysed; run again once the files are complete")));
        }
        PackageReader.Result read;
        try {
            read = PackageCache.read(root, ctx.fingerprint());
        } catch (InputException e) {
            throw new InputException(IssueGroups.grouped(e.problems()));
        }
        List<DataIssue> issues = PackageValidation.check(root, read);
        // the hashes the ingest compares each file's bytes with, as it reads them
        staging.replaceInputs(ctx.run(), files);
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, issues);
        return RepeatStatus.FINISHED;
    }
}
