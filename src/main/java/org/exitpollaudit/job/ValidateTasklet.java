package org.exitpollaudit.job;

import org.exitpollaudit.staging.StagingRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputChangedException;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.ingest.IssueGroups;
import org.exitpollaudit.ingest.PackageFiles;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.RespondentLayout;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 1: the manifest and every results file's header. Collects all fatal problems before failing, so one
 * run tells the analyst everything to fix (repeats folded into one line per code and file); records each input
 * file's size and SHA-256 for provenance. Before reading anything it refuses inputs that are links out of the
 * package or not regular files, and checks that the inputs are still those the run was launched for: a file
 * still being written when the run started would otherwise be analysed under the fingerprint of another version.
 */
@Component
public class ValidateTasklet implements Tasklet {

    static final String STAGE = "validate";

    /** Files and folders named in the note about what is not an input. */
    private static final int OTHERS_LISTED = 10;

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
            throw new InputException(IssueGroups.grouped(fatal));
        }
        List<String> others = PackageFiles.others(root, OTHERS_LISTED + 1);
        if (!others.isEmpty()) {
            issues.add(DataIssue.info(IssueCode.NOT_AN_INPUT, null, null, null, "not read and not part of the fingerprint"
                    + " (the inputs are election.yaml, candidates.csv, districts.csv, sources.csv and the files"
                    + " sources.csv names): " + String.join(", ", others.subList(0, Math.min(OTHERS_LISTED, others.size())))
                    + (others.size() > OTHERS_LISTED ? " and more" : "")));
        }
        // the hashes the ingest compares each file's bytes with, as it reads them
        staging.replaceInputs(ctx.run(), files);
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, issues);
        return RepeatStatus.FINISHED;
    }
}
