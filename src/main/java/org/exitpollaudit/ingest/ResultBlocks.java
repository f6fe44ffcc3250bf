package org.exitpollaudit.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * A district-, station- or national-level results file read as blocks of rows: each block holds up to a given number of
 * rows, those loaded as {@link ResultColumns} and the others as their rejections, in line order. Every row is loaded or
 * rejected exactly as {@link RowParser} does it for the rows of a {@link Table}:
 * <ul>
 *   <li>a CSV file's plain lines ({@link CsvLines}: no quotes, UTF-8) are split in their bytes; a plain, loadable row
 *       is read from them straight into the columns ({@link PlainRowParser}), any other goes to {@link RowParser}
 *       as the text cells the CSV parser would have given;</li>
 *   <li>from the first line that is not plain, the rest of the file is read by the CSV parser ({@link CsvTable#resume}),
 *       and the whole file when its header is not plain or its first bytes are not UTF-8 text;</li>
 *   <li>an XLSX workbook is read as a {@link Table}.</li>
 * </ul>
 * The file is hashed as it is read: after the last block, {@link #content} is the size and SHA-256 of every byte.
 */
public final class ResultBlocks implements Closeable {

    /** A block of rows: the loaded ones as columns (possibly none), the rejections of the others. */
    public record Block(ResultColumns rows, List<DataIssue> issues) {
    }

    private final Path path;
    private final String display;
    private final Source source;
    private final int blockRows;
    private final int capacity;
    private CsvLines lines;
    private Table table;
    private List<String> header;
    private RowParser parser;
    private PlainRowParser plain;
    private List<String> candidates;
    /** How the rows were read: straight from bytes, as text cells of a plain line, by a {@link Table} (for tests). */
    final int[] readBy = new int[3];

    private ResultBlocks(Path path, Source source, int blockRows) {
        this.path = path;
        this.display = source.file();
        this.source = source;
        this.blockRows = blockRows;
        // a block of a small file does not need room for a full block: a row takes at least a dozen bytes
        this.capacity = (int) Math.min(blockRows, size(path) / 12 + 1);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Opens a results file and reads its header.
     *
     * @param districts  the ids of districts.csv (a district or station row must name one, when there are any)
     * @param electorate the election's registered voters, if published
     * @param blockRows  the most rows (loaded and rejected) a block holds
     * @throws InputException when the file cannot be read or its header names unknown or duplicate columns
     */
    public static ResultBlocks open(Path path, Source source, CandidateResolver resolver, Set<String> districts,
                                    Long electorate, int blockRows) {
        return open(path, source, resolver, districts, electorate, blockRows, null);
    }

    /**
     * Opens one range of a results file ({@link FileRanges}; {@code null}: the whole file): its rows are read as those
     * lines of a whole reading, and {@link #content} is the size and SHA-256 of the range's bytes.
     */
    public static ResultBlocks open(Path path, Source source, CandidateResolver resolver, Set<String> districts,
                                    Long electorate, int blockRows, FileRanges.Range range) {
        ResultBlocks blocks = new ResultBlocks(path, source, blockRows);
        try {
            if (range == null) {
                blocks.readHeader();
            } else {
                blocks.readRange(range);
            }
            List<DataIssue> problems = new ArrayList<>();
            ResultsLayout layout = ResultsLayout.resolve(blocks.header, resolver, blocks.display, problems);
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            blocks.parser = new RowParser(source, layout, districts, electorate);
            blocks.plain = new PlainRowParser(blocks.parser, source, layout, districts, electorate);
            blocks.candidates = layout.candidateIds();
            return blocks;
        } catch (RuntimeException e) {
            blocks.closeQuietly();
            throw e;
        }
    }

    /** The header, from the plain reader when the file starts as one it reads, else from a {@link Table}. */
    private void readHeader() {
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try {
                lines = CsvLines.open(path);
                byte[] head = lines.head(TextEncoding.HEAD);
                if (TextEncoding.utf16(head, head.length, display) == null) {
                    lines.skipByteOrderMark();
                    while (lines.next()) {
                        TableRow row = lines.row();
                        if (!row.isBlank()) {
                            header = row.cells().stream().map(String::strip).toList();
                            return;
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                throw new InputException(DataIssue.fatal(IssueCode.MISSING_FILE, display, null, null, "file not found"));
            } catch (IOException e) {
                // the CSV parser, reading the file again below, says what is wrong with it
            }
            closeQuietly();
        }
        // an XLSX file, or a CSV file that does not start with a plain header: as the table reader reads it
        table = Table.open(path, display);
        header = table.header();
    }

    /**
     * The header, then the range's lines. The first range holds the header and is hashed whole; a later one reads the
     * header's bytes from the file's start and checks them against the hash the cut recorded (its own bytes' hash
     * does not cover them). A range is cut only from a file whose header the plain reader reads (FileRanges checks
     * it), so a header it cannot read, or other bytes, mean that the file changed.
     */
    private void readRange(FileRanges.Range range) {
        boolean first = range.from() == 0;
        Table.Content head = null;
        try {
            lines = CsvLines.range(path, 0, first ? range.to() : range.header().bytes(), 1);
            lines.skipByteOrderMark();
            while (header == null && lines.next()) {
                TableRow row = lines.row();
                if (!row.isBlank()) {
                    header = row.cells().stream().map(String::strip).toList();
                }
            }
            if (!first) {
                head = lines.stream().finish();
                lines.close();
                lines = CsvLines.range(path, range.from(), range.to(), range.firstLine());
            }
        } catch (NoSuchFileException e) {
            throw new InputException(DataIssue.fatal(IssueCode.MISSING_FILE, display, null, null, "file not found"));
        } catch (IOException e) {
            throw new InputException(CsvTable.failure(path, display, null, e));
        }
        if (header == null || head != null && !head.equals(range.header())) {
            throw new InputChangedException(List.of(DataIssue.fatal(IssueCode.INPUT_CHANGED, display, null, null,
                    "the file changed while the job was reading it: its header is not what it was when the file was"
                            + " cut into ranges. Nothing is published for this run; run again once the file is"
                            + " complete")));
        }
    }

    /** The next block; {@code null} after the last row. */
    public Block next() {
        ResultColumns rows = new ResultColumns(source.id(), candidates, capacity);
        List<DataIssue> issues = new ArrayList<>();
        int read = 0;
        try {
            while (read < blockRows) {
                if (lines != null) {
                    if (lines.next()) {
                        if (plain.parse(lines.bytes(), lines.starts(), lines.ends(), lines.cells(), lines.line(), rows)) {
                            readBy[0]++;
                        } else {
                            TableRow raw = lines.row();
                            if (raw.isBlank()) {
                                continue;
                            }
                            add(parser.parse(raw), rows, issues);
                            readBy[1]++;
                        }
                        read++;
                        continue;
                    }
                    if (lines.atEnd()) {
                        break;
                    }
                    // a line the plain reader does not read: the rest of the file as the CSV parser reads it
                    table = CsvTable.resume(path, display, lines.stream(), lines.rest(), lines.nextLine(), header);
                    lines = null;
                }
                if (!table.hasNext()) {
                    break;
                }
                add(parser.parse(table.next()), rows, issues);
                readBy[2]++;
                read++;
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(CsvTable.failure(path, display, lines == null ? null : lines.line(), e));
        }
        return read == 0 ? null : new Block(rows, issues);
    }

    private static void add(RowParser.Parsed parsed, ResultColumns rows, List<DataIssue> issues) {
        if (parsed.loaded()) {
            rows.add(parsed.row());
        } else {
            issues.addAll(parsed.rejections());
        }
    }

    /**
     * The size and SHA-256 of the whole file, or of the range; call it after the last block (it reads what is left of
     * the file or the range).
     */
    public Table.Content content() throws IOException {
        return table != null ? table.content() : lines.stream().finish();
    }

    /** Notes about how cells were read (an XLSX formula's cached value, ...), known after the last block. */
    public List<DataIssue> notes() {
        return table == null ? List.of() : table.notes();
    }

    @Override
    public void close() throws IOException {
        try {
            if (table != null) {
                table.close();
            }
        } finally {
            if (lines != null) {
                lines.close();
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // the failure being reported matters more
        }
        lines = null;
        table = null;
    }
}
