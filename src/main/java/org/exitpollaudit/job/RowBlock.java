package org.exitpollaudit.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultRow;

/**
 * The staged rows of one chunk of one results file as a single binary value (one database row per chunk instead
 * of one per polling station: inserting and reading a million rows was most of the ingest's and a large part of
 * the analysis's time). Per row, in line order:
 * <pre>
 *   line                varint
 *   district, station   string (varint length + 1, 0 for null; then UTF-8 bytes)
 *   six totals          number each: registered, ballots cast, invalid, valid, turnout %, other
 *   candidate ids       varint 0 = the previous row's ids; otherwise count + 1, then each id as a string
 *   candidate values    number each, in the ids' order
 *   number              tag byte 0 = null, 1 = whole (zig-zag varint), 2 = any other double (8 bytes, big-endian)
 * </pre>
 * Every number comes back bit for bit (whole numbers only when their long value converts back exactly, so −0.0
 * keeps its sign).
 */
public final class RowBlock {

    private static final int NULL = 0;
    private static final int WHOLE = 1;
    private static final int DOUBLE = 2;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private RowBlock() {
    }

    /** The rows (of one source) as one block, sorted by line. */
    public static byte[] encode(List<ResultRow> rows) {
        List<ResultRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(ResultRow::line));
        Out out = new Out(rows.size() * 64);
        List<String> previous = null;
        for (ResultRow r : sorted) {
            out.varint(r.line());
            out.string(r.districtId());
            out.string(r.stationId());
            for (Double v : new Double[] {r.registered(), r.ballotsCast(), r.invalid(), r.valid(), r.turnoutPct(),
                r.other()}) {
                out.number(v);
            }
            List<String> ids = List.copyOf(r.candidates().keySet());
            if (ids.equals(previous)) {
                out.varint(0);
            } else {
                out.varint(ids.size() + 1L);
                ids.forEach(out::string);
                previous = ids;
            }
            for (Map.Entry<String, Double> e : r.candidates().entrySet()) {
                out.number(e.getValue());
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads blocks back. One decoder for all blocks of a read shares the candidate-id array among rows with the same
     * ids and one string per distinct district id.
     */
    public static final class Decoder {
        private String[] keys = new String[0];
        private final Map<String, String> districts = new java.util.HashMap<>();

        public List<ResultRow> decode(String source, byte[] block) {
            In in = new In(block);
            List<ResultRow> rows = new ArrayList<>();
            while (in.more()) {
                int line = (int) in.varint();
                String district = in.string();
                if (district != null) {
                    district = districts.computeIfAbsent(district, d -> d);
                }
                String station = in.string();
                Double[] totals = new Double[6];
                for (int i = 0; i < totals.length; i++) {
                    totals[i] = in.number();
                }
                int idCount = (int) in.varint();
                if (idCount > 0) {
                    String[] ids = new String[idCount - 1];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = in.string();
                    }
                    if (!Arrays.equals(ids, keys)) {
                        keys = ids;
                    }
                }
                double[] values = new double[keys.length];
                for (int i = 0; i < values.length; i++) {
                    Double v = in.number();
                    values[i] = v == null ? Double.NaN : v;
                }
                rows.add(new ResultRow(source, line, district, station, totals[0], totals[1], totals[2], totals[3],
                        totals[4], totals[5], CandidateValues.of(keys, values)));
            }
            return rows;
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void string(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1L);
            write(b, 0, b.length);
        }

        void number(Double v) {
            if (v == null || Double.isNaN(v)) {
                write(NULL);
                return;
            }
            double d = v;
            long l = (long) d;
            if (l == d && Double.doubleToRawLongBits(d) != NEGATIVE_ZERO && Math.abs(l) < (1L << 53)) {
                write(WHOLE);
                varint((l << 1) ^ (l >> 63));
                return;
            }
            write(DOUBLE);
            long bits = Double.doubleToRawLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (bits >>> shift));
            }
        }
    }

    private static final class In {
        private final byte[] b;
        private int at;

        In(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return at < b.length;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[at++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        String string() {
            int n = (int) varint();
            if (n == 0) {
                return null;
            }
            String s = new String(b, at, n - 1, StandardCharsets.UTF_8);
            at += n - 1;
            return s;
        }

        Double number() {
            int tag = b[at++];
            switch (tag) {
                case NULL:
                    return null;
                case WHOLE:
                    long z = varint();
                    return (double) ((z >>> 1) ^ -(z & 1));
                case DOUBLE:
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | (b[at++] & 0xFF);
                    }
                    return Double.longBitsToDouble(bits);
                default:
                    throw new IllegalStateException("not a staged row block: number tag " + tag + " at byte " + (at - 1));
            }
        }
    }
}
