package org.exitpollaudit.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.Forensics;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.stats.GoodnessOfFit;

/**
 * How often each screening test rejects at level alpha on simulated elections: on clean ones (its false-positive
 * rate, which should be alpha up to binomial noise) and on ones with the anomaly it is meant for (its power).
 * The tests are run exactly as the job runs them, on rows built from {@link SyntheticElection}. The job does not
 * simulate: {@link CalibrateCommand} writes the table it ships ({@link CalibrationTable}).
 */
public final class Calibration {

    /** Candidates of the synthetic elections; the first is the leader. */
    public static final List<String> CANDIDATES = List.of("c1", "c2", "c3", "c4");

    /**
     * Readable labels of the test keys of the calibration table ({@code integer_either}, {@code turnout_leader},
     * {@code benford2_<candidate>}, {@code last_digit_<candidate>}, {@code station_poll_chi2} and the verdict rule's).
     */
    public static String label(String key) {
        return switch (key) {
            case "integer_either" -> "integer percentages (turnout or leader)";
            case "turnout_leader" -> "turnout–leader correlation";
            case "station_poll_chi2" -> "station exit-poll X²";
            case VerdictRule.PRIMARY -> "national verdict: X² / deff (the primary test)";
            case VerdictRule.OR_HOLM -> "national verdict: X² / deff or any Holm-significant candidate (not the rule)";
            default -> key.startsWith("benford2_") ? "2BL, " + key.substring(9) + (key.endsWith("c1") ? " (leader)" : "")
                    : key.startsWith("last_digit_") ? "last digit, " + key.substring(11)
                    + (key.endsWith("c1") ? " (leader)" : "") : key;
        };
    }

    /**
     * A test's rejections over a number of trials: simulated elections, polled stations (the station exit-poll test)
     * or simulated national samples (the verdict rule).
     */
    public record Rate(String test, String condition, int trials, int rejections) {
        public double rate() {
            return trials == 0 ? Double.NaN : rejections / (double) trials;
        }
    }

    private Calibration() {
    }

    /** Station rows of a synthetic election, as the ingest step would stage them. */
    public static List<ResultRow> rows(SyntheticElection e) {
        List<ResultRow> out = new ArrayList<>(e.stations().size());
        int line = 2;
        for (SyntheticElection.Station s : e.stations()) {
            Map<String, Double> votes = new LinkedHashMap<>();
            for (int j = 0; j < CANDIDATES.size(); j++) {
                votes.put(CANDIDATES.get(j), (double) s.votes()[j]);
            }
            out.add(new ResultRow("simulated", line++, s.district(), s.id(), (double) s.registered(),
                    (double) s.ballots(), (double) s.invalid(), (double) s.valid(), null, null, votes));
        }
        return out;
    }

    /** National p-values of every screening test on one election, by test. */
    public static Map<String, Double> screen(SyntheticElection e, double alpha) {
        ResultColumns stations = ResultColumns.of("simulated", rows(e));
        List<Figure> figures = Forensics.run("simulated", "simulated.csv", stations,
                IntStream.range(0, stations.size()).toArray(), CANDIDATES, CANDIDATES.get(0), alpha).figures();
        Map<String, Double> p = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (!Figure.NATIONAL.equals(f.level()) || f.value() == null) {
                continue;
            }
            if (Metric.Forensics.INTEGER_EITHER_P.names(f.metric())) {
                p.put("integer_either", f.value());
            } else if (Metric.Forensics.TURNOUT_LEADER_P.names(f.metric())) {
                p.put("turnout_leader", f.value());
            } else if (Metric.Forensics.BENFORD2_P.names(f.metric())) {
                p.put("benford2_" + f.candidate(), f.value());
            } else if (Metric.Forensics.LAST_DIGIT_P.names(f.metric())) {
                p.put("last_digit_" + f.candidate(), f.value());
            }
        }
        return p;
    }

    /** An exit poll drawn from each simulated election; its station test's rejections count under {@code condition}. */
    public record Poll(String condition, int stations, int perStation, double leaderBias) {
    }

    /**
     * Rejection rates of the screening tests over {@code replications} elections made from {@code base} with seeds
     * base.seed, base.seed + 1, …
     */
    public static List<Rate> screening(SyntheticElection.Config base, int replications, double alpha, String condition) {
        return screening(base, replications, alpha, condition, List.of());
    }

    /**
     * The same, and for each of {@code polls} the station-by-station exit-poll test of a poll drawn from every one of
     * those elections (poll i's seed is the election's + (i + 1) · 0x9E3779B97F4A7C15, a stream no election uses).
     */
    public static List<Rate> screening(SyntheticElection.Config base, int replications, double alpha, String condition,
                                       List<Poll> polls) {
        // the replications are independent elections: simulated on all cores, counted in seed order
        List<List<Rate>> results = IntStream.range(0, replications).parallel().mapToObj(r -> {
            SyntheticElection e = SyntheticElection.generate(base.withSeed(base.seed() + r));
            List<Rate> one = new ArrayList<>();
            screen(e, alpha).forEach((test, p) -> one.add(new Rate(test, condition, 1, p < alpha ? 1 : 0)));
            for (int i = 0; i < polls.size(); i++) {
                Poll poll = polls.get(i);
                one.add(stationPollTest(e, base.seed() + r + (i + 1) * 0x9E3779B97F4A7C15L, poll.stations(), poll.perStation(),
                        poll.leaderBias(), alpha, poll.condition()));
            }
            return one;
        }).toList();
        Map<String, Rate> sums = new LinkedHashMap<>();
        for (List<Rate> result : results) {
            for (Rate r : result) {
                sums.merge(r.condition() + "|" + r.test(), r, (a, b) -> new Rate(a.test(), a.condition(),
                        a.trials() + b.trials(), a.rejections() + b.rejections()));
            }
        }
        return new ArrayList<>(sums.values());
    }

    /**
     * The station-by-station exit-poll test (Pearson X² of a station's respondents against its count, as
     * {@code LocalComparison} makes it) over the polled stations of one poll.
     */
    public static Rate stationPollTest(SyntheticElection e, long seed, int stations, int perStation, double bias,
                                       double alpha, String condition) {
        Map<String, SyntheticElection.Station> byId = new LinkedHashMap<>();
        e.stations().forEach(s -> byId.put(s.id(), s));
        int rejections = 0;
        int trials = 0;
        for (SyntheticElection.PollStation ps : e.poll(seed, stations, perStation, bias)) {
            SyntheticElection.Station s = byId.get(ps.id());
            double n = 0;
            for (long a : ps.answers()) {
                n += a;
            }
            double[] p = new double[CANDIDATES.size()];
            double[] v = new double[CANDIDATES.size()];
            for (int j = 0; j < p.length; j++) {
                p[j] = ps.answers()[j] / n;
                v[j] = s.votes()[j] / (double) s.valid();
            }
            double chi2 = GoodnessOfFit.pearson(p, v, n);
            trials++;
            rejections += GoodnessOfFit.pValue(chi2, p.length - 1) < alpha ? 1 : 0;
        }
        return new Rate("station_poll_chi2", condition, trials, rejections);
    }
}
