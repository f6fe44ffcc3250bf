package org.exitpollaudit.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.exitpollaudit.election.Source;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per results file of the package (respondent files are aggregated by the analysis, not
 * staged). A partition is named by its source id, so a worker step reads {@code ingestFile:<source id>} in the
 * job repository, and a restart re-runs only the files whose partition did not complete.
 */
public class SourcePartitioner implements Partitioner {

    /** The step execution context key that names the partition's source. */
    public static final String SOURCE = "source";

    private final Path input;
    private final String fingerprint;

    public SourcePartitioner(Path input, String fingerprint) {
        this.input = input;
        this.fingerprint = fingerprint;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Source s : PackageCache.read(input, fingerprint).electionPackage().sources()) {
            if (s.level() != Source.Level.RESPONDENT) {
                ExecutionContext context = new ExecutionContext();
                context.putString(SOURCE, s.id());
                partitions.put(s.id(), context);
            }
        }
        return partitions;
    }
}
