package org.exitpollaudit.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Reads and validates a package's manifest files: {@code election.yaml} ({@link ElectionFile}), {@code candidates.csv}
 * ({@link CandidatesFile}), {@code districts.csv} (optional, {@link DistrictsFile}) and {@code sources.csv}
 * ({@link SourcesFile}). Every problem is collected in one list; fatal ones are thrown together as one
 * {@link InputException}, the rest are returned as issues with the package.
 */
public final class PackageReader {

    public static final String ELECTION = "election.yaml";
    public static final String CANDIDATES = "candidates.csv";
    public static final String DISTRICTS = "districts.csv";
    public static final String SOURCES = "sources.csv";

    /** The manifest and what reading it noted. */
    public record Result(ElectionPackage electionPackage, List<DataIssue> issues, CandidateResolver resolver) {
    }

    private PackageReader() {
    }

    public static Result read(Path root) {
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InputException(DataIssue.fatal(IssueCode.NO_PACKAGE, root.toString(), null, null,
                    "is not a folder; --input must name an election package folder"));
        }
        List<DataIssue> issues = new ArrayList<>();
        ManifestCells cells = new ManifestCells(issues);
        Election election = new ElectionFile(issues, cells).read(root);
        List<Candidate> candidates = new CandidatesFile(issues, cells).read(root);
        List<String> conflicts = new ArrayList<>();
        CandidateResolver resolver = CandidateResolver.build(candidates, conflicts);
        conflicts.forEach(c -> issues.add(DataIssue.fatal(IssueCode.AMBIGUOUS_SPELLING, CANDIDATES, null, "aliases", c)));
        // election.yaml's published totals, which every other count is held against (all null when it is unreadable)
        Election totals = election != null ? election : new Election(null, null, null, null, null, null, null);
        List<District> districts = Files.exists(root.resolve(DISTRICTS))
                ? new DistrictsFile(issues, cells, totals).read(root) : List.of();
        SourcesFile sourcesFile = new SourcesFile(issues, cells, totals);
        List<Source> sources = sourcesFile.read(root);
        sourcesFile.checkSet(sources);
        List<DataIssue> fatal = issues.stream().filter(i -> i.severity() == DataIssue.Severity.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new InputException(fatal);
        }
        return new Result(new ElectionPackage(root, election, candidates, districts, sources), List.copyOf(issues),
                resolver);
    }
}
