package org.exitpollaudit.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.exitpollaudit.job.AuditJobConfiguration;
import org.exitpollaudit.job.ReportTasklet;
import org.exitpollaudit.job.RunContext;
import org.exitpollaudit.model.ExitCodes;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** {@code history}: every recorded execution of the job, oldest first, as the job repository holds them. */
@Component
public class RunHistory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobRepository repository;

    public RunHistory(JobRepository repository) {
        this.repository = repository;
    }

    /** One execution as listed. */
    public record Entry(long executionId, long instanceId, LocalDateTime start, LocalDateTime end, String status,
                        String exitCode, String fingerprint, String input, String reportDir) {
    }

    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (JobInstance instance : repository.findJobInstances(AuditJobConfiguration.JOB_NAME)) {
            for (JobExecution e : repository.getJobExecutions(instance)) {
                out.add(new Entry(e.getId(), instance.getInstanceId(), e.getStartTime(), e.getEndTime(),
                        e.getStatus().name(), e.getExitStatus().getExitCode(),
                        e.getJobParameters().getString(RunContext.FINGERPRINT),
                        e.getJobParameters().getString(RunContext.INPUT),
                        e.getExecutionContext().getString(ReportTasklet.REPORT_DIR, null)));
            }
        }
        out.sort(Comparator.comparingLong(Entry::executionId));
        return out;
    }

    public int print(PrintStream out) {
        List<Entry> entries = entries();
        if (entries.isEmpty()) {
            out.println("No runs recorded yet.");
            return ExitCodes.OK;
        }
        out.printf("%5s %8s  %-19s  %-19s  %-9s  %-12s  %s%n", "run", "instance", "started", "ended", "status",
                "fingerprint", "report (or input)");
        for (Entry e : entries) {
            String report = e.reportDir() == null ? "input " + e.input()
                    : e.reportDir() + (Files.isDirectory(Path.of(e.reportDir())) ? "" : " (folder no longer exists)");
            out.printf("%5d %8d  %-19s  %-19s  %-9s  %-12s  %s%n", e.executionId(), e.instanceId(), time(e.start()),
                    time(e.end()), e.status(), e.fingerprint() == null ? "" : e.fingerprint().substring(0, 12), report);
        }
        return ExitCodes.OK;
    }

    private static String time(LocalDateTime t) {
        return t == null ? "-" : TIME.format(t);
    }
}
