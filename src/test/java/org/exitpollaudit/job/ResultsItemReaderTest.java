package org.exitpollaudit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.calibration.SyntheticPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputChangedException;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.ResultBlocks;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.staging.RowBlock;
import org.exitpollaudit.staging.StagingRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ingest reader's restart by block, without the rest of the job: a reader opened with the execution context an
 * interrupted attempt committed hands on the blocks from the first one not committed, the same blocks a reader
 * that was never interrupted hands on; a partition whose file changed under an earlier attempt is staged afresh.
 */
class ResultsItemReaderTest {

    private static final long RUN = 5;

    @TempDir
    Path tmp;

    private SingleConnectionDataSource ds;
    private StagingRepository staging;
    private PackageReader.Result pkg;
    private Source station;

    @BeforeEach
    void setUp() throws Exception {
        ds = new SingleConnectionDataSource("jdbc:hsqldb:mem:reader-" + System.nanoTime(), "SA", "", true);
        staging = new StagingRepository(new JdbcTemplate(ds));
        Path root = tmp.resolve("pkg");
        SyntheticPackage.write(new SyntheticPackage.Spec(3, 2500, 10, 4, 1, 50, 10), root);
        pkg = PackageReader.read(root);
        station = pkg.electionPackage().sources().stream().filter(s -> s.level() == Source.Level.STATION
                && s.isOfficial() && s.finalRelease()).findFirst().orElseThrow();
        staging.replaceInputs(RUN, InputFingerprint.files(root.toAbsolutePath()));
    }

    @AfterEach
    void tearDown() {
        ds.destroy();
    }

    private ResultsItemReader reader(ExecutionContext context) {
        return reader(context, 400);
    }

    private ResultsItemReader reader(ExecutionContext context, int blockRows) {
        ResultsItemReader reader = new ResultsItemReader(pkg.electionPackage(), pkg.resolver(), List.of(station), staging,
                RUN, blockRows);
        reader.open(context);
        return reader;
    }

    /** Every block's rows, until the end. */
    private static List<List<ResultRow>> rest(ResultsItemReader reader) throws Exception {
        List<List<ResultRow>> out = new ArrayList<>();
        for (ResultBlocks.Block b; (b = reader.read()) != null; ) {
            out.add(b.rows().rows());
        }
        return out;
    }

    @Test
    void aRestartHandsOnTheBlocksFromTheFirstOneNotCommitted() throws Exception {
        List<List<ResultRow>> whole = rest(reader(new ExecutionContext()));
        assertEquals(7, whole.size(), "2,500 rows in blocks of 400");
        assertEquals(2500, whole.stream().mapToInt(List::size).sum());

        assertEquals(whole.subList(3, 7), rest(reader(threeBlocksCommitted())));
    }

    /** The context a partition saves after reading three blocks whose chunk committed, then failing. */
    private ExecutionContext threeBlocksCommitted() throws Exception {
        ExecutionContext context = new ExecutionContext();
        ResultsItemReader first = reader(context);
        for (int i = 0; i < 3; i++) {
            first.read();
        }
        first.update(context);
        first.close();
        return context;
    }

    /**
     * A restart launched with another epa.ingest.block-rows keeps the block size its restart point counts in: three
     * blocks of 400 rows committed are rows 1-1,200, not 1-3,000 (the rows after them would be lost) or 1-300.
     */
    @Test
    void aRestartWithAnotherBlockSizeResumesAtTheSameRow() throws Exception {
        List<List<ResultRow>> whole = rest(reader(new ExecutionContext()));
        List<ResultRow> resumed = rest(reader(threeBlocksCommitted(), 1000)).stream().flatMap(List::stream).toList();
        assertEquals(whole.subList(3, 7).stream().flatMap(List::stream).toList(), resumed);
    }

    /**
     * A partition whose file changed under an earlier attempt is marked (the restage key): its restart drops what it
     * staged and reads the file from its first row, whatever the restart point says.
     */
    @Test
    void aPartitionMarkedForRestageIsStagedAfresh() throws Exception {
        ResultRow kept = rest(reader(new ExecutionContext())).get(0).get(0);
        staging.addBlocks(RUN, RowBlock.encode(org.exitpollaudit.ingest.ResultColumns.of(station.id(), List.of(kept))));
        ExecutionContext context = threeBlocksCommitted();
        context.putString(ResultsItemReader.restageKey(), "true");
        List<List<ResultRow>> read = rest(reader(context));
        assertEquals(2500, read.stream().mapToInt(List::size).sum(), "read from the first row");
        assertEquals(0, staging.rowCounts(RUN).getOrDefault(station.id(), 0), "what it staged is gone");
        assertFalse(context.containsKey(ResultsItemReader.restageKey()), "the mark is taken off");
    }

    /**
     * Two sources may read one file (a warning, not an error): a restage of one of them deletes its own issues of the
     * file, not the other's.
     */
    @Test
    void aRestageKeepsTheIssuesOfAnotherSourceOfTheSameFile() throws Exception {
        DataIssue mine = DataIssue.error(IssueCode.ROW_REJECTED, station.file(), 7, "valid", "mine");
        DataIssue theirs = DataIssue.error(IssueCode.ROW_REJECTED, station.file(), 9, "valid", "theirs");
        staging.addIssues(RUN, StagingRepository.INGEST, station.id(), List.of(mine));
        staging.addIssues(RUN, StagingRepository.INGEST, "another-source", List.of(theirs));
        ExecutionContext context = new ExecutionContext();
        context.putString(ResultsItemReader.restageKey(), "true");
        reader(context).close();
        assertEquals(List.of(theirs), staging.issues(RUN), "the restaged source's issues dropped, the other's kept");
    }

    @Test
    void aFileThatGrewWhileItWasReadFailsTheRunAfterItsLastBlock() throws Exception {
        ResultsItemReader reader = reader(new ExecutionContext());
        for (int i = 0; i < 7; i++) {
            reader.read();
        }
        Files.writeString(pkg.electionPackage().resolve(station), "late,row\n", StandardOpenOption.APPEND);
        assertThrows(InputChangedException.class, reader::read);
    }

    /**
     * The next block is parsed ahead on the reader's own thread: a failure there (an unclosed quote at line 2,000,
     * blocks of 400 rows) is the failure of the read that asks for that block, the fifth, with its own exception.
     */
    @Test
    void aParseFailureAheadIsTheFailureOfTheReadOfItsBlock() throws Exception {
        Path file = pkg.electionPackage().resolve(station);
        List<String> lines = Files.readAllLines(file);
        lines.set(1999, "\"" + lines.get(1999));
        Files.write(file, lines);
        long before = parserThreads();
        ResultsItemReader reader = reader(new ExecutionContext());
        for (int i = 0; i < 4; i++) {
            assertEquals(400, reader.read().rows().size(), "block " + (i + 1));
        }
        org.exitpollaudit.ingest.InputException e = assertThrows(org.exitpollaudit.ingest.InputException.class,
                reader::read);
        assertTrue(e.getMessage().contains(station.file()), e.getMessage());
        reader.close();
        assertParserThreads(before);
    }

    /** No parser thread outlives its reader: read to the end, failed, or restarted and closed halfway. */
    @Test
    void noParserThreadOutlivesItsReader() throws Exception {
        long before = parserThreads();
        ResultsItemReader whole = reader(new ExecutionContext());
        rest(whole);
        assertParserThreads(before);
        whole.close();
        ResultsItemReader restarted = reader(threeBlocksCommitted());
        restarted.read();
        assertTrue(parserThreads() >= 1, "a parse thread while a file is read");
        restarted.close();
        assertParserThreads(before);
    }

    /** Parser threads alive (of other tests' readers, in this JVM): back to {@code expected}, within two seconds. */
    private static void assertParserThreads(long expected) throws InterruptedException {
        for (int wait = 0; wait < 100 && parserThreads() > expected; wait++) {
            Thread.sleep(20);
        }
        assertEquals(expected, parserThreads(), "parse- threads alive");
    }

    private static long parserThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("parse-") && t.isAlive())
                .count();
    }
}
