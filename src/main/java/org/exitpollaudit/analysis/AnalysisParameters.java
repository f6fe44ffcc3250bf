package org.exitpollaudit.analysis;

/**
 * The analysis choices a run makes; all are job parameters recorded with the report.
 *
 * @param deff                   design effect assumed for an exit poll without station data (a source's own
 *                               {@code deff} column overrides it; a poll with station counts has its own estimated).
 *                               Default 2.5, a conservative convention: by the Russian 2024 count a poll of 40
 *                               interviews per station has 2.5 for the leader's share and a mean generalised design
 *                               effect of about 2 (deff = 1 + (m − 1) ρ; Kish 1965 §5.4); the Ukrainian National Exit
 *                               Poll's stated errors imply 2.2 and 3.5. docs/design-effect.md; the sensitivity grid
 *                               shows 1 to 5.
 * @param respondentsPerStation  respondents assumed per sampled station when only the number of stations was
 *                               published. Default 40: the Social Research Center, the one 2024 Azerbaijan poll
 *                               that published both, had 5,012 respondents at 125 stations (40.1 per station).
 * @param fallbackSampleSize     n assumed when neither a sample size nor a number of stations was published
 * @param alpha                  significance level of every test
 * @param confidence             confidence level of the intervals
 * @param tolerance              δ, in percentage points: a poll "coincides" with the count when the 90 % intervals of
 *                               its margin error and of every candidate's deviation lie inside ±δ (two one-sided
 *                               tests). Default 2 pp, a convention: US exit polls' mean error on the margin was about
 *                               2 points in ordinary years and 5 to 6.5 in bad ones (Edison/Mitofsky 2005, p. 31).
 */
public record AnalysisParameters(double deff, double respondentsPerStation, long fallbackSampleSize, double alpha,
                                 double confidence, double tolerance) {

    public static final double DEFAULT_TOLERANCE = 2.0;

    public static final AnalysisParameters DEFAULTS = new AnalysisParameters(2.5, 40, 1000, 0.05, 0.95,
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

    /** The design effect assumed for a poll: its own {@code deff} in sources.csv, else the job's. */
    public double deffFor(org.exitpollaudit.election.Source poll) {
        return poll.deff() != null ? poll.deff() : deff;
    }
}
