package org.exitpollaudit.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses raw rows with their file's parser and passes notes through. It holds nothing of its own, so one instance
 * serves every partition, called directly rather than through a step-scoped proxy (which cost a bean lookup per row).
 */
public class IngestProcessor implements ItemProcessor<IngestItem, IngestItem.Processed> {

    @Override
    public IngestItem.Processed process(IngestItem item) {
        if (item instanceof IngestItem.Raw raw) {
            return new IngestItem.Processed(raw.parser().parse(raw.row()), null);
        }
        return new IngestItem.Processed(null, ((IngestItem.Note) item).issue());
    }
}
