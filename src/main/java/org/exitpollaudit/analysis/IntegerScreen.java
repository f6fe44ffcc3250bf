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
        long withFigures;
        double registered;
        double ballots;
        double found;
        double leaderVotes;
        long included;
        long intTurnout;
        long intLeader;
        long intEither;
        double expTurnout;
        double expLeader;
        double expEither;
        double varEither;

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
            withFigures++;
            registered += reg;
            ballots += bal;
            found += fnd;
            leaderVotes += lead;
            if (!s.included(i)) {
                return;
            }
            boolean t = IntegerPercentage.nearInteger(bal, reg, TOLERANCE);
            boolean l = IntegerPercentage.nearInteger(lead, fnd, TOLERANCE);
            double pt = memo.probability(bal, reg);
            double pl = memo.probability(lead, fnd);
            double p = IntegerPercentage.either(pt, pl);
            included++;
            intTurnout += t ? 1 : 0;
            intLeader += l ? 1 : 0;
            intEither += t || l ? 1 : 0;
            expTurnout += pt;
            expLeader += pl;
            expEither += p;
            varEither += p * (1 - p);
        }

        /** Adds the sums of another set of stations. */
        void add(Sums o) {
            withFigures += o.withFigures;
            registered += o.registered;
            ballots += o.ballots;
            found += o.found;
            leaderVotes += o.leaderVotes;
            included += o.included;
            intTurnout += o.intTurnout;
            intLeader += o.intLeader;
            intEither += o.intEither;
            expTurnout += o.expTurnout;
            expLeader += o.expLeader;
            expEither += o.expEither;
            varEither += o.varEither;
        }
    }

    /**
     * The sums of each group of stations in one walk over {@code rows} (file order): {@code group[j]} is the group of
     * {@code rows[j]}, 0 … groups − 1. One memo serves every group: the probabilities of a pair are computed once.
     */
    static Sums[] sums(ForensicStations s, int[] rows, int[] group, int groups) {
        Sums[] out = new Sums[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = new Sums();
        }
        IntegerPercentageMemo memo = new IntegerPercentageMemo(TOLERANCE);
        for (int j = 0; j < rows.length; j++) {
            out[group[j]].add(s, rows[j], memo);
        }
        return out;
    }

    /**
     * The totals and the test's figures; the one-sided p of the excess of whole-percent stations (normal
     * approximation of the Bernoulli sum) goes into {@code p} as "integer" when there is a variance to test with.
     */
    static void emit(Sums sums, Forensics.Emit e, Map<String, Double> p) {
        e.put(null, "stations_with_figures", sums.withFigures);
        e.put(null, "turnout_pct", sums.registered > 0 ? 100 * sums.ballots / sums.registered : Double.NaN);
        e.put(null, "leader_share_pct", sums.found > 0 ? 100 * sums.leaderVotes / sums.found : Double.NaN);
        e.put(null, "integer_stations_included", sums.included);
        e.put(null, "integer_turnout_observed", sums.intTurnout);
        e.put(null, "integer_leader_observed", sums.intLeader);
        e.put(null, "integer_either_observed", sums.intEither);
        e.put(null, "integer_turnout_expected", sums.expTurnout);
        e.put(null, "integer_leader_expected", sums.expLeader);
        e.put(null, "integer_either_expected", sums.expEither);
        double sd = Math.sqrt(sums.varEither);
        double z = sd > 0 ? (sums.intEither - sums.expEither) / sd : Double.NaN;
        double pInt = Double.isNaN(z) ? Double.NaN : Normal.upperTail(z);
        e.put(null, "integer_either_excess", sums.intEither - sums.expEither);
        e.put(null, "integer_either_z", z);
        e.put(null, "integer_either_p", pInt);
        if (!Double.isNaN(pInt)) {
            p.put("integer", pInt);
        }
    }
}
