package org.exitpollaudit.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.RespondentLayout;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.ops.InputFingerprint;
import org.exitpollaudit.reconcile.DataIssue;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 1: the manifest and every results file's header. Collects all fatal problems before failing, so one
 * run tells the analyst everything to fix; records each input file's size and SHA-256 for provenance.
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
        PackageReader.Result read = PackageReader.read(ctx.input());
        List<DataIssue> issues = new ArrayList<>(read.issues());
        List<DataIssue> fatal = new ArrayList<>();
        for (Source s : read.electionPackage().sources()) {
            try (Table t = Table.open(read.electionPackage().resolve(s), s.file())) {
                if (s.level() == Source.Level.RESPONDENT) {
                    RespondentLayout.resolve(t.header(), s.file(), fatal);
                } else {
                    ResultsLayout.resolve(t.header(), read.resolver(), s.file(), fatal);
                }
            } catch (InputException e) {
                fatal.addAll(e.problems());
            }
        }
        if (!fatal.isEmpty()) {
            throw new InputException(fatal);
        }
        staging.replaceInputs(ctx.run(), InputFingerprint.files(ctx.input()));
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, issues);
        return RepeatStatus.FINISHED;
    }
}
