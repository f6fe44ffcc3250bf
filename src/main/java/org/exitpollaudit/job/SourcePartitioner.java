package org.exitpollaudit.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.FileRanges;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.staging.StagingRepository;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One ingest partition per results file of the package (respondent files are aggregated by the analysis, not
 * staged), or, for a CSV file of at least two ranges' size that can be cut ({@link FileRanges}), one per range of it.
 * A whole file's partition is named by its source id, a range's by the source id and its bytes
 * ({@code cec-final@0-67108912}), so a worker step reads {@code ingestFile:<name>} in the job repository, and a
 * restart re-runs only the partitions that did not complete; one whose file was cut otherwise this time starts afresh
 * (see {@link ResultsItemReader#open}).
 *
 * <p>Cutting reads the file once, on the launching machine, and hashes it: it must be the file the run's fingerprint
 * recorded, or the run fails before anything is staged.
 */
public class SourcePartitioner implements Partitioner {

    /** The step execution context key that names the partition's source. */
    public static final String SOURCE = "source";
    private static final String FROM = "range.from";
    private static final String TO = "range.to";
    private static final String FIRST_LINE = "range.first-line";
    private static final String END_LINE = "range.end-line";
    private static final String SHA256 = "range.sha256";

    private final Path input;
    private final String fingerprint;
    private final StagingRepository staging;
    private final long run;
    private final long rangeBytes;

    /** A partition per results file. */
    public SourcePartitioner(Path input, String fingerprint) {
        this(input, fingerprint, null, 0, 0);
    }

    /**
     * @param rangeBytes the least size of a range; 0: no file is cut
     * @param staging    where the run's inputs were recorded (needed when files are cut)
     */
    public SourcePartitioner(Path input, String fingerprint, StagingRepository staging, long run, long rangeBytes) {
        if (rangeBytes < 0 || rangeBytes > 0 && staging == null) {
            throw new IllegalArgumentException("ranges of at least " + rangeBytes + " bytes, staging " + staging);
        }
        this.input = input;
        this.fingerprint = fingerprint;
        this.staging = staging;
        this.run = run;
        this.rangeBytes = rangeBytes;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        ElectionPackage pkg = PackageCache.read(input, fingerprint).electionPackage();
        for (Source s : pkg.sources()) {
            if (s.level() == Source.Level.RESPONDENT) {
                continue;
            }
            List<FileRanges.Range> ranges = rangeBytes > 0 ? cut(pkg, s) : List.of();
            if (ranges.isEmpty()) {
                ExecutionContext context = new ExecutionContext();
                context.putString(SOURCE, s.id());
                partitions.put(s.id(), context);
            }
            for (FileRanges.Range r : ranges) {
                ExecutionContext context = new ExecutionContext();
                context.putString(SOURCE, s.id());
                context.putLong(FROM, r.from());
                context.putLong(TO, r.to());
                context.putInt(FIRST_LINE, r.firstLine());
                context.putInt(END_LINE, r.endLine());
                context.putString(SHA256, r.sha256());
                partitions.put(s.id() + "@" + r.from() + "-" + r.to(), context);
            }
        }
        return partitions;
    }

    /** The ranges of a source's file, none when it is not cut; fails when it is not the file the run recorded. */
    private List<FileRanges.Range> cut(ElectionPackage pkg, Source s) {
        FileRanges.Split split;
        try {
            split = FileRanges.split(pkg.resolve(s), rangeBytes);
        } catch (IOException e) {
            // read whole, its reader says what is wrong with it
            return List.of();
        }
        if (split.ranges().isEmpty()) {
            return List.of();
        }
        InputFile recorded = staging.inputs(run).stream().filter(f -> f.path().equals(s.file())).findFirst()
                .orElse(null);
        ResultsItemReader.checkUnchanged(s.file(), split.whole(), recorded);
        return split.ranges();
    }

    /** The range a partition reads, {@code null} for a whole file. */
    static FileRanges.Range range(ExecutionContext context) {
        if (!context.containsKey(FROM)) {
            return null;
        }
        return new FileRanges.Range(context.getLong(FROM), context.getLong(TO), context.getInt(FIRST_LINE),
                context.getInt(END_LINE), context.getString(SHA256));
    }
}
