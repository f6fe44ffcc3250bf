package org.exitpollaudit.ops;

import org.exitpollaudit.job.AuditJobConfiguration;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Tells the JIT policy when a run's report starts ({@link JitPolicy#reportStarts}): a listener of the report step. */
@Component
public class ReportJit implements StepExecutionListener {

    @Override
    public void beforeStep(StepExecution step) {
        if (AuditJobConfiguration.REPORT.equals(step.getStepName())) {
            JitPolicy.reportStarts();
        }
    }
}
