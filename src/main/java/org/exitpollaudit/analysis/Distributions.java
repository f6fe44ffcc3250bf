package org.exitpollaudit.analysis;

import org.exitpollaudit.stats.PercentBins;

/**
 * Turnout and leader-share histograms of a release in tenth-of-a-point bins centred on the tenths
 * ({@link PercentBins}), so that whole-percent spikes show, and the Klimek et al. (2012, PNAS 109:16469) turnout ×
 * leader-share fingerprint in 1 × 1 point cells; station counts over the stations with figures, registered voters
 * and ballots found.
 */
final class Distributions {

    private final long[] turnout = new long[PercentBins.COUNT];
    private final long[] share = new long[PercentBins.COUNT];
    private final long[][] grid = new long[101][101];

    /** Adds stations {@code rows} to the counts. */
    void add(ForensicStations s, int[] rows) {
        for (int i : rows) {
            if (!s.has(i)) {
                continue;
            }
            double registered = s.registered(i);
            double found = s.found(i);
            if (registered <= 0 || found <= 0) {
                continue;
            }
            double ballots = s.ballots(i);
            double leader = s.leader(i);
            turnout[PercentBins.tenth(ballots, registered)]++;
            share[PercentBins.tenth(leader, found)]++;
            grid[bin(100 * ballots / registered)][bin(100 * leader / found)]++;
        }
    }

    /** Every bin of both histograms, then the occupied cells of the fingerprint by turnout bin, then leader bin. */
    void emit(Forensics.Emit e) {
        for (int i = 0; i < PercentBins.COUNT; i++) {
            e.putUnit(PercentBins.label(i), Metric.Forensics.TURNOUT_HISTOGRAM_TENTHS, turnout[i]);
            e.putUnit(PercentBins.label(i), Metric.Forensics.LEADER_SHARE_HISTOGRAM_TENTHS, share[i]);
        }
        for (int t = 0; t <= 100; t++) {
            for (int l = 0; l <= 100; l++) {
                if (grid[t][l] > 0) {
                    e.putUnit("turnout=" + t + "|leader=" + l, Metric.Forensics.FINGERPRINT_STATIONS, grid[t][l]);
                }
            }
        }
    }

    /** 1-point bins [i, i + 1) of the fingerprint, with 100 % in the last. */
    static int bin(double pct) {
        return (int) Math.max(0, Math.min(100, Math.floor(pct)));
    }
}
