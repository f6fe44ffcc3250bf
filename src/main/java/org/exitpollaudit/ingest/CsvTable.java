package org.exitpollaudit.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
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
import org.exitpollaudit.reconcile.DataIssue;

/** CSV per RFC 4180, strict UTF-8 (a byte that is not UTF-8 is an error naming the line), optional BOM. */
final class CsvTable extends LookaheadTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final String display;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private long linesConsumed;

    // rows parsed ahead on a thread of their own (see readNext): batches of rows, or the reading error
    private static final int BATCH = 512;
    private static final int AHEAD = 8;
    private final BlockingQueue<Object> parsed = new ArrayBlockingQueue<>(AHEAD);
    private volatile boolean closed;
    private Thread reader;
    private List<TableRow> batch;
    private int at;

    private CsvTable(String display, CSVParser parser) {
        this.display = display;
        this.parser = parser;
        this.records = parser.iterator();
        if (!hasNextRecord()) {
            throw new InputException(DataIssue.fatal("EMPTY_FILE", display, 1, null,
                    "the file is empty: a header row is required"));
        }
        CSVRecord h = nextRecord();
        List<String> cells = new ArrayList<>();
        h.forEach(c -> cells.add(c.strip()));
        this.header = List.copyOf(cells);
        this.linesConsumed = parser.getCurrentLineNumber();
    }

    static CsvTable open(Path file, String display) {
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new CsvTable(display, CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
        } catch (NoSuchFileException e) {
            throw new InputException(DataIssue.fatal("MISSING_FILE", display, null, null, "file not found"));
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(failure(display, null, e));
        }
    }

    private static DataIssue failure(String display, Integer line, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        while (cause != null && !(cause instanceof CharacterCodingException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CharacterCodingException) {
            return DataIssue.fatal("NOT_UTF8", display, line, null,
                    "the file is not valid UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)");
        }
        return DataIssue.fatal("UNREADABLE_FILE", display, line, null,
                "cannot be read as CSV: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private boolean hasNextRecord() {
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            throw new InputException(failure(display, (int) parser.getCurrentLineNumber() + 1, e));
        }
    }

    private CSVRecord nextRecord() {
        try {
            return records.next();
        } catch (RuntimeException e) {
            throw new InputException(failure(display, (int) parser.getCurrentLineNumber() + 1, e));
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
                throw new InputException(DataIssue.fatal("UNREADABLE_FILE", display, null, null, "reading interrupted"));
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
        while (hasNextRecord()) {
            int line = (int) linesConsumed + 1;
            CSVRecord r = nextRecord();
            linesConsumed = parser.getCurrentLineNumber();
            List<String> cells = new ArrayList<>(r.size());
            r.forEach(cells::add);
            TableRow row = new TableRow(line, cells);
            if (!row.isBlank()) {
                return row;
            }
        }
        return null;
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
        parser.close();
    }
}
