package org.exitpollaudit.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.ingest.InputFingerprint;
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

    /**
     * Writes {@code figures.csv} block by block and returns its SHA-256 (hex), taken from the bytes as they are
     * written rather than read back. Within a block the same text (a candidate id, a metric name, a station's unit)
     * is made CSV-safe and encoded once; values are printed as {@link Double#toString} prints them. Each record also
     * goes to {@code answers}, as a reader of the file would give it.
     */
    public static String figures(FigureStream figures, Path file, PollAnswers answers) throws IOException {
        MessageDigest sha = InputFingerprint.newSha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                sha)) {
            ByteBuilder line = new ByteBuilder();
            for (int i = 0; i < FIGURE_COLUMNS.length; i++) {
                if (i > 0) {
                    line.append((byte) ',');
                }
                line.append(FIGURE_COLUMNS[i].getBytes(StandardCharsets.US_ASCII));
            }
            line.append((byte) '\n');
            line.writeTo(out);
            Map<String, byte[]> fields = new IdentityHashMap<>();
            try {
                figures.forEachBlock(block -> {
                    // texts repeat by identity within a block as staging decodes it; the map is kept to one block
                    fields.clear();
                    for (Figure f : block) {
                        figure(f, fields, answers, line, out);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * One figure's line of figures.csv, and the figure to {@code answers}. A method of its own, not the body of the
     * loop over a block: there the JIT's optimising compiler compiled the loop twice, on the stack and whole, each time
     * with this work and {@code Double.toString} inlined (41 kB of code, 0.26 + 0.32 s of its time at 1M); here it is
     * compiled once, and too large to be inlined into the loop again.
     */
    private static void figure(Figure f, Map<String, byte[]> fields, PollAnswers answers, ByteBuilder line,
                               OutputStream out) {
        answers.add(f);
        line.clear();
        line.append(field(fields, f.section())).append((byte) ',')
                .append(field(fields, f.source())).append((byte) ',')
                .append(field(fields, f.reference())).append((byte) ',')
                .append(field(fields, f.level())).append((byte) ',')
                .append(field(fields, f.unit())).append((byte) ',')
                .append(field(fields, f.candidate())).append((byte) ',')
                .append(field(fields, f.metric())).append((byte) ',');
        if (f.value() != null) {
            line.number(f.value());
        }
        line.append((byte) '\n');
        try {
            line.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text field as written to a CSV line, in UTF-8, made once per distinct text instance. */
    private static byte[] field(Map<String, byte[]> done, String s) {
        if (s == null) {
            return EMPTY;
        }
        byte[] b = done.get(s);
        if (b == null) {
            b = CsvSafe.quoted(CsvSafe.field(s)).getBytes(StandardCharsets.UTF_8);
            done.put(s, b);
        }
        return b;
    }

    private static final byte[] EMPTY = {};

    /** One CSV line as bytes, reused from line to line. */
    private static final class ByteBuilder {
        private byte[] buf = new byte[256];
        private int count;

        void clear() {
            count = 0;
        }

        ByteBuilder append(byte b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = b;
            return this;
        }

        ByteBuilder append(byte[] b) {
            if (count + b.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + b.length));
            }
            System.arraycopy(b, 0, buf, count, b.length);
            count += b.length;
            return this;
        }

        /**
         * The value exactly as {@link Double#toString(double)} prints it. A whole number below 10^7 in size prints as
         * its digits and ".0" (the Javadoc's rule: decimal notation from 10^-3 up to 10^7, and at least one digit
         * after the point), written here without the general conversion; −0.0 and everything else go through it.
         */
        void number(double v) {
            long whole = (long) v;
            if (v > -1e7 && v < 1e7 && whole == v && (whole != 0 || Double.doubleToRawLongBits(v) == 0L)) {
                if (whole < 0) {
                    append((byte) '-');
                    whole = -whole;
                }
                int start = count;
                do {
                    append((byte) ('0' + (int) (whole % 10)));
                    whole /= 10;
                } while (whole > 0);
                for (int i = start, j = count - 1; i < j; i++, j--) {
                    byte t = buf[i];
                    buf[i] = buf[j];
                    buf[j] = t;
                }
                append((byte) '.').append((byte) '0');
            } else {
                append(Double.toString(v).getBytes(StandardCharsets.US_ASCII));
            }
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(buf, 0, count);
        }
    }

    /** {@code stations-flagged.csv}: the Stations sheet in full, whatever its length. */
    public static void stations(FlagStream flags, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            record(out, "source", "file", "line", "district_id", "station_id", "registered", "turnout_pct",
                    "leader_share_pct", "reasons");
            flags.forEach(f -> {
                try {
                    record(out, CsvSafe.field(f.source()), CsvSafe.field(f.file()), Integer.toString(f.line()),
                            CsvSafe.field(f.district()), CsvSafe.field(f.station()), num(f.registered()),
                            num(f.turnoutPct()), num(f.leaderSharePct()), CsvSafe.field(f.reasons()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
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
