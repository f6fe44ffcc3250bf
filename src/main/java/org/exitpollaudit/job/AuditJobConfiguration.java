package org.exitpollaudit.job;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.PackageReader;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job: validate → ingest → reconcile → analyze → report, each step reading what the previous one stored,
 * so a failed run restarts at the failed step (and, in ingest, at the last committed chunk).
 */
@Configuration
public class AuditJobConfiguration {

    public static final String JOB_NAME = "exitPollAudit";

    @Bean
    Job exitPollAuditJob(JobRepository repository, Step validate, Step ingest, Step reconcile, Step analyze, Step report) {
        return new JobBuilder(JOB_NAME, repository).start(validate).next(ingest).next(reconcile).next(analyze).next(report)
                .build();
    }

    @Bean
    Step validate(JobRepository repository, PlatformTransactionManager tx, ValidateTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("validate", repository).tasklet(tasklet, tx).listener(log).build();
    }

    @Bean
    Step ingest(JobRepository repository, PlatformTransactionManager tx, ResultsItemReader resultsReader,
                IngestProcessor ingestProcessor, StagingWriter stagingWriter, StepProgressLogger log,
                @Value("${epa.ingest.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("ingest", repository).<IngestItem, IngestItem.Processed>chunk(chunkSize).transactionManager(tx)
                .reader(resultsReader).processor(ingestProcessor).writer(stagingWriter).listener(log).build();
    }

    @Bean
    @StepScope
    ResultsItemReader resultsReader(@Value("#{jobParameters['" + RunContext.INPUT + "']}") String input) {
        PackageReader.Result read = PackageReader.read(Path.of(input));
        return new ResultsItemReader(read.electionPackage(), read.resolver(), read.electionPackage().sources().stream()
                .filter(s -> s.level() != Source.Level.RESPONDENT).toList());
    }

    @Bean
    @StepScope
    IngestProcessor ingestProcessor(@Value("#{jobParameters['" + RunContext.INPUT + "']}") String input) {
        return new IngestProcessor(PackageReader.read(Path.of(input)).electionPackage().districts().stream()
                .map(District::id).collect(Collectors.toSet()));
    }

    @Bean
    @StepScope
    StagingWriter stagingWriter(StagingRepository staging,
                                @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long run) {
        return new StagingWriter(staging, run);
    }

    @Bean
    Step reconcile(JobRepository repository, PlatformTransactionManager tx, ReconcileTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("reconcile", repository).tasklet(tasklet, tx).listener(log).build();
    }

    @Bean
    Step analyze(JobRepository repository, PlatformTransactionManager tx, AnalyzeTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("analyze", repository).tasklet(tasklet, tx).listener(log).build();
    }

    @Bean
    Step report(JobRepository repository, PlatformTransactionManager tx, ReportTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("report", repository).tasklet(tasklet, tx).listener(log).build();
    }
}
