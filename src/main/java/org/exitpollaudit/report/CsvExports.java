package org.exitpollaudit.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.StationFlag;
import org.exitpollaudit.model.DataIssue;

/**
 * {@code figures.csv} (every number of the workbook, full precision, docs/figures.md) and
 * {@code data-issues.csv} (the Data quality sheet). UTF-8, RFC 4180, LF line ends, deterministic order. Every
 * text field is neutralised ({@link CsvSafe#field}) and quoted wherever a comma, semicolon or tab could split it
 * ({@link CsvSafe#quoted}).
 */
public final class CsvExports {

    static final String[] FIGURE_COLUMNS = {"section", "source", "reference", "level", "unit", "candidate", "metric", "value"};

    private CsvExports() {
    }

    public static void figures(List<Figure> figures, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            record(out, FIGURE_COLUMNS);
            for (Figure f : figures) {
                record(out, CsvSafe.field(f.section()), CsvSafe.field(f.source()), CsvSafe.field(f.reference()),
                        CsvSafe.field(f.level()), CsvSafe.field(f.unit()), CsvSafe.field(f.candidate()),
                        CsvSafe.field(f.metric()), f.value() == null ? "" : Double.toString(f.value()));
            }
        }
    }

    /** {@code stations-flagged.csv}: the Stations sheet in full, whatever its length. */
    public static void stations(List<StationFlag> flags, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            record(out, "source", "file", "line", "district_id", "station_id", "registered", "turnout_pct",
                    "leader_share_pct", "reasons");
            for (StationFlag f : flags) {
                record(out, CsvSafe.field(f.source()), CsvSafe.field(f.file()), Integer.toString(f.line()), CsvSafe.field(f.district()),
                        CsvSafe.field(f.station()), num(f.registered()), num(f.turnoutPct()), num(f.leaderSharePct()),
                        CsvSafe.field(f.reasons()));
            }
        }
    }

    /** One CSV line, LF-terminated. */
    private static void record(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvSafe.quoted(fields[i]));
        }
        out.write('\n');
    }

    private static String num(Double d) {
        return d == null ? "" : Double.toString(d);
    }

    public static void issues(List<DataIssue> issues, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            record(out, "severity", "code", "file", "line", "column", "message");
            for (DataIssue i : issues) {
                record(out, i.severity().name(), i.code(), CsvSafe.field(i.file()),
                        i.line() == null ? "" : i.line().toString(), CsvSafe.field(i.column()), CsvSafe.field(i.message()));
            }
        }
    }
}
