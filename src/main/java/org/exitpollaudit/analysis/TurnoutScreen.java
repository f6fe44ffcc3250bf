package org.exitpollaudit.analysis;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.exitpollaudit.stats.Normal;
import org.exitpollaudit.stats.TurnoutSlope;

/**
 * How turnout goes with the votes over a set of stations: the within-district correlation of turnout and the
 * leader's share (ballot stuffing raises both together, Myagkov, Ordeshook &amp; Shakin 2009) and Shpilkin's turnout
 * slopes of every candidate ({@link TurnoutSlope}). Neither is a sum over districts, so the nation's are computed
 * over its own stations.
 *
 * @param correlation Pearson's r of turnout and the leader's share over the stations of the integer test, each
 *                    centred on its district's mean (NaN without spread)
 * @param effectiveN  the number of stations for Fisher's z: stations − districts + 1
 * @param slopeStations stations in the slopes: with figures and at least 100 registered voters (smaller ones, such
 *                    as hospital or ship stations, are too noisy to weigh as much as the others)
 * @param fits        each package candidate's slope of votes / registered on turnout (a missing count as 0),
 *                    {@code null} for a candidate with no votes in those stations
 * @param shares      each candidate's share of the ballots cast over the same stations
 * @param others      the slope of all candidates but the leader together
 * @param leader      the leader's position among the package candidates, −1 if none
 */
record TurnoutScreen(double correlation, double effectiveN, int slopeStations, TurnoutSlope.Fit[] fits,
                     double[] shares, TurnoutSlope.Fit others, int leader) {

    /**
     * Each district's screen, districts 0 … count − 1 ({@code group[j]} is the district of {@code rows[j]}; group
     * {@code count}, the stations without a district, has none).
     */
    static TurnoutScreen[] perDistrict(ForensicStations s, int[] rows, int[] group, int count) {
        Scan scan = new Scan(s, IntStream.range(0, count + 1).toArray(), count + 1);
        scan.walk(rows, group, count);
        TurnoutScreen[] out = new TurnoutScreen[count];
        for (int d = 0; d < count; d++) {
            out[d] = scan.result(d);
        }
        return out;
    }

    /**
     * The nation's screen: turnout and leader share centred on their district's mean (the stations without a
     * district, group {@code count}, on theirs).
     */
    static TurnoutScreen national(ForensicStations s, int[] rows, int[] group, int count) {
        Scan scan = new Scan(s, new int[count + 1], 1);
        scan.walk(rows, group, -1);
        return scan.result(0);
    }

    /**
     * The turnout screens of several sets of stations ("units") in {@link #PASSES} walks over a release in file
     * order: each station belongs to a district ("group") and each group to a unit. Turnout and leader share are
     * centred on the group's mean; the correlation and the slopes are summed per unit. A district's screen is a unit
     * of one group; the nation's, one unit of every group (the stations without a district being a group of their
     * own).
     */
    private static final class Scan {

        /** Passes over the stations: the means, the centred sums, the slopes' residuals. */
        static final int PASSES = TurnoutSlope.Passes.COUNT;

        private final ForensicStations s;
        private final int[] unitOf;
        private final int k;
        private final int leader;
        /** Per group: sum of turnout, of leader share, and the number of stations of the integer test. */
        private final double[] means;
        /** Per unit: Σ dx², Σ dy², Σ dx dy of the correlation. */
        private final double[] products;
        private final TurnoutSlope.Passes[] slopes;
        private final double[][] votes;
        private final boolean[][] present;
        private final double[] ballots;
        private final int[] slopeStations;
        private final double[] y;
        private int pass;

        /**
         * @param unitOf the unit of each group, 0 … units − 1
         */
        Scan(ForensicStations s, int[] unitOf, int units) {
            this.s = s;
            this.unitOf = unitOf;
            k = s.candidates();
            leader = s.leaderCandidate();
            means = new double[3 * unitOf.length];
            products = new double[3 * units];
            slopes = new TurnoutSlope.Passes[units];
            votes = new double[units][k];
            present = new boolean[units][k];
            ballots = new double[units];
            slopeStations = new int[units];
            for (int u = 0; u < units; u++) {
                slopes[u] = new TurnoutSlope.Passes(k + 1);
            }
            y = new double[k + 1];
        }

        /** The passes over {@code rows} (of groups {@code group}), leaving out group {@code skip}. */
        void walk(int[] rows, int[] group, int skip) {
            for (int pass = 0; pass < PASSES; pass++) {
                for (int j = 0; j < rows.length; j++) {
                    if (group[j] != skip) {
                        add(rows[j], group[j]);
                    }
                }
                for (TurnoutSlope.Passes p : slopes) {
                    p.next();
                }
                this.pass++;
            }
        }

        /** Adds station i, of group g, to the current pass. */
        private void add(int i, int g) {
            if (!s.has(i)) {
                return;
            }
            int u = unitOf[g];
            if (s.included(i)) {
                int m = 3 * g;
                double x = s.ballots(i) / s.registered(i);
                double share = s.leader(i) / s.found(i);
                if (pass == 0) {
                    means[m] += x;
                    means[m + 1] += share;
                    means[m + 2]++;
                } else if (pass == 1) {
                    double dx = x - means[m] / means[m + 2];
                    double dy = share - means[m + 1] / means[m + 2];
                    products[3 * u] += dx * dx;
                    products[3 * u + 1] += dy * dy;
                    products[3 * u + 2] += dx * dy;
                }
            }
            double registered = s.registered(i);
            if (registered < 100) {
                return;
            }
            // each candidate's votes / registered (a missing count as 0) and the others' together, as one more series
            double others = 0;
            for (int c = 0; c < k; c++) {
                double v = s.votes(c, i);
                if (Double.isNaN(v)) {
                    y[c] = 0;
                    continue;
                }
                y[c] = v / registered;
                if (c != leader) {
                    others += v / registered;
                }
                if (pass == 0) {
                    present[u][c] = true;
                    votes[u][c] += v;
                }
            }
            y[k] = others;
            if (pass == 0) {
                ballots[u] += s.ballots(i);
                slopeStations[u]++;
            }
            slopes[u].add(s.ballots(i) / registered, y);
        }

        /** Unit u's screen, after the passes. */
        TurnoutScreen result(int u) {
            // Fisher's z counts stations − districts + 1 (each district's mean spends a degree of freedom)
            int points = 0;
            int groups = 0;
            for (int g = 0; g < unitOf.length; g++) {
                if (unitOf[g] == u && means[3 * g + 2] > 0) {
                    points += (int) means[3 * g + 2];
                    groups++;
                }
            }
            double sxx = products[3 * u];
            double syy = products[3 * u + 1];
            double r = sxx > 0 && syy > 0 ? products[3 * u + 2] / Math.sqrt(sxx * syy) : Double.NaN;
            TurnoutSlope.Fit[] all = slopes[u].fits();
            TurnoutSlope.Fit[] fits = new TurnoutSlope.Fit[k];
            double[] shares = new double[k];
            for (int c = 0; c < k; c++) {
                if (present[u][c]) {
                    fits[c] = all[c];
                    shares[c] = ballots[u] > 0 ? votes[u][c] / ballots[u] : Double.NaN;
                }
            }
            return new TurnoutScreen(r, points - groups + 1, slopeStations[u], fits, shares, all[k], leader);
        }
    }

    /** The correlation's figures and its one-sided p (Fisher's z) as "turnout_leader"; then the slopes' figures. */
    void emit(List<String> candidates, Forensics.Emit e, Map<String, Double> p) {
        // rounding can carry a perfect correlation a hair past ±1, where atanh is undefined
        double corr = Math.max(-1, Math.min(1, correlation));
        double pStuff = effectiveN > 3 && Double.isFinite(corr)
                ? Normal.upperTail(atanh(corr) * Math.sqrt(effectiveN - 3)) : Double.NaN;
        e.put(null, Metric.Forensics.TURNOUT_LEADER_R, corr);
        e.put(null, Metric.Forensics.TURNOUT_LEADER_P, pStuff);
        if (!Double.isNaN(pStuff)) {
            p.put(Forensics.TURNOUT_LEADER, pStuff);
        }
        e.put(null, Metric.Forensics.TURNOUT_SLOPE_STATIONS, slopeStations);
        double othersShare = 0;
        for (int c = 0; c < fits.length; c++) {
            if (fits[c] == null) {
                continue;
            }
            String id = candidates.get(c);
            e.put(id, Metric.Forensics.TURNOUT_SLOPE, fits[c].slope());
            e.put(id, Metric.Forensics.TURNOUT_SLOPE_SE, fits[c].se());
            e.put(id, Metric.Forensics.TURNOUT_SLOPE_SHARE, shares[c]);
            if (c == leader) {
                e.put(null, Metric.Forensics.TURNOUT_SLOPE_LEADER_EXCESS, fits[c].slope() - shares[c]);
            } else {
                othersShare += shares[c];
            }
        }
        e.put(null, Metric.Forensics.TURNOUT_SLOPE_OTHERS, others.slope());
        e.put(null, Metric.Forensics.TURNOUT_SLOPE_OTHERS_SE, others.se());
        e.put(null, Metric.Forensics.TURNOUT_SLOPE_OTHERS_SHARE, othersShare);
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }
}
