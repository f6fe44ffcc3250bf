package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.stats.ClusterSample;
import org.exitpollaudit.stats.RaoScott;

/**
 * An exit poll's design effects estimated from its own station-level counts: the poll's respondents are a cluster
 * sample of polling stations, so the spread of the candidates' shares between stations measures how much less a
 * respondent tells than under simple random sampling ({@link ClusterSample}), and the generalised design effects
 * give the Rao–Scott corrections of the poll's X² ({@link RaoScott}).
 * <p>
 * Shares are over the given candidates only, as the national comparison renormalises them: a station's m_i is the
 * sum of its counts for those candidates ({@code other} and {@code invalid} are outside the domain, as in
 * {@link Shares#renormalized}). The description of the design (δ̄, â², df) evaluates P at the poll's own shares;
 * a goodness-of-fit test against the count evaluates it at the official shares ({@link #against}).
 *
 * @param candidates    the candidates, in the order given
 * @param stations      a: stations (clusters) in the estimate
 * @param n             Σ m_i: respondents (sum of weights, for a weighted respondent file) for these candidates
 * @param deff          deff_c per candidate, in the order given (Kish's design effect of each share)
 * @param meanDeff      δ̄, the mean generalised design effect at the poll's shares
 * @param a2            â², the squared coefficient of variation of the generalised design effects
 * @param secondOrderDf (k − 1) / (1 + â²), the Satterthwaite degrees of freedom of the second-order statistic
 * @param sample        the shares and their covariance matrix
 */
public record PollDesign(List<String> candidates, int stations, double n, Map<String, Double> deff, double meanDeff,
                         double a2, double secondOrderDf, ClusterSample sample) {

    /**
     * @param stationRows a poll's station rows in counts (a {@code values=votes} station-level exit poll, or the
     *                    station rows that {@code RespondentAggregator} sums from a respondent file); a station that
     *                    appears again is skipped, the first row kept, as the station checks do (which report it)
     * @param candidates  the candidates compared (at least two)
     * @throws IllegalArgumentException a row that is not a station row, a candidate without a value in a row, fewer
     *                                  than two stations, or a candidate no respondent chose (its share is 0 and P
     *                                  is singular); the message names the source, line and candidate
     */
    public static PollDesign estimate(List<ResultRow> stationRows, List<String> candidates) {
        if (candidates.size() < 2) {
            throw new IllegalArgumentException("design effects need at least 2 candidates, got " + candidates);
        }
        Set<StationKey> seen = new HashSet<>(2 * stationRows.size());
        List<double[]> counts = new ArrayList<>(stationRows.size());
        for (ResultRow r : stationRows) {
            if (r.stationId() == null) {
                throw new IllegalArgumentException(where(r) + " is not a station row (no station_id): design effects"
                        + " are estimated from the spread between polling stations");
            }
            if (!seen.add(StationKey.of(r))) {
                continue;
            }
            double[] y = new double[candidates.size()];
            for (int c = 0; c < y.length; c++) {
                Double value = r.candidates().get(candidates.get(c));
                if (value == null) {
                    throw new IllegalArgumentException(where(r) + " has no value for candidate '" + candidates.get(c)
                            + "'");
                }
                y[c] = value;
            }
            counts.add(y);
        }
        String source = stationRows.isEmpty() ? "" : " of source " + stationRows.get(0).sourceId();
        if (counts.size() < 2) {
            throw new IllegalArgumentException("the station rows" + source + " hold " + counts.size()
                    + " distinct station(s); a between-station variance needs at least 2");
        }
        ClusterSample sample = ClusterSample.of(counts.toArray(new double[0][]));
        double[] p = sample.shares();
        for (int c = 0; c < p.length; c++) {
            if (!(p[c] > 0)) {
                throw new IllegalArgumentException("candidate '" + candidates.get(c) + "' has no respondent in the "
                        + counts.size() + " stations" + source + ": a share of 0 has no design effect");
            }
        }
        Map<String, Double> deff = new LinkedHashMap<>();
        for (int c = 0; c < p.length; c++) {
            deff.put(candidates.get(c), sample.designEffect(c));
        }
        RaoScott rs = RaoScott.of(sample);
        return new PollDesign(List.copyOf(candidates), sample.stations(), sample.n(),
                Collections.unmodifiableMap(deff), rs.meanDeff(), rs.a2(), rs.secondOrderDf(), sample);
    }

    /**
     * The Rao–Scott corrections for the poll's X² against the official shares π₀ (renormalised over the same
     * candidates, in the same order): P at π₀, as SAS SURVEYFREQ's CHISQ1 takes it, and at the X²'s sample size n.
     */
    public RaoScott against(double[] officialShares, double n) {
        return RaoScott.of(officialShares, sample.covariance(), n);
    }

    /**
     * The Rao–Scott corrections with P at the poll's own shares (all positive: {@link #estimate} requires it), at
     * the X²'s sample size n: where an official share is 0, P at the official shares is singular, and P at the
     * estimated shares is the other reading Rao &amp; Scott (1981) give.
     */
    public RaoScott atOwnShares(double n) {
        return RaoScott.of(sample.shares(), sample.covariance(), n);
    }

    private static String where(ResultRow r) {
        return "row at line " + r.line() + " of source " + r.sourceId();
    }
}
