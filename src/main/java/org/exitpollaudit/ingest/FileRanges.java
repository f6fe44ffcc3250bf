package org.exitpollaudit.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a large CSV results file into byte ranges that separate partitions can stage side by side, each reading only
 * its own bytes. A cut must fall between two records and its line number must be the one a reading of the whole file
 * gives that record, so a file is cut only when every line break ends a record and is counted alike by every reader:
 * no quote character anywhere (a quoted field may hold a line break), no carriage return except before a line feed,
 * not UTF-16, and a header in UTF-8 before the first cut (a range after the first reads the header from the file's
 * start). Other files, and XLSX or compressed ones, are read whole.
 *
 * <p>One pass over the file finds the cuts, the first line start at or after each {@code size} bytes from the last
 * cut (none leaving less than {@code size} bytes after it), and hashes the whole file (to be compared with what the
 * run recorded when it was validated: the cuts belong to those bytes), its header (which a range after the first
 * reads from the file's start and checks) and each range (which its partition compares with what it read: the run's
 * fingerprint covers every range through the whole).
 */
public final class FileRanges {

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) of the file, which start at line {@code firstLine}
     * (1-based, as messages name lines) and end before line {@code endLine} (the next range's first line;
     * {@link Integer#MAX_VALUE} for the last range); their size is {@code to − from} and their SHA-256 {@code sha256}.
     * The first range starts at byte 0 and holds the header; every range carries the size and SHA-256 of the file's
     * bytes up to the end of its header line ({@code header}), which a range after the first reads and checks before
     * its own bytes.
     */
    public record Range(long from, long to, int firstLine, int endLine, String sha256, Table.Content header) {

        /** The number of bytes of the range. */
        public long bytes() {
            return to - from;
        }

        /** Whether the line lies in this range. */
        public boolean holds(int line) {
            return line >= firstLine && line < endLine;
        }
    }

    /**
     * The ranges of a file, and the size and SHA-256 of the whole file they were cut from; no ranges and a {@code null}
     * whole when the file is not cut.
     */
    public record Split(List<Range> ranges, Table.Content whole) {
    }

    private FileRanges() {
    }

    /**
     * The file cut into ranges of at least {@code size} bytes each, or not cut (a file smaller than two ranges, or one
     * that cannot be cut: see the class comment).
     *
     * @throws IOException when the file cannot be read
     */
    public static Split split(Path file, long size) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a range holds at least one byte, got " + size);
        }
        long length = Files.size(file);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") || length < 2 * size) {
            return new Split(List.of(), null);
        }
        Scan scan = new Scan(size, length);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(TextEncoding.HEAD);
            if (TextEncoding.utf16(head, head.length, file.toString()) != null || !scan.add(head, head.length)) {
                return new Split(List.of(), null);
            }
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (!scan.add(buf, n)) {
                    return new Split(List.of(), null);
                }
            }
        }
        return scan.finish();
    }

    /** The pass over a file's bytes, fed a buffer at a time. */
    private static final class Scan {
        private final long size;
        /** The file's size when the pass began: no cut leaves less than {@link #size} bytes after it. */
        private final long length;
        private final MessageDigest whole = InputFingerprint.newSha256();
        private final MessageDigest range = InputFingerprint.newSha256();
        private final List<Range> ranges = new ArrayList<>();
        /** Bytes taken so far. */
        private long at;
        /** The line the next byte belongs to. */
        private int line = 1;
        private long from;
        private int firstLine = 1;
        private final MessageDigest head = InputFingerprint.newSha256();
        /** Known once the header line has been read. */
        private Table.Content header;
        private boolean afterCr;
        /** The bytes of the line being read, until the header has been seen. */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Scan(long size, long length) {
            this.size = size;
            this.length = length;
        }

        /** Takes the next {@code n} bytes; false when the file cannot be cut. */
        boolean add(byte[] b, int n) {
            whole.update(b, 0, n);
            boolean beforeHeader = header == null;
            int hashed = 0;
            for (int i = 0; i < n; i++) {
                byte x = b[i];
                if (afterCr && x != '\n' || x == '"') {
                    return false;
                }
                afterCr = x == '\r';
                if (x == '\n') {
                    if (header == null) {
                        Boolean isHeader = isHeader(pending.toByteArray(), line == 1);
                        if (isHeader == null) {
                            return false;
                        }
                        if (isHeader) {
                            head.update(b, 0, i + 1);
                            header = new Table.Content(at + i + 1, hex(head.digest()));
                        }
                        pending.reset();
                    }
                    line++;
                    long next = at + i + 1;
                    if (header != null && next - from >= size && length - next >= size) {
                        range.update(b, hashed, i + 1 - hashed);
                        hashed = i + 1;
                        ranges.add(new Range(from, next, firstLine, line, hex(range.digest()), header));
                        from = next;
                        firstLine = line;
                    }
                } else if (header == null) {
                    if (pending.size() >= CsvLines.BUFFER) {
                        // a line before the header longer than the plain reader takes: not cut
                        return false;
                    }
                    pending.write(x);
                }
            }
            if (beforeHeader && header == null) {
                head.update(b, 0, n);
            }
            range.update(b, hashed, n - hashed);
            at += n;
            return true;
        }

        Split finish() {
            if (afterCr || ranges.isEmpty()) {
                // a carriage return at the very end is a line of its own to the CSV parser
                return new Split(List.of(), null);
            }
            ranges.add(new Range(from, at, firstLine, Integer.MAX_VALUE, hex(range.digest()), header));
            return new Split(List.copyOf(ranges), new Table.Content(at, hex(whole.digest())));
        }
    }

    /**
     * Whether a line before the header is the header: as the reader of a range sees it, the first line whose cells are
     * not all blank (after a UTF-8 byte order mark at the file's start); {@code null} when the line is not UTF-8, which
     * the plain reader leaves to the CSV parser (the file is then not cut).
     */
    private static Boolean isHeader(byte[] line, boolean first) {
        int from = first && line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        int to = line.length > from && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        if (!CsvLines.utf8(line, from, to)) {
            return null;
        }
        return !Arrays.stream(new String(line, from, to - from, StandardCharsets.UTF_8).split(",", -1))
                .allMatch(String::isBlank);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
