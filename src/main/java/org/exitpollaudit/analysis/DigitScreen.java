package org.exitpollaudit.analysis;

import java.util.List;
import java.util.Map;

import org.exitpollaudit.stats.DigitTests;
import org.exitpollaudit.stats.LastDigitMemo;

/**
 * The digit tests ({@link DigitTests}: Benford's second digit and the last digit) of each candidate's counts over a
 * set of stations. A tally is a sum over stations, so the tallies of the districts add up to the nation's.
 */
final class DigitScreen {

    private DigitScreen() {
    }

    /**
     * Adds station i's counts (of every station, with figures or not; stations in file order): each count present
     * with the station's digit total ({@link ForensicStations#digitTotal}). {@code memo} keeps the last-digit
     * expectation of each (count, total) pair.
     */
    static void add(DigitTests.Tally[] tallies, ForensicStations s, int i, LastDigitMemo memo) {
        long total = s.digitTotal(i);
        for (int c = 0; c < tallies.length; c++) {
            double v = s.votes(c, i);
            if (!Double.isNaN(v)) {
                tallies[c].add((long) v, total, memo);
            }
        }
    }

    /** Adds {@code more}'s tallies to {@code into}'s, candidate by candidate. */
    static void add(DigitTests.Tally[] into, DigitTests.Tally[] more) {
        for (int c = 0; c < into.length; c++) {
            into[c].add(more[c]);
        }
    }

    /** Each candidate's figures; a test that was made puts its p into {@code p} as "benford2_c" or "last_digit_c". */
    static void emit(List<String> candidates, DigitTests.Tally[] digits, Forensics.Emit e, Map<String, Double> p) {
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i);
            DigitTests.Result second = digits[i].second();
            DigitTests.Result last = digits[i].last();
            e.put(c, Metric.Forensics.BENFORD2_N, second.n());
            e.put(c, Metric.Forensics.BENFORD2_MEAN, second.mean());
            e.put(c, Metric.Forensics.BENFORD2_CHI2, second.chi2());
            e.put(c, Metric.Forensics.BENFORD2_P, second.p());
            e.put(c, Metric.Forensics.LAST_DIGIT_N, last.n());
            e.put(c, Metric.Forensics.LAST_DIGIT_CHI2, last.chi2());
            e.put(c, Metric.Forensics.LAST_DIGIT_P, last.p());
            if (second.tested()) {
                p.put(HolmTest.BENFORD2.key(c), second.p());
            }
            if (last.tested()) {
                p.put(HolmTest.LAST_DIGIT.key(c), last.p());
            }
        }
    }
}
