package org.exitpollaudit.job;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.ingest.RowParser;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Parses raw rows (one {@link RowParser} per source) and passes notes through. */
public class IngestProcessor implements ItemProcessor<IngestItem, IngestItem.Processed> {

    private final Map<String, RowParser> parsers = new HashMap<>();
    private final Set<String> districts;

    /** @param districts the ids of districts.csv (empty when the package has none) */
    public IngestProcessor(Set<String> districts) {
        this.districts = districts;
    }

    @Override
    public IngestItem.Processed process(IngestItem item) {
        if (item instanceof IngestItem.Raw raw) {
            RowParser parser = parsers.computeIfAbsent(raw.source().id(), id -> new RowParser(raw.source(), raw.layout(), districts));
            return new IngestItem.Processed(parser.parse(raw.row()), null);
        }
        return new IngestItem.Processed(null, ((IngestItem.Note) item).issue());
    }
}
