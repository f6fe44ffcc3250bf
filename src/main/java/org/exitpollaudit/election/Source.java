package org.exitpollaudit.election;

/**
 * One row of {@code sources.csv}: an official release or an exit poll and the file that holds it.
 * Optional numbers are {@code null} when the column is absent or empty.
 *
 * @param line               line of sources.csv this source was read from (for messages)
 * @param assumedSampleSize  extension column {@code assumed_sample_size}: an analyst's stated assumption
 *                           for a poll whose sample size was not published (never treated as published)
 * @param deff               extension column {@code deff}: a design effect for this poll, overriding the job default
 */
public record Source(String id, Kind kind, String organization, String publishedAt, Level level,
                     ValueType values, String file, Long sampleSize, Long stationsSampled,
                     Long districtsSampled, Long stationsCounted, Double countedPct, boolean finalRelease,
                     ShareBase shareBase, String url, String notes, Long assumedSampleSize, Double deff,
                     int line) {

    public enum Kind { OFFICIAL, EXIT_POLL }

    public enum Level { NATIONAL, DISTRICT, STATION, RESPONDENT }

    public enum ValueType { VOTES, PERCENT }

    /** What a percent is of: valid votes (default) or all ballots, invalid included. */
    public enum ShareBase { VALID, BALLOTS }

    public boolean isOfficial() {
        return kind == Kind.OFFICIAL;
    }

    public boolean isExitPoll() {
        return kind == Kind.EXIT_POLL;
    }

    /**
     * A district-, station- or respondent-level source as the national comparison sees it: the sum of its rows, in
     * votes, of valid votes, with the given sample size; everything else as published.
     */
    public Source summedNationally(Long sampleSize) {
        return new Source(id, kind, organization, publishedAt, Level.NATIONAL, ValueType.VOTES, file, sampleSize,
                stationsSampled, districtsSampled, stationsCounted, countedPct, finalRelease, ShareBase.VALID, url, notes,
                assumedSampleSize, deff, line);
    }

    /** Label for people: organization and id. */
    public String label() {
        return organization + " (" + id + ")";
    }
}
