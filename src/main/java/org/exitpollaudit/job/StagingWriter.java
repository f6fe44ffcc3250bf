package org.exitpollaudit.job;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.staging.RowBlock;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of blocks, their loaded rows and rejections, to staging in the chunk's transaction. */
public class StagingWriter implements ItemWriter<IngestItem> {

    static final String STAGE = StagingRepository.INGEST;

    private final StagingRepository staging;
    private final long run;
    /** The source the partition reads: its issues are staged as that source's. */
    private final String sourceId;

    StagingWriter(StagingRepository staging, long run, String sourceId) {
        this.staging = staging;
        this.run = run;
        this.sourceId = sourceId;
    }

    @Override
    public void write(Chunk<? extends IngestItem> chunk) {
        List<RowBlock.Encoded> blocks = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        for (IngestItem item : chunk) {
            blocks.addAll(item.rows());
            issues.addAll(item.issues());
        }
        staging.addBlocks(run, blocks);
        staging.addIssues(run, STAGE, sourceId, issues);
    }
}
