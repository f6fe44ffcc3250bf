package org.exitpollaudit.staging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;

/**
 * A block of loaded rows of one results file as a single binary value, one database row per block, stored column by
 * column ({@link BlockCodec} for varint, string and number):
 * <pre>
 *   format        byte 0
 *   rows          varint n
 *   candidates    varint k, then each id as a string
 *   lines         varint, the first row's; then each next row's as a zig-zag varint difference to the one before
 *   districts     n strings (a district's id is written once per block and referred back to after)
 *   stations      byte 1 when every station id of the block is a common prefix and a number in decimal without
 *                 leading zeros (s1, s2, УИК №554): the prefix as a string, then n zig-zag varints, each the number's
 *                 difference to the row before's (the first's to 0); else byte 0 and n strings, never referred back
 *                 to (each station has a row of its own)
 *   6 + k figure columns: registered, ballots cast, invalid, valid, turnout %, other, then the candidates in column
 *                 order; each a kind byte and n values: 0 every figure missing (no values); 1 every figure a whole
 *                 number from 0 to 2^53 − 1, a varint each; 2 any, a number each (null for a missing figure)
 * </pre>
 * Counts of voters and votes, nearly every figure of a large file, and station ids take a byte or two each this way.
 */
public final class RowBlock {

    /** A block ready to store: its source, the first line and the number of its rows, and its encoded body. */
    public record Encoded(String sourceId, int firstLine, int rowCount, byte[] body) {
    }

    /** The first byte of a block of this format: a body that starts otherwise is not a staged block. */
    private static final int COLUMNS = 0;

    /** How a figure column is written: its first byte is the ordinal. */
    private enum Kind { MISSING, COUNTS, NUMBERS }

    /** The figure columns before the candidates' (registered, ballots cast, invalid, valid, turnout %, other). */
    private static final int TOTALS = 6;
    private static final double LARGEST_COUNT = (1L << 53) - 1;

    private RowBlock() {
    }

    /**
     * The most bytes a block holds: HSQLDB's column (VARBINARY(16777216)) takes a little more. Blocks of ordinary rows
     * are far smaller (25,000 station rows of a dozen candidates, some 600 kB); rows of hundreds of fractional figures
     * or long ids each could reach it.
     */
    static final int MAX_BYTES = 16_000_000;

    /** The rows as blocks: one, unless it would be larger than {@link #MAX_BYTES}; none when there are no rows. */
    public static List<Encoded> encode(ResultColumns rows) {
        return encode(rows, MAX_BYTES);
    }

    /** The rows as blocks of at most {@code maxBytes} each (halved until they fit, down to a row). */
    static List<Encoded> encode(ResultColumns rows, int maxBytes) {
        int n = rows.size();
        if (n == 0) {
            return List.of();
        }
        Encoded block = encodeOne(rows);
        if (block.body().length <= maxBytes || n == 1) {
            return List.of(block);
        }
        List<Encoded> out = new ArrayList<>(encode(rows.slice(0, n / 2), maxBytes));
        out.addAll(encode(rows.slice(n / 2, n), maxBytes));
        return out;
    }

    private static Encoded encodeOne(ResultColumns rows) {
        int n = rows.size();
        List<String> candidates = rows.candidates();
        BlockCodec.Out out = new BlockCodec.Out(n * (12 + 2 * candidates.size()) + 64);
        out.write(COLUMNS);
        out.varint(n);
        out.varint(candidates.size());
        candidates.forEach(out::string);
        out.varint(rows.line(0));
        for (int i = 1; i < n; i++) {
            long d = (long) rows.line(i) - rows.line(i - 1);
            out.varint((d << 1) ^ (d >> 63));
        }
        for (int i = 0; i < n; i++) {
            out.string(rows.district(i));
        }
        stations(rows, out);
        double[] column = new double[n];
        for (int f = 0; f < TOTALS + candidates.size(); f++) {
            figures(rows, f, column);
            boolean present = false;
            boolean missing = false;
            boolean counts = true;
            for (int i = 0; i < n; i++) {
                double v = column[i];
                if (Double.isNaN(v)) {
                    missing = true;
                } else {
                    present = true;
                    counts &= v >= 0 && v <= LARGEST_COUNT && v == Math.rint(v)
                            && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0);
                }
            }
            Kind kind = !present ? Kind.MISSING : counts && !missing ? Kind.COUNTS : Kind.NUMBERS;
            out.write(kind.ordinal());
            if (kind == Kind.COUNTS) {
                for (int i = 0; i < n; i++) {
                    out.varint((long) column[i]);
                }
            } else if (kind == Kind.NUMBERS) {
                for (int i = 0; i < n; i++) {
                    out.number(column[i]);
                }
            }
        }
        int first = rows.line(0);
        for (int i = 1; i < n; i++) {
            first = Math.min(first, rows.line(i));
        }
        return new Encoded(rows.sourceId(), first, n, out.toByteArray());
    }

    /**
     * The station ids: as numbers after a common prefix when every id of the block is one ({@code s1}, {@code s2},
     * {@code УИК №554}: the prefix once, then a byte or two per row), else as strings.
     */
    private static void stations(ResultColumns rows, BlockCodec.Out out) {
        int n = rows.size();
        String prefix = rows.station(0) == null ? null : prefix(rows.station(0));
        long[] numbers = new long[n];
        for (int i = 0; i < n && prefix != null; i++) {
            String id = rows.station(i);
            numbers[i] = id != null && id.startsWith(prefix) ? number(id, prefix.length()) : -1;
            prefix = numbers[i] < 0 ? null : prefix;
        }
        out.write(prefix == null ? 0 : 1);
        if (prefix == null) {
            for (int i = 0; i < n; i++) {
                out.uniqueString(rows.station(i));
            }
            return;
        }
        out.string(prefix);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long d = numbers[i] - previous;
            out.varint((d << 1) ^ (d >> 63));
            previous = numbers[i];
        }
    }

    /** An id without its trailing digits. */
    private static String prefix(String id) {
        int end = id.length();
        while (end > 0 && id.charAt(end - 1) >= '0' && id.charAt(end - 1) <= '9') {
            end--;
        }
        return id.substring(0, end);
    }

    /**
     * The number an id ends with from {@code from} on, as written in decimal without leading zeros (so that it reads
     * back as the same text); −1 when the rest is not such a number or has more than 18 digits.
     */
    private static long number(String id, int from) {
        int digits = id.length() - from;
        if (digits == 0 || digits > 18 || digits > 1 && id.charAt(from) == '0') {
            return -1;
        }
        long v = 0;
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Figure column {@code f} (see the class comment for the order) into {@code into}. */
    private static void figures(ResultColumns rows, int f, double[] into) {
        for (int i = 0; i < rows.size(); i++) {
            into[i] = f < TOTALS ? rows.total(f, i) : rows.votes(f - TOTALS, i);
        }
    }

    /** A block as columns, whichever format it was staged in, in arrays of its own. */
    public static ResultColumns decode(String sourceId, byte[] block) {
        return decode(sourceId, block, false, new Reused());
    }

    /**
     * Arrays that one block after another is decoded into ({@link #decode(String, byte[], Reused)}): a pass over a
     * release of a million rows decodes some 150 MB of columns, a fifth of what a run allocates, which are garbage as
     * soon as the next block comes. Grown to the largest block seen; for one reader at a time (a block decoded on its
     * own has a new one, whose arrays are its).
     */
    public static final class Reused {
        private int[] line = new int[0];
        private String[] district = new String[0];
        private long[] numbers = new long[0];
        private double[][] figures = new double[0][];
        /** Missing everywhere, shared by the figure columns of {@link #decodeKeys} blocks. */
        private double[] none = new double[0];

        private int[] line(int n) {
            return line.length >= n ? line : (line = new int[n]);
        }

        private String[] district(int n) {
            return district.length >= n ? district : (district = new String[n]);
        }

        private long[] numbers(int n) {
            return numbers.length >= n ? numbers : (numbers = new long[n]);
        }

        private double[] figure(int f, int n) {
            if (f >= figures.length) {
                figures = Arrays.copyOf(figures, f + 1);
            }
            if (figures[f] == null || figures[f].length < n) {
                figures[f] = new double[n];
            }
            return figures[f];
        }

        private double[] none(int n) {
            if (none.length < n) {
                none = new double[n];
                Arrays.fill(none, Double.NaN);
            }
            return none;
        }
    }

    /**
     * Two {@link Reused} that one block after another is decoded into in turn: a block holds until the one after the
     * next is decoded, that is while its reader handles the next block too. The forensic screening reads a block
     * on a second core while the first decodes and checks the next ({@code Forensics.Screening#add}).
     */
    public static final class InTurn {
        private final Reused[] two = {new Reused(), new Reused()};
        private int next;

        /** The block as columns in the arrays of the one before the last decoded. */
        public ResultColumns decode(String sourceId, byte[] block) {
            Reused reused = two[next];
            next ^= 1;
            return RowBlock.decode(sourceId, block, reused);
        }
    }

    /**
     * A block as columns in {@code reused}'s arrays: the table holds until the next block is decoded into them, so a
     * reader must copy what it keeps of it (the station analysis' passes keep sums and flags, never a block).
     */
    public static ResultColumns decode(String sourceId, byte[] block, Reused reused) {
        return decode(sourceId, block, false, reused);
    }

    /**
     * The block's lines, districts and station ids, with every figure missing (NaN): the figure columns, most of the
     * block, are not read, and the table's figure columns are one array shared among them (a table never hands its
     * arrays out, and copies them all before a row is added to it: {@link ResultColumns#wrap}). What a pass that only
     * looks at the rows' keys needs (the duplicate check's scans of a results file of millions of rows, several passes
     * over all its blocks).
     */
    public static ResultColumns decodeKeys(String sourceId, byte[] block) {
        return decode(sourceId, block, true, new Reused());
    }

    /** {@link #decodeKeys(String, byte[])} into {@code reused}'s arrays, as {@link #decode(String, byte[], Reused)}. */
    public static ResultColumns decodeKeys(String sourceId, byte[] block, Reused reused) {
        return decode(sourceId, block, true, reused);
    }

    private static ResultColumns decode(String sourceId, byte[] block, boolean keysOnly, Reused reused) {
        BlockCodec.In in = new BlockCodec.In(block);
        if (in.peek() != COLUMNS) {
            throw new IllegalStateException("not a staged block: format byte " + in.peek());
        }
        in.read();
        int n = (int) in.varint();
        int k = (int) in.varint();
        List<String> candidates = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            candidates.add(in.string());
        }
        int[] line = reused.line(n);
        line[0] = (int) in.varint();
        for (int i = 1; i < n; i++) {
            long z = in.varint();
            line[i] = (int) (line[i - 1] + ((z >>> 1) ^ -(z & 1)));
        }
        String[] district = reused.district(n);
        for (int i = 0; i < n; i++) {
            district[i] = in.string();
        }
        // numbered ids stay numbers until one is asked for (ResultColumns.withNumberedStations)
        String[] station = null;
        String prefix = null;
        long[] numbers = null;
        if (in.read() == 1) {
            prefix = in.string();
            numbers = reused.numbers(n);
            long number = 0;
            for (int i = 0; i < n; i++) {
                long z = in.varint();
                number += (z >>> 1) ^ -(z & 1);
                numbers[i] = number;
            }
        } else {
            station = new String[n];
            for (int i = 0; i < n; i++) {
                station[i] = in.string();
            }
        }
        double[][] figures = new double[TOTALS + k][];
        if (keysOnly) {
            Arrays.fill(figures, reused.none(n));
        } else {
            for (int f = 0; f < figures.length; f++) {
                double[] column = reused.figure(f, n);
                int kind = in.read();
                if (kind >= Kind.values().length) {
                    throw new IllegalStateException("not a staged block: column kind " + kind);
                }
                switch (Kind.values()[kind]) {
                    case MISSING -> Arrays.fill(column, 0, n, Double.NaN);
                    case COUNTS -> {
                        for (int i = 0; i < n; i++) {
                            column[i] = in.varint();
                        }
                    }
                    case NUMBERS -> {
                        for (int i = 0; i < n; i++) {
                            column[i] = in.primitive();
                        }
                    }
                }
                figures[f] = column;
            }
        }
        ResultColumns out = ResultColumns.wrap(sourceId, candidates, n, line, district, station, figures[0],
                figures[1], figures[2], figures[3], figures[4], figures[5],
                Arrays.copyOfRange(figures, TOTALS, figures.length));
        return numbers == null ? out : out.withNumberedStations(prefix, numbers);
    }

    /**
     * Reads blocks back as rows, for code that works on rows. One decoder for all blocks of a read shares the
     * candidate-id array among rows with the same ids, one string per distinct district id, and one boxed value per
     * whole number below 2^16 (a million staged rows hold some 60 MB fewer objects).
     */
    public static final class Decoder {
        private String[] keys = new String[0];
        private final Map<String, String> districts = new HashMap<>();

        public List<ResultRow> decode(String source, byte[] block) {
            ResultColumns columns = RowBlock.decode(source, block);
            String[] ids = columns.candidates().toArray(String[]::new);
            List<ResultRow> rows = new ArrayList<>(columns.size());
            double[] values = new double[ids.length];
            for (int i = 0; i < columns.size(); i++) {
                for (int c = 0; c < values.length; c++) {
                    values[c] = columns.votes(c, i);
                }
                rows.add(new ResultRow(source, columns.line(i), district(columns.district(i)), columns.station(i),
                        BlockCodec.box(columns.registered(i)), BlockCodec.box(columns.ballotsCast(i)),
                        BlockCodec.box(columns.invalid(i)), BlockCodec.box(columns.valid(i)),
                        BlockCodec.box(columns.turnoutPct(i)), BlockCodec.box(columns.other(i)),
                        CandidateValues.of(keys(ids), values)));
            }
            return rows;
        }

        private String district(String id) {
            return id == null ? null : districts.computeIfAbsent(id, d -> d);
        }

        /** The ids as an array shared with the rows decoded before, when they are the same. */
        private String[] keys(String[] ids) {
            if (!Arrays.equals(ids, keys)) {
                keys = ids;
            }
            return keys;
        }
    }
}
