package org.exitpollaudit.ops;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Tells the JIT policy when a run's report starts ({@link JitPolicy#reportStarts}): a listener of the report step. */
@Component
public class ReportJit implements StepExecutionListener {

    /** The report step's name (job.AuditJobConfiguration). */
    static final String REPORT = "report";

    @Override
    public void beforeStep(StepExecution step) {
        if (REPORT.equals(step.getStepName())) {
            JitPolicy.reportStarts();
        }
    }
}
