package org.exitpollaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.io.input.BoundedInputStream;

/**
 * The lines of a CSV file as byte ranges, split at its commas, for the lines whose cells RFC 4180 reads exactly so:
 * no quote character (so no quoted field, no comma or line break inside one), no carriage return except before a line
 * feed, valid UTF-8, and short enough to fit the buffer. At the first line that is not such a {@linkplain #next plain}
 * line the caller hands the rest of the file to {@link CsvTable#resume}, which reads it as it would have from the
 * file's start. Every byte is read through a {@link HashingInputStream}, so the file's size and SHA-256 cover all of
 * it whichever reader took which part.
 */
final class CsvLines implements Closeable {

    /** The longest line read here; a longer one goes to the CSV parser (which refuses one beyond a million characters). */
    static final int BUFFER = 1 << 20;
    /**
     * Bytes read at a time. Small against the buffer, so that the reader is never far ahead of the rows handed on: a
     * file that changes while it is read then shows the change in its hash (see InputProvenanceTest).
     */
    private static final int READ = 1 << 16;

    private final HashingInputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private int nextLine = 1;

    // the line last read by next()
    private int line;
    private int cells;
    private int[] starts = new int[64];
    private int[] ends = new int[64];

    private CsvLines(HashingInputStream in) {
        this.in = in;
    }

    static CsvLines open(Path file) throws IOException {
        return new CsvLines(new HashingInputStream(Files.newInputStream(file)));
    }

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) of the file, which start at line {@code firstLine}: only
     * they are read and hashed ({@link FileRanges}; a file shorter than {@code from} reads as no bytes).
     */
    static CsvLines range(Path file, long from, long to, int firstLine) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            channel.position(from);
            CsvLines lines = new CsvLines(new HashingInputStream(BoundedInputStream.builder()
                    .setInputStream(Channels.newInputStream(channel)).setMaxCount(to - from).get()));
            lines.nextLine = firstLine;
            return lines;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The first {@code n} bytes of the file (fewer if it is shorter), read but not consumed; a UTF-8 byte order mark is
     * then skipped by {@link #skipByteOrderMark}.
     */
    byte[] head(int n) throws IOException {
        while (limit < n && !eof) {
            fill();
        }
        return Arrays.copyOf(buf, Math.min(n, limit));
    }

    /** Skips the UTF-8 byte order mark at the start of the file, if there is one. */
    void skipByteOrderMark() throws IOException {
        head(3);
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    /**
     * Reads the next line. True when it is plain: {@link #line}, {@link #cells}, {@link #starts} and {@link #ends}
     * then describe it in {@link #bytes}. False at the end of the file ({@link #atEnd}) and at a line that is not plain,
     * which is left unread for {@link #rest}.
     */
    boolean next() throws IOException {
        while (true) {
            int found = scan();
            if (found == LINE) {
                return true;
            }
            if (found == OTHER) {
                return false;
            }
            if (!fill()) {
                // a line longer than the buffer
                return false;
            }
        }
    }

    private static final int LINE = 0;
    private static final int MORE = 1;
    private static final int OTHER = 2;

    /** Looks for a whole line from {@link #pos} in what is buffered. */
    private int scan() {
        byte[] b = buf;
        int c = 0;
        starts[0] = pos;
        boolean high = false;
        int end = -1;
        int after = -1;
        for (int i = pos; i < limit; i++) {
            byte x = b[i];
            if (x == ',') {
                ends[c++] = i;
                if (c == starts.length) {
                    starts = Arrays.copyOf(starts, c * 2);
                    ends = Arrays.copyOf(ends, c * 2);
                }
                starts[c] = i + 1;
            } else if (x == '\n') {
                end = i;
                after = i + 1;
                break;
            } else if (x == '\r') {
                if (i + 1 == limit && !eof) {
                    return MORE;
                }
                if (i + 1 == limit || b[i + 1] != '\n') {
                    // a carriage return alone ends a line too, as the CSV parser counts lines
                    return OTHER;
                }
                end = i;
                after = i + 2;
                break;
            } else if (x == '"') {
                return OTHER;
            } else if (x < 0) {
                high = true;
            }
        }
        if (end < 0) {
            if (!eof) {
                return MORE;
            }
            if (pos == limit) {
                return OTHER;
            }
            // the last line, without a line break
            end = limit;
            after = limit;
        }
        if (high && !utf8(b, pos, end)) {
            return OTHER;
        }
        ends[c] = end;
        cells = c + 1;
        line = nextLine++;
        pos = after;
        return LINE;
    }

    /** Moves the unread bytes to the front and reads more; false when the buffer is full (a line too long for it). */
    private boolean fill() throws IOException {
        if (pos > 0) {
            // the caller is done with the last line's cells when it asks for the next line
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            return false;
        }
        int n = in.read(buf, limit, Math.min(READ, buf.length - limit));
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return true;
    }

    /**
     * Whether the bytes are well-formed UTF-8 (The Unicode Standard, table 3-7: no overlong forms, no surrogates,
     * nothing above U+10FFFF), as Java's decoder requires to read them without an error.
     */
    static boolean utf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int x = b[i] & 0xFF;
            if (x < 0x80) {
                i++;
                continue;
            }
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            if (x >= 0xC2 && x <= 0xDF) {
                more = 1;
            } else if (x >= 0xE0 && x <= 0xEF) {
                more = 2;
                lo = x == 0xE0 ? 0xA0 : lo;
                hi = x == 0xED ? 0x9F : hi;
            } else if (x >= 0xF0 && x <= 0xF4) {
                more = 3;
                lo = x == 0xF0 ? 0x90 : lo;
                hi = x == 0xF4 ? 0x8F : hi;
            } else {
                return false;
            }
            if (i + more >= to) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= more; k++) {
                int y = b[i + k] & 0xFF;
                if (y < 0x80 || y > 0xBF) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }

    /** The buffer the last line's cells are in. */
    byte[] bytes() {
        return buf;
    }

    /** The physical line (1-based) of the last line read. */
    int line() {
        return line;
    }

    int cells() {
        return cells;
    }

    int[] starts() {
        return starts;
    }

    int[] ends() {
        return ends;
    }

    /** The last line read as a row of text cells, as the CSV parser gives it. */
    TableRow row() {
        List<String> out = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            out.add(new String(buf, starts[c], ends[c] - starts[c], StandardCharsets.UTF_8));
        }
        return new TableRow(line, out);
    }

    /** Whether every line was read (the last {@link #next} returned false at the end of the file). */
    boolean atEnd() {
        return eof && pos == limit;
    }

    /** The line {@link #next} stopped at: its number, for {@link CsvTable#resume}. */
    int nextLine() {
        return nextLine;
    }

    /** The bytes read but not yet taken, from the start of the line {@link #next} stopped at. */
    byte[] rest() {
        return Arrays.copyOfRange(buf, pos, limit);
    }

    /** The stream the file is read through, for the reader that takes over and for the file's hash. */
    HashingInputStream stream() {
        return in;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
