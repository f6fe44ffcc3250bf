package org.exitpollaudit.ingest;

import java.util.Map;

/**
 * One loaded row of a results file, values in the file's own unit (votes, or percent).
 * Optional totals are {@code null} where the file has no such column or the cell is empty.
 *
 * @param candidates candidate id → value, in column order
 * @param other      the {@code other} column, if present
 * @param invalid    the {@code invalid} column (spoiled ballots, in the file's unit), if present
 */
public record ResultRow(String sourceId, int line, String districtId, String stationId, Double registered,
                        Double ballotsCast, Double invalid, Double valid, Double turnoutPct, Double other,
                        Map<String, Double> candidates) {

    /**
     * The candidates' values added up, as {@code DoubleStream.sum} adds them (compensated), in column order. Rows of
     * a staged file hold their values in an array, summed without a boxed value each.
     */
    public double candidateSum() {
        if (candidates instanceof CandidateValues cv) {
            return cv.sum();
        }
        return candidates.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
