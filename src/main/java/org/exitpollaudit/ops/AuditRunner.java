package org.exitpollaudit.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.job.ReportTasklet;
import org.exitpollaudit.job.RunContext;
import org.exitpollaudit.job.StagingRepository.InputFile;
import org.exitpollaudit.reconcile.DataIssue;
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
 * already complete, restarts it when an earlier attempt failed or was killed, and turns the outcome into a
 * message and an exit code.
 */
@Component
public class AuditRunner {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    private final JobOperator operator;
    private final JobRepository repository;
    private final Job job;

    public AuditRunner(JobOperator operator, JobRepository repository, Job job) {
        this.operator = operator;
        this.repository = repository;
        this.job = job;
    }

    public int run(CliOptions opts, PrintStream out, PrintStream err) throws Exception {
        Path input = opts.input().toAbsolutePath().normalize();
        if (!Files.isDirectory(input)) {
            err.println("error: the input package " + input + " is not a folder"
                    + (opts.input().equals(CliOptions.DEFAULT_INPUT) ? " (run from the project folder, or pass --input=<package folder>)" : ""));
            return ExitCodes.BAD_INPUT;
        }
        Path output = opts.output().toAbsolutePath().normalize();
        Map<String, String> analysis = new LinkedHashMap<>();
        analysis.put(RunContext.DEFF, Double.toString(opts.params().deff()));
        analysis.put(RunContext.RESPONDENTS_PER_STATION, Double.toString(opts.params().respondentsPerStation()));
        analysis.put(RunContext.FALLBACK_SAMPLE_SIZE, Long.toString(opts.params().fallbackSampleSize()));
        analysis.put(RunContext.ALPHA, Double.toString(opts.params().alpha()));
        analysis.put(RunContext.CONFIDENCE, Double.toString(opts.params().confidence()));
        analysis.put(RunContext.TOLERANCE, Double.toString(opts.params().tolerance()));
        List<InputFile> files = InputFingerprint.files(input);
        // the code is an input too: another version or commit is a new run, never "unchanged"
        AppVersion v = AppVersion.current();
        String fingerprint = InputFingerprint.of(files, analysis, v.version() + "@" + v.commit() + (v.dirty() ? "+dirty" : ""));
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

        JobInstance existing = repository.getJobInstance(job.getName(), params);
        if (existing != null) {
            JobExecution last = repository.getLastJobExecution(existing);
            if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                String dir = last.getExecutionContext().getString(ReportTasklet.REPORT_DIR, "?");
                out.println("Inputs unchanged since run " + last.getId() + " (fingerprint " + fingerprint.substring(0, 12)
                        + "); report: " + dir);
                return ExitCodes.OK;
            }
            if (last != null && last.isRunning()) {
                // this process holds the run lock, so no one else is running it: an earlier run was killed
                LOG.info("recovering execution {} of an earlier run that was interrupted", last.getId());
                operator.recover(last);
            }
        }
        LOG.info("inputs {} ({} files), fingerprint {}", input, files.size(), fingerprint.substring(0, 12));
        JobExecution execution = operator.start(job, params);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            out.println("Report written to " + execution.getExecutionContext().getString(ReportTasklet.REPORT_DIR));
            return ExitCodes.OK;
        }
        return failure(execution, opts.verbose(), err);
    }

    private int failure(JobExecution execution, boolean verbose, PrintStream err) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        for (Throwable t : failures) {
            Throwable cause = t;
            while (cause != null && !(cause instanceof InputException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InputException input) {
                err.println("error: the input package cannot be analysed as it is:");
                for (DataIssue p : input.problems()) {
                    err.println("  - " + p.describe());
                }
                err.println("Fix these and run again; the last good report was left as it was.");
                return ExitCodes.BAD_INPUT;
            }
        }
        err.println("error: run " + execution.getId() + " failed" + (failures.isEmpty() ? ""
                : ": " + failures.get(0).getClass().getSimpleName() + ": " + failures.get(0).getMessage()));
        err.println("Running the same command again restarts it from the failed step."
                + (verbose ? "" : " Add --verbose for the stack trace."));
        if (verbose) {
            failures.forEach(t -> t.printStackTrace(err));
        }
        return ExitCodes.FAILED;
    }
}
