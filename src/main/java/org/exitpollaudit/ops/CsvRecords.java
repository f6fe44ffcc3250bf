package org.exitpollaudit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Reads a CSV file with a header row as RFC 4180 defines it (fields quoted with {@code "} may hold commas, line
 * breaks and doubled quotes; CR, LF and CRLF end a record), the way Commons CSV's {@code CSVFormat.RFC4180} reads it
 * ({@code CsvRecordsTest} compares the two), at several times its speed: the console summary ({@link ReportSummary})
 * reads the report's data-issues.csv after every run, and its figures.csv, 58 MB and 745,000 records at a million
 * stations, after a run on unchanged inputs (a run that writes the report hands on what it gathered of figures.csv
 * instead). It reads UTF-8 bytes, not characters: every character that shapes a record ({@code " , CR LF}) is a
 * single byte in UTF-8 and no byte of a longer character looks like one, so records split on bytes exactly as on
 * characters, and only the fields built are decoded (strictly: bytes that are not UTF-8 are an error there). Of the
 * records passed over, only a character after a closing quote is decoded, which must be white space in any record.
 */
final class CsvRecords {

    /** One record: its fields by the header's column names. */
    static final class Row {
        private final Map<String, Integer> columns;
        private final List<String> fields;

        private Row(Map<String, Integer> columns, List<String> fields) {
            this.columns = columns;
            this.fields = fields;
        }

        /** The field under that header; a missing field or column is an error, as in Commons CSV. */
        String get(String column) {
            Integer at = columns.get(column);
            if (at == null) {
                throw new IllegalArgumentException("no column '" + column + "' in the header " + columns.keySet());
            }
            if (at >= fields.size()) {
                throw new IllegalArgumentException("the record " + fields + " has no field '" + column + "'");
            }
            return fields.get(at);
        }
    }

    private CsvRecords() {
    }

    /** Every record after the header, in order. */
    static void read(Path csv, Consumer<Row> each) throws IOException {
        read(csv, first -> Integer.MAX_VALUE, each);
    }

    /**
     * The records after the header, each with as many of its leading fields as {@code wanted} asks for given its
     * first field: 0 passes the record over, {@link Integer#MAX_VALUE} builds every field. The fields not asked for
     * are still read through (a quoted field may hold a line break) but not built: the console summary needs the few
     * thousand national records of a figures.csv whose station records run to hundreds of thousands, and of those
     * only the source of the local comparisons' records.
     */
    static void read(Path csv, ToIntFunction<String> wanted, Consumer<Row> each) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            Map<String, Integer> columns = new HashMap<>();
            boolean[] header = {true};
            recordPrefixes(in, first -> header[0] ? Integer.MAX_VALUE : wanted.applyAsInt(first), fields -> {
                if (header[0]) {
                    for (int i = 0; i < fields.size(); i++) {
                        columns.putIfAbsent(fields.get(i), i);
                    }
                    header[0] = false;
                } else {
                    each.accept(new Row(columns, fields));
                }
            });
        }
    }

    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** A quote inside a quoted field: the field's end, or the first of a doubled quote. */
    private static final int QUOTE = 3;
    /** White space after a quoted field, skipped up to the delimiter or line end (as Commons CSV skips it). */
    private static final int AFTER = 4;

    /** Splits the text into records of fields. */
    static void records(InputStream in, Consumer<List<String>> each) throws IOException {
        recordPrefixes(in, first -> Integer.MAX_VALUE, each);
    }

    /** The index of the next quote from {@code i}, or {@code n}. */
    private static int toQuote(byte[] buf, int i, int n) {
        while (i < n && buf[i] != '"') {
            i++;
        }
        return i;
    }

    /**
     * Outside quotes, the index from {@code i} of the next line end or of a quote that opens a field (one at a field's
     * start: {@code fieldStart} says whether {@code i} is one), or {@code n}; a quote inside an unquoted field is text.
     */
    private static int toLineEnd(byte[] buf, int i, int n, boolean fieldStart) {
        for (; i < n; i++) {
            byte c = buf[i];
            if (c == '\n' || c == '\r' || c == '"' && fieldStart) {
                return i;
            }
            fieldStart = c == ',';
        }
        return n;
    }

    /**
     * Splits the text into records of fields, passing on each record with as many of its leading fields as
     * {@code wanted} asks for given its first field (0: the record is passed over).
     */
    static void recordPrefixes(InputStream in, ToIntFunction<String> wanted, Consumer<List<String>> each)
            throws IOException {
        byte[] buf = new byte[1 << 16];
        Fields fields = new Fields();
        List<String> record = new ArrayList<>();
        int state = START;
        boolean afterCr = false;
        boolean inRecord = false;
        // the fields of this record asked for (-1 until its first field is read), and whether they are all built
        int want = -1;
        boolean skipped = false;
        // after a quoted field, the bytes of a character of several being read, and how many are still to come
        byte[] character = new byte[4];
        int read = 0;
        int pending = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                byte c = buf[i];
                if (afterCr) {
                    afterCr = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (skipped) {
                    // the rest of a record passed over (most of a figures.csv): only a line end or a quote can change
                    // what follows, so the bytes between are run over by small loops the JIT compiles early
                    int j = i;
                    if (state == QUOTED) {
                        j = toQuote(buf, i, n);
                    } else if (state == START || state == UNQUOTED) {
                        j = toLineEnd(buf, i, n, state == START);
                        if (j > i) {
                            state = buf[j - 1] == ',' ? START : UNQUOTED;
                            inRecord = true;
                        }
                    }
                    if (j == n) {
                        break;
                    }
                    i = j;
                    c = buf[i];
                }
                switch (state) {
                    case QUOTED:
                        if (c == '"') {
                            state = QUOTE;
                        } else if (!skipped) {
                            fields.append(c);
                        }
                        continue;
                    case QUOTE:
                        if (c == '"') {
                            if (!skipped) {
                                fields.append(c);
                            }
                            state = QUOTED;
                            continue;
                        }
                        // fall through: the field has ended
                    case AFTER:
                        if (pending > 0 || c < 0) {
                            // a character of several bytes: white space (U+2003, say) is skipped as Commons CSV skips
                            // it, anything else refused; the bytes are decoded strictly, so that an overlong or
                            // otherwise malformed sequence is an error as it is to a decoding reader
                            if (pending == 0) {
                                read = 0;
                                pending = c >= (byte) 0xF0 ? 3 : c >= (byte) 0xE0 ? 2 : c >= (byte) 0xC0 ? 1 : 0;
                            } else if ((c & 0xC0) == 0x80) {
                                pending--;
                            } else {
                                pending = 0; // not a continuation: the sequence is cut short
                            }
                            character[read++] = c;
                            if (pending == 0 && !fields.whiteSpace(character, read)) {
                                throw new IOException("invalid character after the closing quote of a field, in record "
                                        + record);
                            }
                            state = AFTER;
                            continue;
                        }
                        if (c != ',' && c != '\n' && c != '\r' && Character.isWhitespace(c)) {
                            state = AFTER;
                            continue;
                        }
                        if (c != ',' && c != '\n' && c != '\r') {
                            throw new IOException("invalid character '" + (char) c + "' after the closing quote of a"
                                    + " field, in record " + record);
                        }
                        break;
                    case START:
                        if (c == '"') {
                            state = QUOTED;
                            inRecord = true;
                            continue;
                        }
                        break;
                    default:
                        break;
                }
                // START, UNQUOTED or the end of a quoted field
                if (c == ',') {
                    want = endField(record, fields, skipped, want, wanted);
                    skipped = skipped || record.size() >= want;
                    state = START;
                    inRecord = true;
                } else if (c == '\n' || c == '\r') {
                    afterCr = c == '\r';
                    want = endField(record, fields, skipped, want, wanted);
                    if (want > 0) {
                        each.accept(record);
                    }
                    record = new ArrayList<>(Math.max(record.size(), 8));
                    want = -1;
                    skipped = false;
                    state = START;
                    inRecord = false;
                } else {
                    if (!skipped) {
                        fields.append(c);
                    }
                    state = UNQUOTED;
                    inRecord = true;
                }
            }
        }
        if (state == QUOTED) {
            throw new IOException("end of file inside a quoted field, in record " + record);
        }
        if (pending > 0) {
            throw new IOException("end of file inside a character after the closing quote of a field, in record "
                    + record);
        }
        if (inRecord && endField(record, fields, skipped, want, wanted) > 0) {
            each.accept(record);
        }
    }

    /**
     * Ends a field: adds it to the record unless the fields asked for are all built ({@code skipped}); returns how
     * many fields the record is asked for, known once its first field is ({@code want}, −1 until then).
     */
    private static int endField(List<String> record, Fields fields, boolean skipped, int want,
                                ToIntFunction<String> wanted) throws IOException {
        if (skipped) {
            fields.clear();
            return want;
        }
        try {
            record.add(fields.end(record.size()));
        } catch (CharacterCodingException e) {
            throw new IOException("bytes that are not UTF-8 in field " + (record.size() + 1) + " of the record that"
                    + " begins " + record, e);
        }
        return want < 0 ? wanted.applyAsInt(record.get(0)) : want;
    }

    /**
     * The bytes of the field being read, and the text of the last field built in each column: a field whose bytes
     * are those of the column's last one (a figures.csv repeats its section and source over thousands of records) is
     * the same text, and is not decoded again.
     */
    private static final class Fields {
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        private byte[] bytes = new byte[64];
        private int length;
        private byte[][] lastBytes = new byte[8][];
        private String[] lastText = new String[8];

        void append(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, 2 * length);
            }
            bytes[length++] = b;
        }

        void clear() {
            length = 0;
        }

        /** Whether the {@code length} bytes are one character of white space in UTF-8 (strictly decoded). */
        boolean whiteSpace(byte[] character, int length) {
            try {
                CharBuffer c = utf8.decode(ByteBuffer.wrap(character, 0, length));
                return c.length() == 1 && Character.isWhitespace(c.charAt(0));
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        /** The field's text, as the {@code column}-th of its record; clears the field. */
        String end(int column) throws CharacterCodingException {
            if (column >= lastText.length) {
                lastBytes = Arrays.copyOf(lastBytes, 2 * column);
                lastText = Arrays.copyOf(lastText, 2 * column);
            }
            byte[] last = lastBytes[column];
            int n = length;
            length = 0;
            if (last == null || !Arrays.equals(last, 0, last.length, bytes, 0, n)) {
                // strict UTF-8, as a decoding reader is: malformed bytes are an error, not a replacement character
                lastText[column] = utf8.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
                lastBytes[column] = Arrays.copyOf(bytes, n);
            }
            return lastText[column];
        }
    }
}
