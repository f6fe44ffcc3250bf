package org.exitpollaudit.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.CandidateResolver;
import org.exitpollaudit.ingest.FileRanges;
import org.exitpollaudit.ingest.InputChangedException;
import org.exitpollaudit.ingest.ResultBlocks;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads every results file the job analyses as blocks of rows ({@link ResultBlocks}), one file after the other in
 * sources.csv order, followed by a block with each file's reading notes when it has any; or one range of a file
 * ({@link FileRanges}). Restartable by block: the number of blocks read is saved at each commit, and a restart reads
 * the file (the range) again from its start, so that its hash covers all of it, and hands on blocks from the first
 * one not staged.
 *
 * <p>Each file is hashed as it is read; after its last block the size and SHA-256 of the bytes the rows came from must
 * be those recorded when the run was validated (the run's fingerprint), or the run fails: a file appended to or
 * rewritten while the job reads it never yields a report under either version's fingerprint. That check is made at
 * the next read after the last block, once that block was processed and written, so that the reader never reads far
 * ahead of what it handed on.
 *
 * <p>The next block of a file is parsed on a thread of the reader's own while the block handed on is encoded and
 * staged (the two took about the same time, one after the other on one core): one block ahead, never more, and the
 * restart point still counts the blocks handed on.
 */
public class ResultsItemReader extends AbstractItemCountingItemStreamItemReader<ResultBlocks.Block> {

    private final ElectionPackage pkg;
    private final CandidateResolver resolver;
    private final Iterator<Source> sources;
    private final Set<String> districts;
    /**
     * The most rows a block holds: this launch's {@code epa.ingest.block-rows}, unless an earlier attempt of this
     * partition used another, whose value is kept with its restart point (skipping n blocks of another size would
     * skip or repeat rows).
     */
    private int blockRows;
    private ResultBlocks blocks;
    /** The block of {@link #blocks} after the one handed on last, being parsed; {@code null} when none is. */
    private Future<ResultBlocks.Block> ahead;
    private ExecutorService parser;
    private Source current;
    private List<DataIssue> notes = List.of();
    private final Map<String, InputFile> recorded = new HashMap<>();
    private final List<Source> toRead;
    private final StagingRepository staging;
    private final long run;
    /** The part of the file this partition reads ({@link SourcePartitioner}), {@code null} for the whole file. */
    private final FileRanges.Range range;
    private ExecutionContext context;

    /**
     * The execution context key (after the reader's name) under which the rows read so far, loaded and rejected, are
     * saved: what the progress log reports for a file, rather than the number of blocks.
     */
    static final String ROWS = "rows";
    /** The execution context key (after the reader's name) of the block size the restart point counts in. */
    static final String BLOCK_ROWS = "block.rows";
    /** The reader's name, which its keys in the execution context start with. */
    private static final String NAME = "blocks";
    private long rows;

    /** The execution context key that marks a partition whose file changed while an earlier attempt read it. */
    static final String RESTAGE = "restage";
    /** The key under which the base class keeps the number of blocks read (its restart point). */
    private static final String READ_COUNT = "read.count";

    /**
     * @param run       the run whose validation recorded the inputs (path, size and SHA-256 of each)
     * @param blockRows the most rows a block holds
     */
    public ResultsItemReader(ElectionPackage pkg, CandidateResolver resolver, List<Source> toRead,
                             StagingRepository staging, long run, int blockRows) {
        this(pkg, resolver, toRead, staging, run, blockRows, null);
    }

    /**
     * @param range the part of the file to read ({@code toRead} is then one file), {@code null} for every file whole
     */
    public ResultsItemReader(ElectionPackage pkg, CandidateResolver resolver, List<Source> toRead,
                             StagingRepository staging, long run, int blockRows, FileRanges.Range range) {
        if (range != null && toRead.size() != 1) {
            throw new IllegalArgumentException("a range is part of one file, not of " + toRead.size());
        }
        this.range = range;
        this.pkg = pkg;
        this.resolver = resolver;
        this.toRead = List.copyOf(toRead);
        this.staging = staging;
        this.run = run;
        this.blockRows = blockRows;
        staging.inputs(run).forEach(f -> recorded.put(f.path(), f));
        this.sources = new ArrayList<>(toRead).iterator();
        // a district or station row must name a district of districts.csv, when the package has one
        this.districts = pkg.districts().stream().map(District::id).collect(Collectors.toSet());
        setName(NAME);
    }

    /**
     * A restart normally skips the blocks its earlier attempts committed. Not after the file changed under one of
     * them: those rows may come from the other bytes (a file rewritten in place and then restored reads back the
     * same, but what was staged meanwhile does not), so this partition's rows and issues are dropped and the file is
     * read from its first row (a range's: its own rows and issues, read from the range's first row).
     */
    @Override
    public void open(ExecutionContext executionContext) {
        context = executionContext;
        if (executionContext.containsKey(getExecutionContextKey(RESTAGE))) {
            toRead.forEach(s -> {
                if (range == null) {
                    staging.deleteStaged(run, s.id(), s.file());
                } else {
                    staging.deleteStaged(run, s.id(), s.file(), range.firstLine(), range.endLine());
                }
            });
            for (String key : List.of(getExecutionContextKey(RESTAGE), getExecutionContextKey(READ_COUNT),
                    getExecutionContextKey(ROWS), getExecutionContextKey(BLOCK_ROWS))) {
                executionContext.remove(key);
            }
        }
        blockRows = (int) executionContext.getLong(getExecutionContextKey(BLOCK_ROWS), blockRows);
        super.open(executionContext);
        // the blocks skipped on a restart were counted when they were read the first time
        rows = executionContext.getLong(getExecutionContextKey(ROWS), 0);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        executionContext.putLong(getExecutionContextKey(ROWS), rows);
        executionContext.putLong(getExecutionContextKey(BLOCK_ROWS), blockRows);
    }

    /** The key of {@link #ROWS} in a partition's execution context. */
    static String rowsKey() {
        return NAME + "." + ROWS;
    }

    /** The key of {@link #RESTAGE} in a partition's execution context. */
    static String restageKey() {
        return NAME + "." + RESTAGE;
    }

    @Override
    protected void doOpen() {
        // files are opened one at a time in doRead
    }

    @Override
    protected ResultBlocks.Block doRead() throws Exception {
        while (true) {
            if (!notes.isEmpty()) {
                ResultBlocks.Block block = new ResultBlocks.Block(new ResultColumns(current.id(), List.of(), 0), notes);
                notes = List.of();
                return block;
            }
            if (blocks != null) {
                ResultBlocks.Block block = next();
                if (block != null) {
                    // every issue of a block of rows is a rejected row's
                    rows += block.rows().size() + block.issues().size();
                    return block;
                }
                // nothing more to parse ahead in this file: its thread ends here, not only when the step closes us
                stopParser();
                checkUnchanged(current.file(), blocks.content());
                notes = blocks.notes();
                blocks.close();
                blocks = null;
                continue;
            }
            if (!sources.hasNext()) {
                return null;
            }
            current = sources.next();
            blocks = ResultBlocks.open(pkg.resolve(current), current, resolver, districts,
                    pkg.election().registeredVoters(), blockRows, range);
        }
    }

    /** The next block of the open file, parsed ahead; the one after it starts being parsed. */
    private ResultBlocks.Block next() throws Exception {
        ResultBlocks.Block block;
        if (ahead == null) {
            block = blocks.next();
        } else {
            try {
                block = ahead.get();
            } catch (ExecutionException e) {
                ahead = null;
                // the parser's own failure (bad input, a file that cannot be read), as if read on this thread
                throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
            }
            // (an interrupted wait leaves the parse in flight, for close to wait for)
            ahead = null;
        }
        if (block != null) {
            if (parser == null) {
                parser = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "parse-" + current.id());
                    t.setDaemon(true);
                    return t;
                });
            }
            ResultBlocks open = blocks;
            ahead = parser.submit(open::next);
        }
        return block;
    }

    /**
     * Waits for the block being parsed, if any, and lets it go: the file may then be closed. The wait is not cut short
     * by an interrupt (the file must not be closed under the parser); the interrupt is kept for the caller.
     */
    private void dropAhead() {
        boolean interrupted = false;
        while (ahead != null) {
            try {
                ahead.get();
                ahead = null;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                // a block no one asked for: its failure is not this read's
                ahead = null;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The bytes the rows came from must be the bytes the run's fingerprint names: the file's, or the range's as they
     * were when the file (checked against the fingerprint) was cut.
     */
    private void checkUnchanged(String file, Table.Content read) {
        InputFile expected = range == null ? recorded.get(file) : new InputFile(file, range.bytes(), range.sha256());
        if (!matches(expected, read) && context != null) {
            // saved with the failed step execution: its restart stages this partition afresh
            context.putString(getExecutionContextKey(RESTAGE), "true");
        }
        checkUnchanged(file, read, expected);
    }

    private static boolean matches(InputFile expected, Table.Content read) {
        return expected != null && expected.bytes() == read.bytes() && expected.sha256().equals(read.sha256());
    }

    /**
     * Fails the run when what a table was read from is not the input recorded at validation ({@code expected},
     * {@code null} when none was).
     */
    static void checkUnchanged(String file, Table.Content read, InputFile expected) {
        if (matches(expected, read)) {
            return;
        }
        String was = expected == null ? "it was not among the inputs recorded when the run started"
                : "when the run started it had " + expected.bytes() + " bytes, SHA-256 " + expected.sha256().substring(0, 12) + "…";
        throw new InputChangedException(List.of(DataIssue.fatal(IssueCode.INPUT_CHANGED, file, null, null, "the file changed"
                + " while the job was reading it (read " + read.bytes() + " bytes, SHA-256 " + read.sha256().substring(0, 12)
                + "…; " + was + "). Is it still being written, copied or synchronised? Nothing is published for"
                + " this run; run again once the file is complete")));
    }

    @Override
    protected void doClose() throws Exception {
        dropAhead();
        if (blocks != null) {
            blocks.close();
            blocks = null;
        }
        stopParser();
    }

    private void stopParser() {
        if (parser != null) {
            parser.shutdownNow();
            parser = null;
        }
    }
}
