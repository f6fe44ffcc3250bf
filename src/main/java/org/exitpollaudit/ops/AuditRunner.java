package org.exitpollaudit.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.job.PackageCache;
import org.exitpollaudit.job.ReportTasklet;
import org.exitpollaudit.job.RunContext;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.report.PollAnswers;
import org.exitpollaudit.report.ReportPublisher;
import org.exitpollaudit.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Launches the job for one package: identifies the run by the inputs' fingerprint, skips it when that run is
 * already complete and its report is still there (unless forced), restarts it when an earlier attempt failed or was
 * killed, and turns the outcome into a message and an exit code.
 */
@Component
public class AuditRunner {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");
    /** Identifying job parameter of a re-run of unchanged inputs: the id of the completed execution it redoes. */
    public static final String RERUN_OF = "rerun.of";

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;
    private final StagingRepository staging;

    public AuditRunner(JobOperator operator, JobRepository repository, Job job, StagingRepository staging) {
        this.operator = operator;
        this.repository = repository;
        this.job = job;
        this.staging = staging;
    }

    public int run(CliOptions opts, PrintStream out, PrintStream err) throws Exception {
        Path input = opts.input().toAbsolutePath().normalize();
        // checked before Spring started too; again here for a schedule's later ticks (the folder may have gone)
        String problem = InputFolder.problem(input, !opts.inputGiven());
        if (problem != null) {
            err.println("error: " + problem);
            return ExitCodes.BAD_INPUT;
        }
        Path output = opts.output().toAbsolutePath().normalize();
        if (InputFolder.tooLong("--output", output) != null) {
            err.println("error: " + InputFolder.tooLong("--output", output));
            return ExitCodes.BAD_INPUT;
        }
        List<InputFile> files = InputFingerprint.atLaunch(input);
        // one definition of a run's identity, shared with the validate step that re-checks it
        String fingerprint = RunContext.fingerprint(files, opts.params());
        JobParameters params = new JobParametersBuilder()
                .addString(RunContext.FINGERPRINT, fingerprint, true)
                .addString(RunContext.INPUT, input.toString(), false)
                .addString(RunContext.OUTPUT, output.toString(), false)
                .addDouble(RunContext.DEFF, opts.params().deff(), false)
                .addDouble(RunContext.RESPONDENTS_PER_STATION, opts.params().respondentsPerStation(), false)
                .addLong(RunContext.FALLBACK_SAMPLE_SIZE, opts.params().fallbackSampleSize(), false)
                .addDouble(RunContext.ALPHA, opts.params().alpha(), false)
                .addDouble(RunContext.CONFIDENCE, opts.params().confidence(), false)
                .addDouble(RunContext.TOLERANCE, opts.params().tolerance(), false)
                .toJobParameters();

        // A job instance is identified by the fingerprint, and a completed instance cannot run again. --force, or a
        // report folder that is gone, runs a new instance of the same inputs, chained to the completed one it redoes
        // (rerun.of = that execution): an interrupted re-run is found again and resumed like any other run.
        for (JobInstance existing = repository.getJobInstance(job.getName(), params); existing != null;
             existing = repository.getJobInstance(job.getName(), params)) {
            JobExecution last = repository.getLastJobExecution(existing);
            if (last == null) {
                break;
            }
            if (last.getStatus() != BatchStatus.COMPLETED) {
                // a run killed (or its job repository's connection lost) can leave steps marked running, even in
                // an execution marked failed (a partitioned step that failed while it recorded its partitions)
                boolean interrupted = last.isRunning()
                        || last.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
                String status = last.getStatus().toString().toLowerCase(java.util.Locale.ROOT);
                if (interrupted) {
                    // this process holds the run lock, so no one else is running it: an earlier run was killed
                    LOG.info("recovering execution {} of an earlier run that was interrupted", last.getId());
                    operator.recover(last);
                }
                if (!opts.quiet()) {
                    out.println("Resuming run " + last.getId() + " (" + (interrupted ? "interrupted" : status)
                            + "); steps it finished are not run again.");
                }
                break;
            }
            Path dir = reportDir(last);
            boolean present = dir != null && Files.isRegularFile(dir.resolve(ReportPublisher.WORKBOOK));
            if (!opts.force() && present) {
                (opts.quiet() ? NOWHERE : out).println("Inputs unchanged since run " + last.getId() + " (fingerprint " + fingerprint.substring(0, 12)
                        + "); report: " + dir);
                return ReportSummary.print(dir, PackageCache.read(input, fingerprint).electionPackage(), false, opts.quiet(), out, err);
            }
            if (!opts.force() && !opts.quiet()) {
                out.println("The report of run " + last.getId() + " (" + (dir == null ? "no folder recorded" : dir)
                        + ") is missing; running again to write it.");
            }
            params = new JobParametersBuilder(params).addLong(RERUN_OF, last.getId(), true).toJobParameters();
        }
        LOG.info("inputs {} ({} files), fingerprint {}", input, files.size(), fingerprint.substring(0, 12));
        JobExecution execution = operator.start(job, params);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            // the staging the run no longer needs is dropped while the console prints its answer (from the report's
            // files and what the report step gathered of figures.csv as it wrote it, not from the database)
            // (a failure to drop it is logged: the report stands, and the next completed run drops it)
            CompletableFuture<Integer> dropped = CompletableFuture.supplyAsync(staging::dropCompleted)
                    .exceptionally(e -> {
                        LOG.warn("the staging of completed runs could not be dropped: {}", e.toString());
                        return 0;
                    });
            try {
                String answers = execution.getExecutionContext().getString(ReportTasklet.POLL_ANSWERS, null);
                return ReportSummary.print(reportDir(execution), PackageCache.read(input, fingerprint).electionPackage(),
                        answers == null ? null : PollAnswers.decode(answers), true,
                        opts.quiet(), out, err);
            } finally {
                // not left running into the context's shutdown
                LOG.info("staging of completed runs dropped: {} blocks", dropped.join());
            }
        }
        return failure(execution, input, output, opts.verbose(), err);
    }

    /** Where --quiet sends what it leaves out. */
    private static final PrintStream NOWHERE = new PrintStream(java.io.OutputStream.nullOutputStream());

    private static Path reportDir(JobExecution execution) {
        String dir = execution.getExecutionContext().getString(ReportTasklet.REPORT_DIR, null);
        return dir == null ? null : Path.of(dir);
    }

    private int failure(JobExecution execution, Path input, Path output, boolean verbose, PrintStream err) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        for (Throwable t : failures) {
            Throwable cause = t;
            while (cause != null && !(cause instanceof InputException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InputException bad) {
                err.println("error: the input package cannot be analysed as it is:");
                for (DataIssue p : bad.problems()) {
                    err.println("  - " + p.describe());
                }
                err.println("Fix these and run again; nothing was written, and the last good report, if any, was left"
                        + " as it was.");
                return ExitCodes.BAD_INPUT;
            }
        }
        for (Throwable t : failures) {
            Failures.Outcome known = Failures.classify(t, input, output);
            if (known != null) {
                err.println("error: run " + execution.getId() + " stopped: " + known.message());
                if (verbose) {
                    t.printStackTrace(err);
                }
                return known.code();
            }
        }
        err.println("error: run " + execution.getId() + " failed" + (failures.isEmpty() ? ""
                : ": " + failures.get(0).getClass().getSimpleName() + ": " + failures.get(0).getMessage()));
        err.println("Running the same command again restarts it from the failed step; if it fails the same way, please"
                + " report it as a bug" + (verbose ? "." : " with the output of --verbose."));
        if (verbose) {
            failures.forEach(t -> t.printStackTrace(err));
        }
        return ExitCodes.FAILED;
    }
}
