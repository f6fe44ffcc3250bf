package org.exitpollaudit.job;

import org.exitpollaudit.staging.StagingRepository;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk of loaded rows and rejections to staging, in the chunk's transaction. */
public class StagingWriter implements ItemWriter<IngestItem.Processed> {

    static final String STAGE = StagingRepository.INGEST;

    private final StagingRepository staging;
    private final long run;

    StagingWriter(StagingRepository staging, long run) {
        this.staging = staging;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends IngestItem.Processed> chunk) {
        List<ResultRow> rows = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        for (IngestItem.Processed p : chunk) {
            if (p.note() != null) {
                issues.add(p.note());
            } else if (p.parsed().loaded()) {
                rows.add(p.parsed().row());
            } else {
                issues.addAll(p.parsed().rejections());
            }
        }
        staging.addRows(run, rows);
        staging.addIssues(run, STAGE, issues);
    }
}
