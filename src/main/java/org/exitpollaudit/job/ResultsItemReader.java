package org.exitpollaudit.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.CandidateResolver;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.ingest.RowParser;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.reconcile.DataIssue;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the rows of every results file the job analyses, one file after the other in sources.csv order,
 * followed by each file's reading notes. Restartable: the item count is saved at each commit and a restart
 * skips what was already written.
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

    public ResultsItemReader(ElectionPackage pkg, CandidateResolver resolver, List<Source> toRead) {
        this.pkg = pkg;
        this.resolver = resolver;
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

    @Override
    protected void doClose() throws Exception {
        if (table != null) {
            table.close();
            table = null;
        }
    }
}
