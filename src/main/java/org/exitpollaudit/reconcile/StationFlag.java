package org.exitpollaudit.reconcile;

/** A polling station the report lists, and why. */
public record StationFlag(String source, String file, int line, String district, String station, Double registered,
                          Double turnoutPct, Double leaderSharePct, String reasons) {
}
