package org.exitpollaudit.job;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.exitpollaudit.staging.StagingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profile {@code remote} (with {@code postgres}): the ingest step's partitions — one per results file — run on
 * whichever JVMs poll for them, through Spring Batch Integration's remote partitioning. The manager step
 * ({@link RemotePartitioningManagerStepBuilder}) records a step execution per file in the shared job repository
 * and sends a {@link StepExecutionRequest} for each to a queue kept in the shared database (Spring Integration's
 * {@link JdbcChannelMessageStore}, table INT_CHANNEL_MESSAGE, so no message broker is needed); it then polls the
 * job repository until every partition has finished. Worker threads, in the launching JVM
 * ({@code epa.remote.workers}, default 1) and in any {@code worker} JVM started against the same database, take
 * one request at a time — taking it deletes it in the same transaction, so no two workers get the same file —
 * and run it with {@link StepExecutionRequestHandler}. Every JVM must see the package at the same path.
 */
@Configuration
@Profile("remote")
public class RemoteIngest {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");
    private static final String QUEUE = "epa-ingest-requests";

    @Bean
    JdbcChannelMessageStore ingestRequestStore(DataSource dataSource, StagingRepository staging) {
        if (!"PostgreSQL".equals(staging.databaseProduct())) {
            throw new IllegalStateException("the remote profile needs the job repository on a database every JVM"
                    + " reaches: activate it together with the postgres profile (SPRING_PROFILES_ACTIVE=postgres,remote)");
        }
        // Spring Integration's channel message table for PostgreSQL (its schema-postgresql.sql), if not there yet; the
        // launcher and its workers start together, so under the schema lock
        staging.createSchema(List.of(
                "CREATE SEQUENCE IF NOT EXISTS INT_MESSAGE_SEQ START WITH 1 INCREMENT BY 1 NO CYCLE",
                """
                CREATE TABLE IF NOT EXISTS INT_CHANNEL_MESSAGE (MESSAGE_ID CHAR(36) NOT NULL, GROUP_KEY CHAR(36) NOT NULL,
                  CREATED_DATE BIGINT NOT NULL, MESSAGE_PRIORITY BIGINT,
                  MESSAGE_SEQUENCE BIGINT NOT NULL DEFAULT nextval('INT_MESSAGE_SEQ'), MESSAGE_CONTENT BYTEA,
                  REGION VARCHAR(100) NOT NULL,
                  CONSTRAINT INT_CHANNEL_MESSAGE_PK PRIMARY KEY (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE))""",
                "CREATE INDEX IF NOT EXISTS INT_CHANNEL_MSG_DELETE_IDX ON INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID)"));
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion("exit-poll-audit");
        // the classes a request message is made of, and nothing else, may be deserialized from the table
        store.addAllowedPatterns(StepExecutionRequest.class.getName(), GenericMessage.class.getName(),
                MessageHeaders.class.getName(), "java.util.*", "java.lang.*");
        return store;
    }

    @Bean
    QueueChannel ingestRequests(JdbcChannelMessageStore ingestRequestStore) {
        return new QueueChannel(new MessageGroupQueue(ingestRequestStore, QUEUE));
    }

    /** Replaces the local partitioned ingest step of {@link AuditJobConfiguration}. */
    @Bean
    Step ingest(JobRepository repository, QueueChannel ingestRequests, SourcePartitioner sourcePartitioner,
                StepProgressLogger log, @Value("${epa.remote.timeout-seconds:3600}") long timeoutSeconds) {
        return new RemotePartitioningManagerStepBuilder("ingest", repository)
                .partitioner(SourcePartitioner.STEP, sourcePartitioner).outputChannel(ingestRequests).pollInterval(500)
                .timeout(timeoutSeconds * 1000).listener(log).build();
    }

    @Bean
    Workers ingestWorkers(QueueChannel ingestRequests, JobRepository repository, BeanFactory beans,
                          PlatformTransactionManager tx, @Value("${epa.remote.workers:1}") int workers) {
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
        locator.setBeanFactory(beans);
        handler.setStepLocator(locator);
        handler.setJobRepository(repository);
        return new Workers(ingestRequests, handler, new TransactionTemplate(tx), workers);
    }

    /** Threads that take ingest requests from the shared queue and run them until the context closes. */
    public static final class Workers implements SmartLifecycle {

        private final QueueChannel requests;
        private final StepExecutionRequestHandler handler;
        private final TransactionTemplate tx;
        private final int count;
        private volatile boolean running;
        private CountDownLatch stopped = new CountDownLatch(0);

        Workers(QueueChannel requests, StepExecutionRequestHandler handler, TransactionTemplate tx, int count) {
            this.requests = requests;
            this.handler = handler;
            this.tx = tx;
            this.count = count;
        }

        public int count() {
            return count;
        }

        @Override
        public void start() {
            running = true;
            stopped = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(this::work, "ingest-worker-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        private void work() {
            try {
                while (running) {
                    try {
                        // taking a request deletes it from the queue in the same transaction: one worker per request
                        Message<?> m = tx.execute(s -> requests.receive(0));
                        if (m == null) {
                            Thread.sleep(200);
                        } else if (m.getPayload() instanceof StepExecutionRequest request) {
                            handler.handle(request);
                        } else {
                            LOG.warn("ignored a message that is not an ingest request: {}", m.getPayload());
                        }
                    } catch (RuntimeException e) {
                        // the partition's step execution records its own failure; the manager sees it and fails the
                        // run, which a restart resumes; the worker goes on with the next request
                        LOG.error("ingest worker: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
                        Thread.sleep(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }

        @Override
        public void stop() {
            running = false;
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
