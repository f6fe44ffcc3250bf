package org.exitpollaudit.analysis;

import org.exitpollaudit.election.Source;

/**
 * The n a poll's tests use, whether it was published or assumed, and how it was arrived at.
 * An assumed n is flagged in every output and never presented as published.
 */
public record SampleSize(double n, boolean assumed, String basis) {

    public static SampleSize of(Source poll, AnalysisParameters params) {
        if (poll.sampleSize() != null) {
            return new SampleSize(poll.sampleSize(), false, "published: " + poll.sampleSize() + " respondents");
        }
        if (poll.assumedSampleSize() != null) {
            return new SampleSize(poll.assumedSampleSize(), true, "assumed in sources.csv (assumed_sample_size = "
                    + poll.assumedSampleSize() + "); not published");
        }
        if (poll.stationsSampled() != null && poll.stationsSampled() > 0) {
            double n = poll.stationsSampled() * params.respondentsPerStation();
            return new SampleSize(n, true, "assumed: " + poll.stationsSampled() + " stations sampled × "
                    + fmt(params.respondentsPerStation()) + " respondents per station (job parameter"
                    + " respondents-per-station); not published");
        }
        return new SampleSize(params.fallbackSampleSize(), true, "assumed: neither sample size nor stations were"
                + " published; fallback-sample-size = " + params.fallbackSampleSize());
    }

    public static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
