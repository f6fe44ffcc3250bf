package org.exitpollaudit.analysis;

import java.util.List;

import org.exitpollaudit.ingest.ResultColumns;

/**
 * The stations of one release as the screening reads them, straight from its columns (nothing is copied per
 * station): a station has figures ({@link #has}) when registered, ballots cast, valid votes and the leader's votes are
 * all present; its ballots found are valid + invalid (invalid missing counts 0); turnout is ballots / registered and
 * the leader's share leader / found, as in Kobak, Shpilkin &amp; Pshenichnikov. Candidates are numbered in the
 * package's order, which need not be the file's column order.
 */
final class ForensicStations {

    private final ResultColumns table;
    private final int leader;
    /** The table column of each package candidate, −1 where the file has none. */
    private final int[] column;
    private final int leaderCandidate;

    ForensicStations(ResultColumns table, List<String> candidates, String leader) {
        this.table = table;
        this.leader = table.candidateIndex(leader);
        this.column = candidates.stream().mapToInt(table::candidateIndex).toArray();
        this.leaderCandidate = candidates.indexOf(leader);
    }

    /** Whether station i has the figures the screening needs. */
    boolean has(int i) {
        return leader >= 0 && !Double.isNaN(table.registered(i)) && !Double.isNaN(table.ballotsCast(i))
                && !Double.isNaN(table.valid(i)) && !Double.isNaN(table.votes(leader, i));
    }

    double registered(int i) {
        return table.registered(i);
    }

    double ballots(int i) {
        return table.ballotsCast(i);
    }

    /** Ballots found: valid + invalid, a missing invalid counting 0. */
    double found(int i) {
        double invalid = table.invalid(i);
        return table.valid(i) + (Double.isNaN(invalid) ? 0 : invalid);
    }

    double leader(int i) {
        return table.votes(leader, i);
    }

    /**
     * Kobak–Shpilkin–Pshenichnikov's selection for the integer test: found > 0, registered ≥ 100, turnout and
     * leader share ≤ 99 %. Station i must have figures.
     */
    boolean included(int i) {
        double found = found(i);
        double registered = registered(i);
        return found > 0 && registered >= 100 && ballots(i) / registered <= 0.99 && leader(i) / found <= 0.99;
    }

    /** Number of package candidates. */
    int candidates() {
        return column.length;
    }

    /** The package position of the leader, −1 when the leader is not a package candidate. */
    int leaderCandidate() {
        return leaderCandidate;
    }

    /** Package candidate c's votes at station i; NaN for an empty cell or when the file has no such column. */
    double votes(int c, int i) {
        return column[c] < 0 ? Double.NaN : table.votes(column[c], i);
    }

    /**
     * The total a count is a share of for the digit tests: valid votes, or where they are missing the sum of every
     * candidate column of the file (in column order, compensated as {@code DoubleStream.sum}; NaN if a cell is
     * empty), as a whole number.
     */
    long digitTotal(int i) {
        double valid = table.valid(i);
        if (!Double.isNaN(valid)) {
            return (long) valid;
        }
        return (long) table.candidateSum(i);
    }

    int line(int i) {
        return table.line(i);
    }

    String district(int i) {
        return table.district(i);
    }

    String station(int i) {
        return table.station(i);
    }
}
