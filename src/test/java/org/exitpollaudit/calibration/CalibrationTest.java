package org.exitpollaudit.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each screening test on seeded synthetic elections: on clean ones its false-positive rate must lie in the
 * binomial band of its nominal 5 % (99.9 % two-sided, so a correct test fails this check once in a thousand
 * seeds), and with the anomaly it is meant for it must reject nearly always.
 */
class CalibrationTest {

    private static final double ALPHA = 0.05;
    private static final int CLEAN = 100;
    private static Map<String, Calibration.Rate> clean;

    @BeforeAll
    static void simulate() {
        clean = Calibration.screening(SyntheticElection.Config.clean(1000), CLEAN, ALPHA, "clean").stream()
                .collect(Collectors.toMap(Calibration.Rate::test, r -> r));
    }

    /** [lo, hi] with P(X < lo) ≤ 0.0005 and P(X > hi) ≤ 0.0005 for X ~ Binomial(trials, alpha). */
    static int[] band(int trials) {
        BinomialDistribution b = BinomialDistribution.of(trials, ALPHA);
        return new int[] {b.inverseCumulativeProbability(0.0005), b.inverseSurvivalProbability(0.0005)};
    }

    private static void withinBand(Calibration.Rate r) {
        int[] band = band(r.trials());
        assertTrue(r.rejections() >= band[0] && r.rejections() <= band[1],
                r.test() + ": " + r.rejections() + " of " + r.trials() + " rejections, band " + band[0] + ".." + band[1]);
    }

    @Test
    void theBandIsTheBinomialOne() {
        // Binomial(100, 0.05): P(X ≤ 0) = 0.0059 > 0.0005, so lo = 0; P(X ≥ 14) ≈ 0.0004 (hand: 1 − F(13))
        assertArrayEquals(new int[] {0, 13}, band(100));
    }

    @Test
    void integerPercentageTestIsCalibratedAndCatchesWholePercents() {
        withinBand(clean.get("integer_either"));
        Calibration.Rate rounded = rate("integer_either", SyntheticElection.Config.clean(2000).withRounding(0.05));
        assertTrue(rounded.rejections() >= 19, rounded.toString());
    }

    @Test
    void turnoutLeaderCorrelationIsCalibratedAndCatchesStuffing() {
        withinBand(clean.get("turnout_leader"));
        Calibration.Rate stuffed = rate("turnout_leader", SyntheticElection.Config.clean(3000).withStuffing(0.10));
        assertTrue(stuffed.rejections() >= 19, stuffed.toString());
    }

    @Test
    void lastDigitTestIsCalibratedForEveryCandidate() {
        for (String c : Calibration.CANDIDATES) {
            withinBand(clean.get("last_digit_" + c));
        }
    }

    @Test
    void stationExitPollTestIsCalibratedAndCatchesABiasedPoll() {
        SyntheticElection e = SyntheticElection.generate(SyntheticElection.Config.clean(4000));
        Calibration.Rate honest = Calibration.stationPollTest(e, 11, 600, 60, 0, ALPHA, "clean");
        withinBand(honest);
        Calibration.Rate biased = Calibration.stationPollTest(e, 11, 600, 60, 1.0, ALPHA, "biased");
        assertTrue(biased.rate() > 0.3, biased.toString());
    }

    /**
     * Second-digit Benford is not a valid null for honest counts concentrated in one order of magnitude (Deckert,
     * Myagkov & Ordeshook 2011): on the leader's counts its false-positive rate is far above 5 %. The job reports
     * 2BL but does not count it among a district's flagged tests; this test keeps that decision honest.
     */
    @Test
    void secondDigitBenfordIsNotCalibratedForTheLeadersCounts() {
        Calibration.Rate leader = clean.get("benford2_c1");
        assertTrue(leader.rejections() > band(leader.trials())[1], leader.toString());
    }

    /**
     * Honest elections whose rural stations vote more and more for the leader than urban ones. The within-district
     * turnout–leader correlation is then positive although every vote is counted as cast, and the test against zero
     * correlation cries wolf: this measures how often (it must be far above 5 %), while the tests that do not assume
     * zero correlation stay calibrated.
     */
    @Test
    void stationTypesMakeHonestTurnoutAndLeaderShareCorrelate() {
        SyntheticElection.Config types = SyntheticElection.Config.clean(6000).withStationTypes(0.4, 0.25);
        double r = withinDistrictCorrelation(SyntheticElection.generate(types));
        assertTrue(r > 0.1, "within-district r = " + r);
        assertEquals(0, withinDistrictCorrelation(SyntheticElection.generate(SyntheticElection.Config.clean(6000))), 0.05);
        Map<String, Calibration.Rate> honest = Calibration.screening(types, 20, ALPHA, "clean_station_types").stream()
                .collect(Collectors.toMap(Calibration.Rate::test, x -> x));
        assertTrue(honest.get("turnout_leader").rejections() > band(20)[1], honest.get("turnout_leader").toString());
        withinBand(honest.get("integer_either"));
        // without types the same seeds give the clean election, draw for draw
        SyntheticElection plain = SyntheticElection.generate(SyntheticElection.Config.clean(6000));
        SyntheticElection zero = SyntheticElection.generate(SyntheticElection.Config.clean(6000).withStationTypes(0.4, 0));
        assertArrayEquals(plain.stations().get(1999).votes(), zero.stations().get(1999).votes());
    }

    @Test
    void theSameSeedGivesTheSameElection() {
        SyntheticElection a = SyntheticElection.generate(SyntheticElection.Config.clean(7));
        SyntheticElection b = SyntheticElection.generate(SyntheticElection.Config.clean(7));
        assertEquals(a.stations().size(), b.stations().size());
        for (int i = 0; i < a.stations().size(); i++) {
            assertArrayEquals(a.stations().get(i).votes(), b.stations().get(i).votes());
            assertEquals(a.stations().get(i).ballots(), b.stations().get(i).ballots());
        }
        List<SyntheticElection.Station> s = a.stations();
        assertTrue(s.stream().allMatch(x -> x.ballots() <= x.registered() && x.valid() + x.invalid() == x.ballots()));
    }

    /** Pearson r of turnout and the leader's share of ballots found, each centred on its district's mean. */
    private static double withinDistrictCorrelation(SyntheticElection e) {
        Map<String, double[]> mean = new java.util.HashMap<>();
        for (SyntheticElection.Station s : e.stations()) {
            double[] m = mean.computeIfAbsent(s.district(), d -> new double[3]);
            m[0] += s.ballots() / (double) s.registered();
            m[1] += s.votes()[0] / (double) s.ballots();
            m[2]++;
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (SyntheticElection.Station s : e.stations()) {
            double[] m = mean.get(s.district());
            double x = s.ballots() / (double) s.registered() - m[0] / m[2];
            double y = s.votes()[0] / (double) s.ballots() - m[1] / m[2];
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static Calibration.Rate rate(String test, SyntheticElection.Config config) {
        return Calibration.screening(config, 20, ALPHA, "anomaly").stream().filter(r -> r.test().equals(test))
                .findFirst().orElseThrow();
    }
}
