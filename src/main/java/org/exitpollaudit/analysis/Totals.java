package org.exitpollaudit.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;

/**
 * Sums of a set of rows: registered, ballots, invalid, valid and each candidate (a missing figure counts 0; a row
 * without valid counts its candidates' sum plus other). Every sum adds its rows' values in row order, and a
 * candidate's sum starts from its first value, so that sums over the same rows are the same numbers to the last bit
 * however the rows are held. {@link #votes} lists the candidates in the order their first value appears (row by row,
 * columns in order); a candidate with no value in any row is absent.
 *
 * @param units the number of rows summed
 */
record Totals(double registered, double ballots, double invalid, double valid, Map<String, Double> votes, int units) {

    /** The sums of all the rows given and of each district's among them. */
    record WithDistricts(Totals all, Map<String, Totals> byDistrict) {
    }

    /** The sums of some rows of a table ({@code rows}: row indices, in the order they are added). */
    static Totals of(ResultColumns table, int[] rows) {
        return pass(table, rows, true, false).all();
    }

    /** The sums of rows of one file (every row with the same candidates, as the rows of a staged file have). */
    static Totals of(List<ResultRow> rows) {
        ResultColumns table = ResultColumns.of(null, rows);
        return of(table, table.allRows());
    }

    /**
     * The sums of each district's rows, in the order districts first appear; rows without a district are left out.
     * One pass over the rows, whatever their number: memory grows with districts and candidates only.
     */
    static Map<String, Totals> byDistrict(ResultColumns table, int[] rows) {
        return pass(table, rows, false, true).byDistrict();
    }

    /** {@link #byDistrict(ResultColumns, int[])} of the rows of one file. */
    static Map<String, Totals> byDistrict(List<ResultRow> rows) {
        ResultColumns table = ResultColumns.of(null, rows);
        return byDistrict(table, table.allRows());
    }

    /** {@link #of(ResultColumns, int[])} and {@link #byDistrict(ResultColumns, int[])} in one pass over the rows. */
    static WithDistricts withDistricts(ResultColumns table, int[] rows) {
        return pass(table, rows, true, true);
    }

    private static WithDistricts pass(ResultColumns table, int[] rows, boolean all, boolean districts) {
        Running running = new Running(all, districts);
        running.add(table, rows);
        return running.result(table.candidates());
    }

    /**
     * Sums that rows are added to a table at a time, for a file read block by block: the same numbers as one pass over
     * all its rows, since every sum still adds its rows in row order. Memory grows with districts and candidates.
     */
    static final class Running {
        private final boolean all;
        private final boolean districts;
        private Sum total;
        private final Map<String, Sum> by = new LinkedHashMap<>();

        /** Sums of all the rows, of each district's, or both. */
        Running(boolean all, boolean districts) {
            this.all = all;
            this.districts = districts;
        }

        /** Adds rows {@code rows} of {@code table}, in that order; every table has the same candidates. */
        void add(ResultColumns table, int[] rows) {
            int k = table.candidates().size();
            if (all && total == null) {
                total = new Sum(k);
            }
            // rows of a district usually come together: one lookup per run of rows rather than per row
            String district = null;
            Sum sum = null;
            for (int i : rows) {
                if (all) {
                    total.add(table, i);
                }
                String d = districts ? table.district(i) : null;
                if (d == null) {
                    continue;
                }
                if (!d.equals(district)) {
                    district = d;
                    // get, then put: computeIfAbsent's lambda would capture k, an object per look-up
                    sum = by.get(d);
                    if (sum == null) {
                        sum = new Sum(k);
                        by.put(d, sum);
                    }
                }
                sum.add(table, i);
            }
        }

        /** The sums so far; {@code candidates} are the tables' candidate ids, in column order. */
        WithDistricts result(List<String> candidates) {
            Map<String, Totals> out = new LinkedHashMap<>();
            by.forEach((d, s) -> out.put(d, s.totals(candidates)));
            Sum t = total != null ? total : new Sum(candidates.size());
            return new WithDistricts(all ? t.totals(candidates) : null, out);
        }
    }

    /** Running sums of one set of rows. */
    private static final class Sum {
        private double registered;
        private double ballots;
        private double invalid;
        private double valid;
        private int units;
        private final double[] votes;
        private final boolean[] present;
        /** Candidate positions in the order their first value appeared. */
        private final int[] appeared;
        private int appearedCount;

        Sum(int candidates) {
            votes = new double[candidates];
            present = new boolean[candidates];
            appeared = new int[candidates];
        }

        void add(ResultColumns t, int i) {
            registered += ResultColumns.zeroIfMissing(t.registered(i));
            ballots += ResultColumns.zeroIfMissing(t.ballotsCast(i));
            invalid += ResultColumns.zeroIfMissing(t.invalid(i));
            double v = t.valid(i);
            valid += !Double.isNaN(v) ? v : t.candidateSum(i) + ResultColumns.zeroIfMissing(t.other(i));
            for (int c = 0; c < votes.length; c++) {
                double x = t.votes(c, i);
                if (Double.isNaN(x)) {
                    continue;
                }
                if (present[c]) {
                    votes[c] += x;
                } else {
                    votes[c] = x;
                    present[c] = true;
                    appeared[appearedCount++] = c;
                }
            }
            units++;
        }

        Totals totals(List<String> ids) {
            Map<String, Double> byCandidate = new LinkedHashMap<>();
            for (int j = 0; j < appearedCount; j++) {
                byCandidate.put(ids.get(appeared[j]), votes[appeared[j]]);
            }
            return new Totals(registered, ballots, invalid, valid, byCandidate, units);
        }
    }
}
