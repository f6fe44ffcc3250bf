package org.exitpollaudit.job;

import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.ResultBlocks;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/**
 * The job: validate → ingest → reconcile → analyze → report, each step reading what the previous one stored,
 * so a failed run restarts at the failed step (and, in ingest, at the last committed chunk).
 */
@Configuration
public class AuditJobConfiguration {

    public static final String JOB_NAME = "exitPollAudit";
    /** The report step's name. */
    public static final String REPORT = "report";

    @Bean
    Job exitPollAuditJob(JobRepository repository, Step validate, Step ingest, Step reconcile, Step analyze, Step report) {
        return new JobBuilder(JOB_NAME, repository).start(validate).next(ingest).next(reconcile).next(analyze).next(report)
                .build();
    }

    @Bean
    Step validate(JobRepository repository, PlatformTransactionManager tx, ValidateTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("validate", repository).tasklet(tasklet, tx).listener(log).build();
    }

    /**
     * Ingest, partitioned by results file: each file is staged by its own worker step ({@code ingestFile:<source>}).
     * On a database server the files are staged up to {@code epa.ingest.threads} at a time (default: one per core).
     * On the embedded HSQLDB they are staged one after the other on the launching thread: two chunk transactions
     * at once can deadlock there, one holding the lock Spring Batch takes around execution-context updates and
     * waiting for HSQLDB, the other holding HSQLDB's lock and waiting for that one (seen on the 1M-station benchmark
     * package). Profile {@code remote} replaces this step with {@link RemoteIngest}'s.
     */
    @Bean
    @Profile("!remote")
    Step ingest(JobRepository repository, Step ingestFile, StepProgressLogger log, StagingRepository staging,
                @Value("${epa.ingest.threads:0}") int threads, SourcePartitioner sourcePartitioner) {
        int n = staging.embedded() ? 1 : threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        TaskExecutor executor;
        if (n == 1) {
            executor = new SyncTaskExecutor();
        } else {
            SimpleAsyncTaskExecutor async = new SimpleAsyncTaskExecutor("ingest-");
            async.setConcurrencyLimit(n);
            executor = async;
        }
        return new StepBuilder("ingest", repository).partitioner(SourcePartitioner.STEP, sourcePartitioner).step(ingestFile)
                .gridSize(n).taskExecutor(executor).listener(log).build();
    }

    /**
     * The ingest's partitions: a results file each, or a range of at least {@code epa.ingest.range-bytes} bytes of a
     * large one. By default (−1) files are cut into ranges of 64 MiB where partitions run side by side (a database
     * server, or workers of profile {@code remote}) and not cut on the embedded HSQLDB, which stages them one after
     * the other; 0 never cuts. A restart keeps the cut of the run's first attempt whatever this setting.
     */
    @Bean
    @JobScope
    SourcePartitioner sourcePartitioner(@Value("#{jobParameters['" + RunContext.INPUT + "']}") String input,
                                        @Value("#{jobParameters['" + RunContext.FINGERPRINT + "']}") String fingerprint,
                                        @Value("#{jobExecution}") JobExecution execution,
                                        StagingRepository staging, JobRepository repository,
                                        @Value("${epa.ingest.range-bytes:-1}") long rangeBytes) {
        long size = rangeBytes >= 0 ? rangeBytes : staging.embedded() ? 0 : DEFAULT_RANGE_BYTES;
        return new SourcePartitioner(Path.of(input), fingerprint, staging, repository, execution, size);
    }

    /** The least size of a range of a results file staged by a partition of its own, by default. */
    static final long DEFAULT_RANGE_BYTES = 64L << 20;

    /**
     * A results file's worker step. Its items are blocks of up to {@code epa.ingest.block-rows} rows (default 25,000),
     * committed {@code epa.ingest.chunk-size} blocks at a time (default 1): a restart resumes at the first block not
     * committed. One block per chunk keeps the reader from reading beyond what was written when it checks the file's
     * hash (see {@link ResultsItemReader}). Each chunk costs a transaction and two job-repository updates, so larger
     * blocks cost less per row, and more memory: at 1M stations 50,000 rows raised the peak resident set by some 30
     * MiB against 25,000, and at 10M 25,000 rows by some 60 MiB against 10,000; beyond about 50,000 rows the parsing
     * thread and the staging thread also overlap less (docs/benchmark.md, "larger ingest blocks").
     */
    @Bean
    Step ingestFile(JobRepository repository, PlatformTransactionManager tx, ResultsItemReader resultsReader,
                    IngestProcessor ingestProcessor, StagingWriter stagingWriter, StepProgressLogger log,
                    @Value("${epa.ingest.chunk-size:1}") int chunkSize) {
        return new StepBuilder(SourcePartitioner.STEP, repository).<ResultBlocks.Block, IngestItem>chunk(chunkSize)
                .transactionManager(tx).reader(resultsReader).processor(ingestProcessor).writer(stagingWriter)
                .listener(log).build();
    }

    @Bean
    @StepScope
    ResultsItemReader resultsReader(@Value("#{jobParameters['" + RunContext.INPUT + "']}") String input,
                                    StagingRepository staging,
                                    @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long run,
                                    @Value("#{jobParameters['" + RunContext.FINGERPRINT + "']}") String fingerprint,
                                    @Value("${epa.ingest.block-rows:25000}") int blockRows,
                                    @Value("#{stepExecution}") StepExecution step) {
        PackageReader.Result read = PackageCache.read(Path.of(input), fingerprint);
        String source = SourcePartitioner.source(step);
        List<Source> toRead = read.electionPackage().sources().stream().filter(s -> s.id().equals(source)).toList();
        if (toRead.isEmpty()) {
            throw new IllegalStateException("the partition " + step.getStepName() + " names no source of the package");
        }
        return new ResultsItemReader(read.electionPackage(), read.resolver(), toRead, staging, run, blockRows,
                SourcePartitioner.range(step.getExecutionContext()));
    }

    @Bean
    IngestProcessor ingestProcessor() {
        return new IngestProcessor();
    }

    @Bean
    @StepScope
    StagingWriter stagingWriter(StagingRepository staging,
                                @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long run,
                                @Value("#{stepExecution}") StepExecution step) {
        return new StagingWriter(staging, run, SourcePartitioner.source(step));
    }

    @Bean
    Step reconcile(JobRepository repository, PlatformTransactionManager tx, ReconcileTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("reconcile", repository).tasklet(tasklet, tx).listener(log).build();
    }

    /**
     * The analysis runs outside a transaction and commits what it stages as it goes ({@link AnalyzeTasklet}): one
     * transaction around it would hold millions of figures in the database's memory until the end, and an embedded
     * HSQLDB that needs a checkpoint half-way (its log full) waits for every open transaction to end, its own caller's
     * too.
     */
    @Bean
    Step analyze(JobRepository repository, PlatformTransactionManager tx, AnalyzeTasklet tasklet, StepProgressLogger log) {
        return new StepBuilder("analyze", repository).tasklet(tasklet, tx)
                .transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
                .listener(log).build();
    }

    /**
     * The report step, heard by every step listener bean: the progress ({@link StepProgressLogger}) and the JIT policy
     * of the application (ops.ReportJit), which turns the optimising compiler off as the report of a large package's
     * run starts, in the run's own process.
     */
    @Bean
    Step report(JobRepository repository, PlatformTransactionManager tx, ReportTasklet tasklet,
                List<StepExecutionListener> listeners) {
        var step = new StepBuilder(REPORT, repository).tasklet(tasklet, tx);
        listeners.forEach(step::listener);
        return step.build();
    }
}
