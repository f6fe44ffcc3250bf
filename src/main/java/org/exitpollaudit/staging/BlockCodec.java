package org.exitpollaudit.staging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The primitives of the staged blocks ({@link RowBlock}, {@link FigureBlock}):
 * <pre>
 *   varint   7 bits per byte, low bits first, high bit set on all but the last byte
 *   string   varint 0 = null; 1 = a new string to remember, 2 = a string not to remember (station ids, unique
 *            within a file), either followed by varint byte length and UTF-8 bytes; k ≥ 3 = the (k − 3)-th
 *            remembered string of this block again (district ids, candidate ids and metric names repeat)
 *   number   tag byte 0 = null, 1 = whole (zig-zag varint), 2 = any other double (8 bytes, big-endian)
 * </pre>
 * Every number comes back bit for bit: whole only when its long value converts back exactly and it is not −0.0.
 */
final class BlockCodec {

    private static final int NULL = 0;
    private static final int WHOLE = 1;
    private static final int DOUBLE = 2;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    /**
     * One boxed value for each whole number below 2^16 (counts of registered voters, ballots and votes at a station
     * mostly are), shared by every row read back: a million staged rows hold some 60 MB fewer objects.
     */
    private static final Double[] SMALL = new Double[1 << 16];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = (double) i;
        }
    }

    private BlockCodec() {
    }

    /** A block of records, each written by {@code write}, at about {@code bytesEach} bytes a record. */
    static <T> byte[] encode(List<T> records, int bytesEach, BiConsumer<Out, T> write) {
        Out out = new Out(records.size() * bytesEach);
        for (T r : records) {
            write.accept(out, r);
        }
        return out.toByteArray();
    }

    /** The records of a block, each read by {@code read}, in order. */
    static <T> List<T> decode(byte[] block, Function<In, T> read) {
        In in = new In(block);
        List<T> out = new ArrayList<>();
        while (in.more()) {
            out.add(read.apply(in));
        }
        return out;
    }

    /** Writes one block. */
    static final class Out {
        private final Map<String, Integer> seen = new HashMap<>();
        /** The last string written and its reference: a column of districts repeats the same instance row after row. */
        private String last;
        private long lastReference;
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[Math.max(16, size)];
        }

        /** One byte (the low eight bits); unlike ByteArrayOutputStream's, not synchronized. */
        void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        void varint(long v) {
            // room for the longest varint (10 bytes) checked once, not per byte
            if (count + 10 > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + 10));
            }
            byte[] b = buf;
            int at = count;
            while ((v & ~0x7FL) != 0) {
                b[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[at++] = (byte) v;
            count = at;
        }

        void string(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            if (s == last) {
                varint(lastReference);
                return;
            }
            Integer at = seen.get(s);
            last = s;
            if (at != null) {
                lastReference = at + 3L;
                varint(lastReference);
                return;
            }
            lastReference = seen.size() + 3L;
            seen.put(s, seen.size());
            bytes(1, s);
        }

        /** A string that is not looked up or remembered for reference: one that does not repeat. */
        void uniqueString(String s) {
            if (s == null) {
                varint(0);
            } else {
                bytes(2, s);
            }
        }

        private void bytes(int tag, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(tag);
            varint(b.length);
            write(b, 0, b.length);
        }

        void number(Double v) {
            if (v == null) {
                write(NULL);
            } else {
                value(v);
            }
        }

        /** A number of a column where NaN stands for a missing figure: NaN is written as null. */
        void number(double d) {
            if (Double.isNaN(d)) {
                write(NULL);
            } else {
                value(d);
            }
        }

        private void value(double d) {
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

    /** Reads one block. */
    static final class In {
        private final byte[] b;
        private final List<String> seen = new ArrayList<>();
        private int at;

        In(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return at < b.length;
        }

        /** The next byte, not consumed; −1 at the end. */
        int peek() {
            return at < b.length ? b[at] & 0xFF : -1;
        }

        /** The next byte. */
        int read() {
            return b[at++] & 0xFF;
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
            int k = (int) varint();
            if (k == 0) {
                return null;
            }
            if (k >= 3) {
                return seen.get(k - 3);
            }
            int n = (int) varint();
            String s = new String(b, at, n, StandardCharsets.UTF_8);
            at += n;
            if (k == 1) {
                seen.add(s);
            }
            return s;
        }

        Double number() {
            int tag = peek();
            if (tag == NULL) {
                at++;
                return null;
            }
            double v = primitive();
            return tag == WHOLE ? box(v) : Double.valueOf(v);
        }

        /** A number as a double, NaN for null. */
        double primitive() {
            int tag = b[at++];
            switch (tag) {
                case NULL:
                    return Double.NaN;
                case WHOLE:
                    long z = varint();
                    return (z >>> 1) ^ -(z & 1);
                case DOUBLE:
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | (b[at++] & 0xFF);
                    }
                    return Double.longBitsToDouble(bits);
                default:
                    throw new IllegalStateException("not a staged block: number tag " + tag + " at byte " + (at - 1));
            }
        }
    }

    /** A number as a row holds it: {@code null} for NaN, whole numbers below 2^16 as one shared instance each. */
    static Double box(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        int i = (int) v;
        return i == v && i >= 0 && i < SMALL.length && Double.doubleToRawLongBits(v) != NEGATIVE_ZERO ? SMALL[i]
                : Double.valueOf(v);
    }
}
