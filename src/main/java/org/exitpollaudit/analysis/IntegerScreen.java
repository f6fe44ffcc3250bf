package org.exitpollaudit.analysis;

import java.util.Map;

import org.exitpollaudit.stats.IntegerPercentage;
import org.exitpollaudit.stats.IntegerPercentageMemo;
import org.exitpollaudit.stats.Normal;

/**
 * The integer-percentage test ({@link IntegerPercentage}) of a set of stations, with the totals the screening
 * reports: turnout and the leader's share over the set. Everything here is a sum over stations, so the sums of
 * disjoint sets (districts) add up to the sums of their union (the nation) and are computed once.
 */
final class IntegerScreen {

    /** Tolerance of the integer-percentage test, in percentage points. */
    static final double TOLERANCE = 0.05;

    private IntegerScreen() {
    }

    /**
     * Totals and the integer-percentage counts with their exact expectations: stations with figures, their
     * registered voters, ballots cast, ballots found and leader's votes; of the stations the test includes, how many
     * have a whole-percent turnout, leader share or either, the expected numbers and the variance of the "either"
     * count (a sum of Bernoulli variables).
     */
    static final class Sums {
        /** The counts: stations with figures, included, whole-percent turnout, leader share, either. */
        static final int WITH_FIGURES = 0;
        static final int INCLUDED = 1;
        static final int INT_TURNOUT = 2;
        static final int INT_LEADER = 3;
        static final int INT_EITHER = 4;
        /** The sums: registered, ballots, found, leader's votes; expected whole-percent counts; variance of either. */
        static final int REGISTERED = 0;
        static final int BALLOTS = 1;
        static final int FOUND = 2;
        static final int LEADER = 3;
        static final int EXP_TURNOUT = 4;
        static final int EXP_LEADER = 5;
        static final int EXP_EITHER = 6;
        static final int VAR_EITHER = 7;

        final long[] counts = new long[5];
        final double[] sums = new double[8];

        /**
         * Adds station i when it has figures (stations are added in file order); {@code memo} keeps the
         * probabilities of each pair.
         */
        void add(ForensicStations s, int i, IntegerPercentageMemo memo) {
            if (!s.has(i)) {
                return;
            }
            double reg = s.registered(i);
            double bal = s.ballots(i);
            double fnd = s.found(i);
            double lead = s.leader(i);
            counts[WITH_FIGURES]++;
            sums[REGISTERED] += reg;
            sums[BALLOTS] += bal;
            sums[FOUND] += fnd;
            sums[LEADER] += lead;
            if (!s.included(i)) {
                return;
            }
            boolean t = IntegerPercentage.nearInteger(bal, reg, TOLERANCE);
            boolean l = IntegerPercentage.nearInteger(lead, fnd, TOLERANCE);
            double pt = memo.probability(bal, reg);
            double pl = memo.probability(lead, fnd);
            double p = IntegerPercentage.either(pt, pl);
            counts[INCLUDED]++;
            counts[INT_TURNOUT] += t ? 1 : 0;
            counts[INT_LEADER] += l ? 1 : 0;
            counts[INT_EITHER] += t || l ? 1 : 0;
            sums[EXP_TURNOUT] += pt;
            sums[EXP_LEADER] += pl;
            sums[EXP_EITHER] += p;
            sums[VAR_EITHER] += p * (1 - p);
        }

        /** Adds the sums of another set of stations. */
        void add(Sums o) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += o.counts[k];
            }
            for (int k = 0; k < sums.length; k++) {
                sums[k] += o.sums[k];
            }
        }
    }

    /**
     * Whether a station that has figures has both a whole-percent turnout and a whole-percent leader share, among
     * the stations the test includes.
     */
    static boolean bothWhole(ForensicStations s, int i) {
        return s.included(i) && IntegerPercentage.nearInteger(s.ballots(i), s.registered(i), TOLERANCE)
                && IntegerPercentage.nearInteger(s.leader(i), s.found(i), TOLERANCE);
    }

    /**
     * The totals and the test's figures; the one-sided p of the excess of whole-percent stations (normal
     * approximation of the Bernoulli sum, {@link IntegerPercentage#excessZ}) goes into {@code p} as "integer" when
     * there is a variance to test with.
     */
    static void emit(Sums sums, Forensics.Emit e, Map<String, Double> p) {
        long[] n = sums.counts;
        double[] x = sums.sums;
        e.put(null, Metric.Forensics.STATIONS_WITH_FIGURES, n[Sums.WITH_FIGURES]);
        e.put(null, Metric.Forensics.TURNOUT_PCT, x[Sums.REGISTERED] > 0 ? 100 * x[Sums.BALLOTS] / x[Sums.REGISTERED] : Double.NaN);
        e.put(null, Metric.Forensics.LEADER_SHARE_PCT, x[Sums.FOUND] > 0 ? 100 * x[Sums.LEADER] / x[Sums.FOUND] : Double.NaN);
        e.put(null, Metric.Forensics.INTEGER_STATIONS_INCLUDED, n[Sums.INCLUDED]);
        e.put(null, Metric.Forensics.INTEGER_TURNOUT_OBSERVED, n[Sums.INT_TURNOUT]);
        e.put(null, Metric.Forensics.INTEGER_LEADER_OBSERVED, n[Sums.INT_LEADER]);
        e.put(null, Metric.Forensics.INTEGER_EITHER_OBSERVED, n[Sums.INT_EITHER]);
        e.put(null, Metric.Forensics.INTEGER_TURNOUT_EXPECTED, x[Sums.EXP_TURNOUT]);
        e.put(null, Metric.Forensics.INTEGER_LEADER_EXPECTED, x[Sums.EXP_LEADER]);
        e.put(null, Metric.Forensics.INTEGER_EITHER_EXPECTED, x[Sums.EXP_EITHER]);
        double excess = n[Sums.INT_EITHER] - x[Sums.EXP_EITHER];
        double z = IntegerPercentage.excessZ(n[Sums.INT_EITHER], x[Sums.EXP_EITHER], x[Sums.VAR_EITHER]);
        double pInt = Double.isNaN(z) ? Double.NaN : Normal.upperTail(z);
        e.put(null, Metric.Forensics.INTEGER_EITHER_EXCESS, excess);
        e.put(null, Metric.Forensics.INTEGER_EITHER_Z, z);
        e.put(null, Metric.Forensics.INTEGER_EITHER_P, pInt);
        if (!Double.isNaN(pInt)) {
            p.put(HolmTest.INTEGER.key(), pInt);
        }
    }
}
