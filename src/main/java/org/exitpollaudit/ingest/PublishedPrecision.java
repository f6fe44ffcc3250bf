package org.exitpollaudit.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;

/**
 * How precisely a source published its percentages: u = 10^−d percentage points, d = the most decimal places any of
 * its share values (candidates, {@code other}, {@code invalid}) has in its file, as written there. A poll published
 * as "92.4, 2.2, …" has u = 0.1 pp, so each share may stand for anything within ±0.05 pp. Vote counts are exact
 * (u = 0). docs/figures.md, "The admissible readings of a published poll".
 */
public final class PublishedPrecision {

    private PublishedPrecision() {
    }

    /** u as a fraction (0.001 for one decimal of a percentage), or 0 for a source of vote counts. */
    public static double of(ElectionPackage pkg, Source source, CandidateResolver resolver) {
        if (source.values() != Source.ValueType.PERCENT) {
            return 0;
        }
        int decimals = 0;
        try (Table t = Table.open(pkg.resolve(source), source.file())) {
            List<DataIssue> ignored = new ArrayList<>();
            ResultsLayout layout = ResultsLayout.resolve(t.header(), resolver, source.file(), ignored);
            List<Integer> columns = new ArrayList<>(layout.candidates().values());
            if (layout.other() != null) {
                columns.add(layout.other());
            }
            if (layout.invalid() != null) {
                columns.add(layout.invalid());
            }
            while (t.hasNext()) {
                TableRow row = t.next();
                for (int c : columns) {
                    decimals = Math.max(decimals, decimals(row.cell(c)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Math.pow(10, -decimals) / 100;
    }

    /** Decimal places of a number as written ("2.0" has one; "1.5E-1" has two; text that is no number none). */
    static int decimals(String text) {
        try {
            // a BigDecimal keeps the scale as written: "2.0" → 1, "92" → 0, "1.5E-1" → 2, "1E+2" → −2
            return Math.max(0, new BigDecimal(text.strip()).scale());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
