package org.exitpollaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.FileRanges;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per results file of the package (respondent files are aggregated by the analysis, not
 * staged), or, for a CSV file of at least two ranges' size that can be cut ({@link FileRanges}), one per range of it.
 * A whole file's partition is named by its source id, a range's by the source id and its number
 * ({@code cec-final#2}), so a worker step reads {@code ingestFile:<name>} in the job repository, and a restart re-runs
 * only the partitions that did not complete, each from its first block not committed.
 *
 * <p>A run's files are cut one way: a restart partitions a file as the run's earlier attempts did, whatever this
 * launch's range size would make, so that a range that completed is never read again under another cut and no row is
 * staged twice or missed. Cutting reads the file once, on the launching machine, and hashes it: it must be the file
 * the run's fingerprint recorded, or the run fails before anything is staged.
 */
public class SourcePartitioner implements Partitioner {

    /** The step execution context key that names the partition's source. */
    public static final String SOURCE = "source";
    /** The name of the partitions' step; each partition's step is named {@code <this>:<partition>}. */
    public static final String STEP = "ingestFile";
    private static final String FROM = "range.from";
    private static final String TO = "range.to";
    private static final String FIRST_LINE = "range.first-line";
    private static final String END_LINE = "range.end-line";
    private static final String SHA256 = "range.sha256";
    private static final String HEADER_BYTES = "range.header.bytes";
    private static final String HEADER_SHA256 = "range.header.sha256";
    /** The least size of a range the file was cut with: a restart cuts it again the same way. */
    private static final String SIZE = "range.size";

    private final Path input;
    private final String fingerprint;
    private final StagingRepository staging;
    private final JobRepository repository;
    private final JobExecution execution;
    private final long rangeBytes;

    /**
     * @param execution  the run's execution that partitions (its job instance's earlier executions hold the partitions
     *                   of earlier attempts)
     * @param rangeBytes the least size of a range; 0: no file is cut
     */
    public SourcePartitioner(Path input, String fingerprint, StagingRepository staging, JobRepository repository,
                             JobExecution execution, long rangeBytes) {
        if (rangeBytes < 0) {
            throw new IllegalArgumentException("ranges of at least " + rangeBytes + " bytes");
        }
        this.input = input;
        this.fingerprint = fingerprint;
        this.staging = Objects.requireNonNull(staging, "staging");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.rangeBytes = rangeBytes;
    }

    /**
     * The partitions of every results file. A file that an earlier attempt of the run partitioned is partitioned as
     * it was: whole if it was read whole, else cut again with the same range size, which gives the same ranges (the
     * cut depends only on the file's bytes, which must be those the run recorded). All of them, not only those the
     * earlier attempts got to record: an attempt killed while Spring Batch saved its partitions one by one leaves
     * some of a file's ranges unrecorded.
     */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        Map<String, Map<String, Long>> earlier = earlierPartitions();
        ElectionPackage pkg = PackageCache.read(input, fingerprint).electionPackage();
        for (Source s : pkg.sources()) {
            if (s.level() == Source.Level.RESPONDENT) {
                continue;
            }
            Map<String, Long> before = earlier.get(s.id());
            long size = before == null ? rangeBytes : before.values().iterator().next();
            List<FileRanges.Range> ranges = size > 0 ? cut(pkg, s, size, before != null) : List.of();
            Map<String, ExecutionContext> mine = new LinkedHashMap<>();
            if (ranges.isEmpty()) {
                mine.put(s.id(), context(s, null, 0));
            }
            for (int k = 0; k < ranges.size(); k++) {
                mine.put(s.id() + "#" + (k + 1), context(s, ranges.get(k), size));
            }
            if (before != null && !mine.keySet().containsAll(before.keySet())) {
                throw new IllegalStateException("an earlier attempt of this run partitioned " + s.file() + " as "
                        + before.keySet() + ", which this attempt does not repeat (" + mine.keySet() + ")");
            }
            partitions.putAll(mine);
        }
        return partitions;
    }

    private static ExecutionContext context(Source s, FileRanges.Range r, long size) {
        ExecutionContext context = new ExecutionContext();
        context.putString(SOURCE, s.id());
        if (r != null) {
            context.putLong(SIZE, size);
            context.putLong(FROM, r.from());
            context.putLong(TO, r.to());
            context.putInt(FIRST_LINE, r.firstLine());
            context.putInt(END_LINE, r.endLine());
            context.putString(SHA256, r.sha256());
            context.putLong(HEADER_BYTES, r.header().bytes());
            context.putString(HEADER_SHA256, r.header().sha256());
        }
        return context;
    }

    /**
     * The partitions the run's earlier attempts recorded, by source: each partition's name and the range size its file
     * was cut with (0 for a whole file). None on a run's first attempt.
     */
    private Map<String, Map<String, Long>> earlierPartitions() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (JobExecution e : repository.getJobExecutions(execution.getJobInstance())) {
            if (e.getId() == execution.getId()) {
                continue;
            }
            for (StepExecution step : e.getStepExecutions()) {
                ExecutionContext c = step.getExecutionContext();
                if (step.getStepName().startsWith(STEP + ":") && c.containsKey(SOURCE)) {
                    out.computeIfAbsent(c.getString(SOURCE), k -> new LinkedHashMap<>())
                            .put(step.getStepName().substring(STEP.length() + 1), c.getLong(SIZE, 0));
                }
            }
        }
        return out;
    }

    /**
     * The ranges of a source's file, none when it is not cut; fails when it is not the file the run recorded.
     *
     * @param again the file was cut by an earlier attempt: it must be cut again (read whole, its rows would be staged
     *              twice beside the ranges already staged)
     */
    private List<FileRanges.Range> cut(ElectionPackage pkg, Source s, long size, boolean again) {
        FileRanges.Split split;
        try {
            split = FileRanges.split(pkg.resolve(s), size);
        } catch (IOException e) {
            if (again) {
                throw new UncheckedIOException("an earlier attempt of this run cut " + s.file()
                        + " into ranges; it cannot be read to cut it again", e);
            }
            // read whole: its reader says what is wrong with it
            return List.of();
        }
        if (split.ranges().isEmpty()) {
            return List.of();
        }
        InputFile recorded = staging.inputs(execution.getJobInstance().getInstanceId()).stream()
                .filter(f -> f.path().equals(s.file())).findFirst().orElse(null);
        ResultsItemReader.checkUnchanged(s.file(), split.whole(), recorded);
        return split.ranges();
    }

    /**
     * The source a partition reads. A partition's context is saved just after its step execution is created; one left
     * without it (the run was stopped in between) is a whole file's named by its source id, or a range's whose rows
     * cannot be known: that fails.
     */
    static String source(StepExecution partition) {
        ExecutionContext c = partition.getExecutionContext();
        if (c.containsKey(SOURCE)) {
            return c.getString(SOURCE);
        }
        String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
        if (name.contains("#")) {
            throw new IllegalStateException("the partition " + partition.getStepName() + " has lost the record of its"
                    + " range (the run was stopped while it was being saved): this run cannot be finished; run the"
                    + " package with a new output folder");
        }
        return name;
    }

    /** The range a partition reads, {@code null} for a whole file. */
    static FileRanges.Range range(ExecutionContext context) {
        if (!context.containsKey(FROM)) {
            return null;
        }
        return new FileRanges.Range(context.getLong(FROM), context.getLong(TO), context.getInt(FIRST_LINE),
                context.getInt(END_LINE), context.getString(SHA256),
                new Table.Content(context.getLong(HEADER_BYTES), context.getString(HEADER_SHA256)));
    }
}
