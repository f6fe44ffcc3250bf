package org.exitpollaudit.analysis;

/**
 * The analysis choices a run makes; all are job parameters recorded with the report.
 *
 * @param deff                   default design effect of a clustered exit-poll sample (a source's own {@code deff}
 *                               column overrides it). Default 1.7: precinct-clustered exit polls have margins of
 *                               error about 30 % wider than a simple random sample of the same size
 *                               (1.3² ≈ 1.7), as the US National Election Pool's methodology statements put it
 *                               (discussed by M. Blumenthal, "What is the sampling error for exit polls?", 2004);
 *                               the sensitivity grid shows 1.0 to 3.0.
 * @param respondentsPerStation  respondents assumed per sampled station when only the number of stations was
 *                               published. Default 40: the Social Research Center, the one 2024 Azerbaijan poll
 *                               that published both, had 5,012 respondents at 125 stations (40.1 per station).
 * @param fallbackSampleSize     n assumed when neither a sample size nor a number of stations was published
 * @param alpha                  significance level of every test
 * @param confidence             confidence level of the intervals
 * @param tolerance              δ, in percentage points: a poll "coincides" with the count when the 90 % intervals of
 *                               its margin error and of every candidate's deviation lie inside ±δ (two one-sided
 *                               tests). Default 2 pp: the typical error of well-run exit polls on the winner–runner-up
 *                               margin (US within-precinct error averaged −1.8 to −2.2 points in 1988, 1996 and 2000;
 *                               Edison/Mitofsky 2005, "Evaluation of Edison/Mitofsky Election System 2004", p. 31).
 */
public record AnalysisParameters(double deff, double respondentsPerStation, long fallbackSampleSize, double alpha,
                                 double confidence, double tolerance) {

    public static final double DEFAULT_TOLERANCE = 2.0;

    public static final AnalysisParameters DEFAULTS = new AnalysisParameters(1.7, 40, 1000, 0.05, 0.95,
            DEFAULT_TOLERANCE);

    public AnalysisParameters {
        if (!(deff > 0) || Double.isInfinite(deff) || !(respondentsPerStation > 0) || fallbackSampleSize <= 0
                || !(alpha > 0 && alpha < 1) || !(confidence > 0 && confidence < 1) || !(tolerance > 0)
                || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("invalid analysis parameters: deff=" + deff + ", respondents-per-station="
                    + respondentsPerStation + ", fallback-sample-size=" + fallbackSampleSize + ", alpha=" + alpha
                    + ", confidence=" + confidence + ", tolerance=" + tolerance);
        }
    }

    /** The parameters with the default tolerance. */
    public AnalysisParameters(double deff, double respondentsPerStation, long fallbackSampleSize, double alpha,
                              double confidence) {
        this(deff, respondentsPerStation, fallbackSampleSize, alpha, confidence, DEFAULT_TOLERANCE);
    }
}
