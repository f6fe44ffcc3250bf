package org.exitpollaudit.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.AnalysisParameters;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.model.InputFile;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * What every step needs to know about its run, read from the job parameters.
 *
 * @param run the job instance id: the key of this run's staging rows, the same across restarts
 */
public record RunContext(long run, long executionId, Path input, Path output, String fingerprint,
                         AnalysisParameters params) {

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String FINGERPRINT = "inputs.fingerprint";
    public static final String DEFF = "deff";
    public static final String RESPONDENTS_PER_STATION = "respondents-per-station";
    public static final String FALLBACK_SAMPLE_SIZE = "fallback-sample-size";
    public static final String ALPHA = "alpha";
    public static final String CONFIDENCE = "confidence";
    public static final String TOLERANCE = "tolerance";

    public static RunContext of(ChunkContext chunk) {
        return of(chunk.getStepContext().getStepExecution());
    }

    public static RunContext of(StepExecution step) {
        JobParameters p = step.getJobParameters();
        AnalysisParameters d = AnalysisParameters.DEFAULTS;
        return new RunContext(step.getJobExecution().getJobInstanceId(), step.getJobExecutionId(), Path.of(p.getString(INPUT)),
                Path.of(p.getString(OUTPUT)), p.getString(FINGERPRINT),
                new AnalysisParameters(p.getDouble(DEFF, d.deff()),
                        p.getDouble(RESPONDENTS_PER_STATION, d.respondentsPerStation()),
                        p.getLong(FALLBACK_SAMPLE_SIZE, d.fallbackSampleSize()), p.getDouble(ALPHA, d.alpha()),
                        p.getDouble(CONFIDENCE, d.confidence()), p.getDouble(TOLERANCE, d.tolerance())));
    }

    /**
     * The run's fingerprint from its inputs, its analysis parameters and this program's version: what the launcher
     * identifies a run by and what the first step checks again. (Both must compute it here, or every run would
     * look changed to the first step.)
     */
    public static String fingerprint(List<InputFile> files, AnalysisParameters p) {
        return InputFingerprint.of(files, parameters(p), InputFingerprint.codeVersion());
    }

    /** The analysis parameters by the names and spellings a run is identified by. */
    public static Map<String, String> parameters(AnalysisParameters p) {
        Map<String, String> analysis = new LinkedHashMap<>();
        analysis.put(DEFF, Double.toString(p.deff()));
        analysis.put(RESPONDENTS_PER_STATION, Double.toString(p.respondentsPerStation()));
        analysis.put(FALLBACK_SAMPLE_SIZE, Long.toString(p.fallbackSampleSize()));
        analysis.put(ALPHA, Double.toString(p.alpha()));
        analysis.put(CONFIDENCE, Double.toString(p.confidence()));
        analysis.put(TOLERANCE, Double.toString(p.tolerance()));
        return analysis;
    }
}
