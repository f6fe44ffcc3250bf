package org.exitpollaudit.job;

import org.exitpollaudit.ingest.ResultBlocks;
import org.exitpollaudit.staging.RowBlock;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Encodes a block's loaded rows for staging ({@link RowBlock}); its rejections pass through. It holds nothing of its
 * own, so one instance serves every partition.
 */
public class IngestProcessor implements ItemProcessor<ResultBlocks.Block, IngestItem> {

    @Override
    public IngestItem process(ResultBlocks.Block block) {
        return new IngestItem(RowBlock.encode(block.rows()), block.issues());
    }
}
