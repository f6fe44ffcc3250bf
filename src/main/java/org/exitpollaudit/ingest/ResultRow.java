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
     * The candidates' values added up, as {@code DoubleStream.sum} adds them (compensated), in column order; NaN when
     * a cell is empty (there is no number to add).
     */
    public double candidateSum() {
        return candidates.values().stream().mapToDouble(v -> v == null ? Double.NaN : v).sum();
    }
}
