package org.exitpollaudit.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * CSV per RFC 4180, strict UTF-8 (a byte that is not UTF-8 is an error naming the line and guessing the encoding),
 * optional BOM. Every byte read is hashed on the way ({@link #content()}), so the rows can be matched to the
 * fingerprint of the file they came from.
 */
final class CsvTable extends LookaheadTable {

    // empty lines are returned as (blank) records and skipped here, not by the parser: the line count then stays
    // exact, since every record starts on the line after the one the previous record ended on
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    // Commons CSV's messages for the two ways a quote goes wrong
    private static final String UNCLOSED_QUOTE = "EOF reached before encapsulated token finished";
    private static final String TEXT_AFTER_QUOTE = "Invalid character between encapsulated token and delimiter";

    private final Path file;
    private final String display;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final HashingInputStream hashing;
    private final List<String> header;
    /** The lines of the file before the first one this table's parser read (0 unless it resumed another reader). */
    private final int lineOffset;
    private long linesConsumed;
    /** The physical line the record being parsed starts on. */
    private int recordStart = 1;

    // rows parsed ahead on a thread of their own (see readNext): batches of rows, or the reading error
    private static final int BATCH = 512;
    private static final int AHEAD = 8;
    private final BlockingQueue<Object> parsed = new ArrayBlockingQueue<>(AHEAD);
    private volatile boolean closed;
    private Thread reader;
    private List<TableRow> batch;
    private int at;

    private CsvTable(Path file, String display, CSVParser parser, HashingInputStream hashing, int firstLine,
                     List<String> header) {
        this.file = file;
        this.display = display;
        this.parser = parser;
        this.records = parser.iterator();
        this.hashing = hashing;
        this.lineOffset = firstLine - 1;
        this.linesConsumed = lineOffset;
        if (header != null) {
            this.header = header;
            return;
        }
        TableRow h;
        do {
            h = parseRecord();
            if (h == null) {
                throw new InputException(DataIssue.fatal(IssueCode.EMPTY_FILE, display, 1, null,
                        "the file is empty: a header row is required"));
            }
        } while (h.isBlank());
        this.header = h.cells().stream().map(String::strip).toList();
    }

    static CsvTable open(Path file, String display) {
        HashingInputStream hashing = null;
        try {
            hashing = new HashingInputStream(Files.newInputStream(file));
            BufferedInputStream bytes = new BufferedInputStream(hashing, 1 << 16);
            bytes.mark(TextEncoding.HEAD);
            byte[] head = bytes.readNBytes(TextEncoding.HEAD);
            bytes.reset();
            DataIssue utf16 = TextEncoding.utf16(head, head.length, display);
            if (utf16 != null) {
                bytes.close();
                throw new InputException(utf16);
            }
            Reader reader = reader(bytes, 1);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new CsvTable(file, display, parser(reader), hashing, 1, null);
        } catch (NoSuchFileException e) {
            throw new InputException(DataIssue.fatal(IssueCode.MISSING_FILE, display, null, null, "file not found"));
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(hashing);
            throw new InputException(failure(file, display, null, e));
        } catch (InputException e) {
            closeQuietly(hashing);
            throw e;
        }
    }

    /**
     * The rest of a file another reader began ({@link ResultBlocks}, which reads plain rows itself): from the first
     * byte of a record on line {@code firstLine}, below the {@code header} that reader read. {@code pending} are the
     * bytes it had read from {@code hashing} (hashed already) from that record on; the rest come from
     * {@code hashing}. Rows, line numbers and messages are those of a table that read the file from its start.
     */
    static CsvTable resume(Path file, String display, HashingInputStream hashing, byte[] pending, int firstLine,
                           List<String> header) {
        try {
            // SequenceInputStream closes each stream it has read to its end: the file's stays open for content()
            InputStream rest = new FilterInputStream(new BufferedInputStream(hashing, 1 << 16)) {
                @Override
                public void close() {
                    // closed by close()
                }
            };
            InputStream bytes = new SequenceInputStream(new ByteArrayInputStream(pending), rest);
            return new CsvTable(file, display, parser(reader(bytes, firstLine)), hashing, firstLine, header);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(hashing);
            throw new InputException(failure(file, display, firstLine, e));
        }
    }

    /** Strict UTF-8 text, no line longer than {@link LineLengthLimit#MAX_LINE}, the first on line {@code firstLine}. */
    private static Reader reader(InputStream bytes, int firstLine) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new LineLengthLimit(new InputStreamReader(bytes, decoder), LineLengthLimit.MAX_LINE,
                firstLine), 1 << 16);
    }

    private static CSVParser parser(Reader reader) throws IOException {
        return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    }

    private static void closeQuietly(HashingInputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // the failure being reported matters more
        }
    }

    static DataIssue failure(Path file, String display, Integer line, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        while (cause != null && !(cause instanceof CharacterCodingException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CharacterCodingException) {
            // the decoder reads ahead of the parser: the line is found by reading the bytes again
            return TextEncoding.notUtf8(file, display);
        }
        if (cause instanceof LineLengthLimit.LineTooLongException tooLong) {
            return DataIssue.fatal(IssueCode.UNREADABLE_FILE, display, tooLong.line, null, tooLong.getMessage());
        }
        return DataIssue.fatal(IssueCode.UNREADABLE_FILE, display, line, null,
                "cannot be read as CSV: " + Cells.abbreviate(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** The error of the record starting at {@link #recordStart}: an unclosed quote is named where it opens. */
    private InputException failure(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(UNCLOSED_QUOTE)) {
            int opened = openQuoteLine(file, recordStart);
            return new InputException(DataIssue.fatal(IssueCode.UNCLOSED_QUOTE, display, opened, null, "a quoted field opens"
                    + " on this line and is never closed, so the rest of the file (to line "
                    + Math.max(opened, currentLine()) + ") would be its text; close the quote, or"
                    + " double a quote that belongs to the text (\"\")"));
        }
        if (message.contains(TEXT_AFTER_QUOTE)) {
            return new InputException(DataIssue.fatal(IssueCode.TEXT_AFTER_QUOTE, display, (int) currentLine(), null,
                    "a quoted field is followed by more text before the next comma; a quote that belongs to the text"
                            + " must be doubled (\"\"), or the whole field quoted"));
        }
        // the parser's line number is the line it stopped on
        return new InputException(failure(file, display, (int) currentLine(), e));
    }

    /** The line of the file the parser stopped on. */
    private long currentLine() {
        return lineOffset + parser.getCurrentLineNumber();
    }

    /**
     * The line where the last quoted field left open opens, reading the file again from the line a record starts
     * on (RFC 4180: a field is quoted when its first character is a quote; a doubled quote inside is a quote).
     */
    static int openQuoteLine(Path file, int fromLine) {
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            int line = 1;
            int c;
            while (line < fromLine && (c = in.read()) >= 0) {
                if (c == '\n') {
                    line++;
                }
            }
            boolean fieldStart = true;
            boolean quoted = false;
            int opened = fromLine;
            while ((c = in.read()) >= 0) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        if (in.read() != '"') {
                            in.reset();
                            quoted = false;
                        }
                    }
                } else if (c == '"' && fieldStart) {
                    quoted = true;
                    opened = line;
                }
                fieldStart = !quoted && (c == ',' || c == '\n' || c == '\r');
                if (c == '\n') {
                    line++;
                }
            }
            return opened;
        } catch (IOException e) {
            return fromLine;
        }
    }

    private boolean hasNextRecord() {
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private CSVRecord nextRecord() {
        try {
            return records.next();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /**
     * The rows are parsed on a thread of their own, {@value #BATCH} at a time and at most {@value #AHEAD} batches
     * ahead, while the caller checks and stages the rows before them: parsing is a large part of the ingest, and
     * this way it runs on another core. The rows, and a reading error after them, arrive in file order.
     */
    @Override
    protected TableRow readNext() {
        if (batch == null || at == batch.size()) {
            if (batch != null && batch.isEmpty()) {
                return null;
            }
            if (reader == null) {
                reader = new Thread(this::parseAhead, "csv-" + display);
                reader.setDaemon(true);
                reader.start();
            }
            Object next;
            try {
                next = parsed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InputException(DataIssue.fatal(IssueCode.UNREADABLE_FILE, display, null, null, "reading interrupted"));
            }
            if (next instanceof Throwable failure) {
                // nothing more after the error
                batch = List.of();
                at = 0;
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
            @SuppressWarnings("unchecked")
            List<TableRow> rows = (List<TableRow>) next;
            batch = rows;
            at = 0;
            if (rows.isEmpty()) {
                return null;
            }
        }
        return batch.get(at++);
    }

    /** The parsing thread: batches of rows, then an empty batch at the end or the reading error. */
    private void parseAhead() {
        try {
            while (true) {
                List<TableRow> rows = new ArrayList<>(BATCH);
                TableRow row;
                while (rows.size() < BATCH && (row = parseNext()) != null) {
                    rows.add(row);
                }
                if (!hand(rows) || rows.isEmpty()) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            // an InputException naming the line, or anything unforeseen: the caller rethrows it after the rows
            hand(e);
        }
    }

    /** Queues a batch (or the error) for the caller; false when the table was closed meanwhile. */
    private boolean hand(Object item) {
        try {
            while (!closed) {
                if (parsed.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private TableRow parseNext() {
        TableRow row;
        while ((row = parseRecord()) != null) {
            if (!row.isBlank()) {
                return row;
            }
        }
        return null;
    }

    /** The next record, blank or not, numbered by the physical line it starts on; {@code null} at the end. */
    private TableRow parseRecord() {
        recordStart = (int) linesConsumed + 1;
        if (!hasNextRecord()) {
            return null;
        }
        CSVRecord r = nextRecord();
        linesConsumed = currentLine();
        List<String> cells = new ArrayList<>(r.size());
        r.forEach(cells::add);
        return new TableRow(recordStart, cells);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public List<DataIssue> notes() {
        return List.of();
    }

    @Override
    public Content content() throws IOException {
        if (hasNext()) {
            throw new IllegalStateException("the content of " + display + " is known once all its rows were read");
        }
        return hashing.finish();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            parser.close();
        } finally {
            hashing.close();
        }
    }
}
