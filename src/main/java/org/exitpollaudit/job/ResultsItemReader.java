package org.exitpollaudit.job;

import org.exitpollaudit.staging.StagingRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.CandidateResolver;
import org.exitpollaudit.ingest.InputChangedException;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.ingest.RowParser;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the rows of every results file the job analyses, one file after the other in sources.csv order,
 * followed by each file's reading notes. Restartable: the item count is saved at each commit and a restart
 * skips what was already written (reading the file again from its start, so that its hash covers all of it).
 *
 * <p>Each file is hashed as it is read; at its end the size and SHA-256 of the bytes the rows came from must be
 * those recorded when the run was validated (the run's fingerprint), or the run fails: a file appended to or
 * rewritten while the job reads it never yields a report under either version's fingerprint.
 */
public class ResultsItemReader extends AbstractItemCountingItemStreamItemReader<IngestItem> {

    private final ElectionPackage pkg;
    private final CandidateResolver resolver;
    private final Iterator<Source> sources;
    private final Deque<IngestItem> pending = new ArrayDeque<>();
    private final Set<String> districts;
    private Table table;
    private Source current;
    private RowParser parser;
    private final Map<String, InputFile> recorded = new HashMap<>();
    private final List<Source> toRead;
    private final StagingRepository staging;
    private final long run;
    private ExecutionContext context;

    /** The execution context key that marks a partition whose file changed while an earlier attempt read it. */
    static final String RESTAGE = "restage";
    /** The key under which the base class keeps the number of items read (its restart point). */
    private static final String READ_COUNT = "read.count";

    /** @param run the run whose validation recorded the inputs (path, size and SHA-256 of each) */
    public ResultsItemReader(ElectionPackage pkg, CandidateResolver resolver, List<Source> toRead,
                             StagingRepository staging, long run) {
        this.pkg = pkg;
        this.resolver = resolver;
        this.toRead = List.copyOf(toRead);
        this.staging = staging;
        this.run = run;
        staging.inputs(run).forEach(f -> recorded.put(f.path(), f));
        this.sources = new ArrayList<>(toRead).iterator();
        // a district or station row must name a district of districts.csv, when the package has one
        this.districts = pkg.districts().stream().map(District::id).collect(Collectors.toSet());
        setName("results");
    }

    /**
     * A restart normally skips the rows its earlier attempts committed. Not after the file changed under one of
     * them: those rows may come from the other bytes (a file rewritten in place and then restored reads back the
     * same, but what was staged meanwhile does not), so this partition's rows and issues are dropped and the file is
     * read from its first row.
     */
    @Override
    public void open(ExecutionContext executionContext) {
        context = executionContext;
        if (executionContext.containsKey(getExecutionContextKey(RESTAGE))) {
            toRead.forEach(s -> staging.deleteStaged(run, s.id(), s.file()));
            executionContext.remove(getExecutionContextKey(RESTAGE));
            executionContext.remove(getExecutionContextKey(READ_COUNT));
        }
        super.open(executionContext);
    }

    @Override
    protected void doOpen() {
        // files are opened one at a time in doRead
    }

    @Override
    protected IngestItem doRead() throws Exception {
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (table != null && table.hasNext()) {
                return new IngestItem.Raw(parser, table.next());
            }
            if (table != null) {
                checkUnchanged(current.file(), table.content());
                table.notes().forEach(n -> pending.add(new IngestItem.Note(n)));
                table.close();
                table = null;
                continue;
            }
            if (!sources.hasNext()) {
                return null;
            }
            current = sources.next();
            table = Table.open(pkg.resolve(current), current.file());
            List<DataIssue> problems = new ArrayList<>();
            ResultsLayout layout = ResultsLayout.resolve(table.header(), resolver, current.file(), problems);
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            parser = new RowParser(current, layout, districts, pkg.election().registeredVoters());
        }
    }

    /** The bytes the rows came from must be the bytes the run's fingerprint names. */
    private void checkUnchanged(String file, Table.Content read) {
        InputFile expected = recorded.get(file);
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
        if (table != null) {
            table.close();
            table = null;
        }
    }
}
