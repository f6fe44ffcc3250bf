package org.exitpollaudit.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.stats.FisherZ;
import org.exitpollaudit.stats.TurnoutSlope;

/**
 * How turnout goes with the votes over a set of stations: the within-district correlation of turnout and the
 * leader's share (ballot stuffing raises both together, Myagkov, Ordeshook &amp; Shakin 2009) and Shpilkin's turnout
 * slopes of every candidate ({@link TurnoutSlope}). Neither is a sum over districts, so the nation's are computed
 * over its own stations.
 *
 * @param correlation Pearson's r of turnout and the leader's share over the stations of the integer test, each
 *                    centred on its district's mean, in [−1, 1] ({@link FisherZ#correlation}; NaN without spread)
 * @param effectiveN  the number of stations for Fisher's z ({@link FisherZ}): stations − districts + 1
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
     * The turnout screens of several sets of stations ("units") in {@link #PASSES} walks over a release in file
     * order, each of which may come a block of rows at a time: each station belongs to a district ("group"), and each
     * group to a unit. Turnout and leader share are centred on the group's mean; the correlation and the slopes are
     * summed per unit. A district's screen is a unit of one group (a scan per group); the nation's, one unit of every
     * group, the stations without a district being a group of their own. Memory grows with groups and candidates.
     */
    static final class Scan {

        /** Passes over the stations: the means, the centred sums, the slopes' residuals. */
        static final int PASSES = TurnoutSlope.Passes.COUNT;

        private final boolean unitPerGroup;
        private final int k;
        private final int leader;
        /** Per group: sum of turnout, of leader share, and the number of stations of the integer test. */
        private double[] means = new double[0];
        /** Per unit: Σ dx², Σ dy², Σ dx dy of the correlation. */
        private double[] products = new double[0];
        private TurnoutSlope.Passes[] slopes = new TurnoutSlope.Passes[0];
        private double[][] votes = new double[0][];
        private boolean[][] present = new boolean[0][];
        private double[] ballots = new double[0];
        private int[] slopeStations = new int[0];
        private final double[] y;
        private int groups;
        private int pass;

        /**
         * @param candidates   the number of package candidates
         * @param leader       the leader's position among them, −1 if none
         * @param unitPerGroup a unit of each group (districts' screens), or one unit of all (the nation's)
         */
        Scan(int candidates, int leader, boolean unitPerGroup) {
            this.k = candidates;
            this.leader = leader;
            this.unitPerGroup = unitPerGroup;
            y = new double[k + 1];
            units(unitPerGroup ? 0 : 1);
        }

        /** Makes room for groups 0 … n − 1 (in the first pass, as groups appear). */
        void groups(int n) {
            if (n <= groups) {
                return;
            }
            means = Arrays.copyOf(means, 3 * n);
            if (unitPerGroup) {
                units(n);
            }
            groups = n;
        }

        private void units(int n) {
            int had = slopes.length;
            products = Arrays.copyOf(products, 3 * n);
            slopes = Arrays.copyOf(slopes, n);
            votes = Arrays.copyOf(votes, n);
            present = Arrays.copyOf(present, n);
            ballots = Arrays.copyOf(ballots, n);
            slopeStations = Arrays.copyOf(slopeStations, n);
            for (int u = had; u < n; u++) {
                slopes[u] = new TurnoutSlope.Passes(k + 1);
                votes[u] = new double[k];
                present[u] = new boolean[k];
            }
        }

        /** Ends the current pass: every station has been added to it. */
        void endPass() {
            for (TurnoutSlope.Passes p : slopes) {
                p.next();
            }
            pass++;
        }

        /** Adds station i of {@code s}, of group g (made room for), to the current pass. */
        void add(ForensicStations s, int i, int g) {
            if (!s.has(i)) {
                return;
            }
            int u = unitPerGroup ? g : 0;
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
            int centred = 0;
            for (int g = 0; g < groups; g++) {
                if ((unitPerGroup ? g : 0) == u && means[3 * g + 2] > 0) {
                    points += (int) means[3 * g + 2];
                    centred++;
                }
            }
            double sxx = products[3 * u];
            double syy = products[3 * u + 1];
            double r = FisherZ.correlation(sxx, syy, products[3 * u + 2]);
            TurnoutSlope.Fit[] all = slopes[u].fits();
            TurnoutSlope.Fit[] fits = new TurnoutSlope.Fit[k];
            double[] shares = new double[k];
            for (int c = 0; c < k; c++) {
                if (present[u][c]) {
                    fits[c] = all[c];
                    shares[c] = ballots[u] > 0 ? votes[u][c] / ballots[u] : Double.NaN;
                }
            }
            return new TurnoutScreen(r, points - centred + 1, slopeStations[u], fits, shares, all[k], leader);
        }
    }

    /** The correlation's figures and its one-sided p (Fisher's z) as "turnout_leader"; then the slopes' figures. */
    void emit(List<String> candidates, Forensics.Emit e, Map<String, Double> p) {
        double pStuff = FisherZ.upperP(correlation, effectiveN);
        e.put(null, Metric.Forensics.TURNOUT_LEADER_R, correlation);
        e.put(null, Metric.Forensics.TURNOUT_LEADER_P, pStuff);
        if (!Double.isNaN(pStuff)) {
            p.put(HolmTest.TURNOUT_LEADER.key(), pStuff);
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
}
