package org.exitpollaudit.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.HashMap;
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
import org.exitpollaudit.job.StagingRepository.InputFile;
import org.exitpollaudit.reconcile.DataIssue;
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

    /** @param inputs the inputs recorded when the run was validated: path, size and SHA-256 of each */
    public ResultsItemReader(ElectionPackage pkg, CandidateResolver resolver, List<Source> toRead, List<InputFile> inputs) {
        this.pkg = pkg;
        this.resolver = resolver;
        inputs.forEach(f -> recorded.put(f.path(), f));
        this.sources = new ArrayList<>(toRead).iterator();
        // a district or station row must name a district of districts.csv, when the package has one
        this.districts = pkg.districts().stream().map(District::id).collect(Collectors.toSet());
        setName("results");
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
            parser = new RowParser(current, layout, districts);
        }
    }

    /** The bytes the rows came from must be the bytes the run's fingerprint names. */
    private void checkUnchanged(String file, Table.Content read) {
        InputFile expected = recorded.get(file);
        if (expected != null && expected.bytes() == read.bytes() && expected.sha256().equals(read.sha256())) {
            return;
        }
        String was = expected == null ? "it was not among the inputs recorded when the run started"
                : "when the run started it had " + expected.bytes() + " bytes, SHA-256 " + expected.sha256().substring(0, 12) + "…";
        throw new InputChangedException(List.of(DataIssue.fatal("INPUT_CHANGED", file, null, null, "the file changed"
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
