package org.exitpollaudit.election;

/**
 * One row of {@code sources.csv}: an official release or an exit poll and the file that holds it. What it is and
 * how its file reads come first; who published it, an exit poll's sample and a release's coverage are parts of
 * their own. Optional numbers are {@code null} when the column is absent or empty.
 *
 * @param shareBase what a percent is of ({@code share_base}; valid votes unless the row says otherwise)
 */
public record Source(String id, Kind kind, Level level, ValueType values, ShareBase shareBase, String file,
                     Published published, Sample sample, Coverage coverage) {

    public enum Kind { OFFICIAL, EXIT_POLL }

    public enum Level { NATIONAL, DISTRICT, STATION, RESPONDENT }

    public enum ValueType { VOTES, PERCENT }

    /** What a percent is of: valid votes (default) or all ballots, invalid included. */
    public enum ShareBase { VALID, BALLOTS }

    /**
     * Who published the source and when ({@code organization}, {@code published_at}), where it was found
     * ({@code url}), the analyst's {@code notes}, and the line of sources.csv it was read from (for messages).
     */
    public record Published(String organization, String at, String url, String notes, int line) {
    }

    /**
     * An exit poll's sample as published: respondents ({@code sample_size}), stations and districts sampled.
     *
     * @param assumedSize extension column {@code assumed_sample_size}: an analyst's stated assumption for a poll
     *                    whose sample size was not published (never treated as published)
     * @param deff        extension column {@code deff}: a design effect for this poll, overriding the job default
     */
    public record Sample(Long size, Long stations, Long districts, Long assumedSize, Double deff) {
        /** A source with no sample figures (an official release, or a poll that published none). */
        public static final Sample NONE = new Sample(null, null, null, null, null);
    }

    /**
     * How much of the count an official release covers ({@code stations_counted}, {@code counted_pct}) and whether it
     * is the final, certified one ({@code final}).
     */
    public record Coverage(Long stationsCounted, Double countedPct, boolean finalRelease) {
        /** A release (or poll) that states no coverage: final or not. */
        public static Coverage of(boolean finalRelease) {
            return new Coverage(null, null, finalRelease);
        }
    }

    public boolean isOfficial() {
        return kind == Kind.OFFICIAL;
    }

    public boolean isExitPoll() {
        return kind == Kind.EXIT_POLL;
    }

    public String organization() {
        return published.organization();
    }

    public String publishedAt() {
        return published.at();
    }

    public String url() {
        return published.url();
    }

    public String notes() {
        return published.notes();
    }

    /** The line of sources.csv this source was read from. */
    public int line() {
        return published.line();
    }

    public Long sampleSize() {
        return sample.size();
    }

    public Long stationsSampled() {
        return sample.stations();
    }

    public Long districtsSampled() {
        return sample.districts();
    }

    public Long assumedSampleSize() {
        return sample.assumedSize();
    }

    public Double deff() {
        return sample.deff();
    }

    public Long stationsCounted() {
        return coverage.stationsCounted();
    }

    public Double countedPct() {
        return coverage.countedPct();
    }

    public boolean finalRelease() {
        return coverage.finalRelease();
    }

    /**
     * A district-, station- or respondent-level source as the national comparison sees it: the sum of its rows, in
     * votes, of valid votes, with the given sample size; everything else as published.
     */
    public Source summedNationally(Long sampleSize) {
        return new Source(id, kind, Level.NATIONAL, ValueType.VOTES, ShareBase.VALID, file, published,
                new Sample(sampleSize, sample.stations(), sample.districts(), sample.assumedSize(), sample.deff()),
                coverage);
    }

    /** Label for people: organization and id. */
    public String label() {
        return published.organization() + " (" + id + ")";
    }
}
