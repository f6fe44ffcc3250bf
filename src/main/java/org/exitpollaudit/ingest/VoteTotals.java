package org.exitpollaudit.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums of candidate values over many rows, candidate by candidate, in the order candidates first appear: the same
 * numbers, bit for bit, as {@code rows.forEach(r -> r.candidates().forEach((c, v) -> sums.merge(c, v, Double::sum)))}
 * (each candidate's values added in row order, starting from its first value), without a boxed value or a hash
 * lookup per candidate per row: consecutive {@link CandidateValues} rows share one id array and are added position by
 * position. Empty cells (null) are left out.
 */
public final class VoteTotals {

    private final Map<String, Double> totals = new LinkedHashMap<>();
    private String[] keys;
    private double[] sums;
    private boolean[] present;
    /** Positions of the current id array whose candidates appeared first in its rows, in order of appearance. */
    private int[] appeared;
    private int appearedCount;

    public void add(Map<String, Double> votes) {
        if (votes instanceof CandidateValues cv) {
            if (cv.keys() != keys) {
                flush();
                start(cv.keys());
            }
            double[] v = cv.rawValues();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                if (present[i]) {
                    sums[i] += v[i];
                } else {
                    sums[i] = v[i];
                    present[i] = true;
                    appeared[appearedCount++] = i;
                }
            }
        } else {
            flush();
            votes.forEach((c, v) -> {
                if (v != null) {
                    totals.merge(c, v, Double::sum);
                }
            });
        }
    }

    /** The sums so far, by candidate id in order of first appearance (a live view: do not modify). */
    public Map<String, Double> totals() {
        flush();
        return totals;
    }

    private void start(String[] ids) {
        keys = ids;
        sums = new double[ids.length];
        present = new boolean[ids.length];
        appeared = new int[ids.length];
        appearedCount = 0;
        for (int i = 0; i < ids.length; i++) {
            Double t = totals.get(ids[i]);
            if (t != null) {
                sums[i] = t;
                present[i] = true;
            }
        }
    }

    private void flush() {
        if (keys != null) {
            for (int i = 0; i < keys.length; i++) {
                if (present[i] && totals.containsKey(keys[i])) {
                    totals.put(keys[i], sums[i]);
                }
            }
            for (int j = 0; j < appearedCount; j++) {
                totals.put(keys[appeared[j]], sums[appeared[j]]);
            }
            keys = null;
        }
    }
}
