package org.exitpollaudit.ops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.exitpollaudit.model.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code schedule}: the job on the cron expression {@code epa.schedule.cron}. Each tick is an ordinary run —
 * unchanged inputs start nothing, new inputs give a new report — and its exit code is logged. The process holds
 * the output folder's run lock for as long as it lives, so a manual launch meanwhile is refused with exit 3.
 */
@Component
@ConditionalOnProperty(name = "epa.schedule.enabled", havingValue = "true")
public class ScheduledAudits {

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    private final AuditRunner runner;
    private final CliOptions options;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger ticks = new AtomicInteger();
    private volatile int lastExitCode = -1;

    public ScheduledAudits(AuditRunner runner, CliOptions options) {
        this.runner = runner;
        this.options = options;
    }

    @Scheduled(cron = "${epa.schedule.cron}")
    public void tick() {
        int n = ticks.incrementAndGet();
        try {
            lastExitCode = runner.run(options, System.out, System.err);
        } catch (Exception e) {
            LOG.error("scheduled run {} failed: {}", n, e.toString());
            lastExitCode = ExitCodes.FAILED;
        }
        LOG.info("scheduled run {} ended with exit code {}", n, lastExitCode);
    }

    /** Blocks until the application is shut down (SIGTERM, Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    @EventListener(ContextClosedEvent.class)
    public void onClose() {
        closed.countDown();
    }

    public int ticks() {
        return ticks.get();
    }

    public int lastExitCode() {
        return lastExitCode;
    }
}
