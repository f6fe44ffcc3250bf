package org.exitpollaudit.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;

/**
 * A national row's figures as fractions. For {@code values=percent} a published share is value / 100 of
 * whatever base the source used; for {@code values=votes} it is the count over everything the row reports
 * (candidates, other and invalid). Comparison shares are renormalized over a set of candidates, which turns
 * both percent bases (valid votes, all ballots) into shares of valid votes for those candidates and allocates
 * any residual (other, undecided, undisclosed) proportionally.
 */
public record Shares(Map<String, Double> published, Double otherPublished, Double invalidPublished, double residual) {

    public static Shares of(Source source, ResultRow row) {
        double scale;
        if (source.values() == Source.ValueType.PERCENT) {
            scale = 100;
        } else {
            scale = row.candidateSum() + nz(row.other()) + nz(row.invalid());
        }
        Map<String, Double> published = new LinkedHashMap<>();
        row.candidates().forEach((id, v) -> published.put(id, v / scale));
        Double other = row.other() == null ? null : row.other() / scale;
        Double invalid = row.invalid() == null ? null : row.invalid() / scale;
        double total = published.values().stream().mapToDouble(Double::doubleValue).sum() + nz(other) + nz(invalid);
        return new Shares(published, other, invalid, 1 - total);
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    /** Shares of the given candidates, renormalized to sum to 1 over them. */
    public double[] renormalized(List<String> candidates) {
        double sum = 0;
        for (String c : candidates) {
            sum += published.get(c);
        }
        double[] out = new double[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = published.get(candidates.get(i)) / sum;
        }
        return out;
    }
}
