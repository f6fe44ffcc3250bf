package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.InputFile;
import org.exitpollaudit.model.IssueCode;

/**
 * The checks of the validate stage after the manifest has been read: every results and respondent file's header
 * (its columns resolved against the candidates), and a note naming what lies in the package folder but is no input.
 * All fatal problems are collected before failing, so that one run tells the analyst everything to fix (repeats
 * folded into one line per code and file).
 */
public final class PackageValidation {

    /** Files and folders named in the note about what is not an input. */
    private static final int OTHERS_LISTED = 10;

    private PackageValidation() {
    }

    /** What the validate stage records: every input file (path, size, SHA-256) and the package's issues. */
    public record Validated(List<InputFile> files, List<DataIssue> issues) {
    }

    /**
     * The validate stage, in the order that keeps a run from reading what it must not: inputs that are links out of
     * the package or not regular files are refused before anything is read; the inputs must still be those the run was
     * launched for (a file still being written when the run started would otherwise be analysed under the fingerprint
     * of another version); then the manifest is read and every results and respondent file's header checked.
     *
     * @param fingerprint   the run's fingerprint, or {@code null} to skip its check
     * @param fingerprintOf the fingerprint of a list of input files, as the run computed its own
     * @param read          reads the manifest (the run's shared copy of it)
     * @throws InputException         with every refusal, or every problem of the manifest or the headers, grouped
     * @throws InputChangedException  the inputs are no longer those of the fingerprint
     */
    public static Validated validate(Path root, String fingerprint, Function<List<InputFile>, String> fingerprintOf,
                                     Function<Path, PackageReader.Result> read) throws IOException {
        List<DataIssue> refused = PackageFiles.refusals(root);
        if (!refused.isEmpty()) {
            throw new InputException(refused);
        }
        List<InputFile> files = InputFingerprint.files(root);
        if (fingerprint != null && !fingerprint.equals(fingerprintOf.apply(files))) {
            throw new InputChangedException(List.of(DataIssue.fatal(IssueCode.INPUT_CHANGED, null, null, null, "the"
                    + " package's files changed between the launch of this run and its first step (a file still being"
                    + " written, copied or synchronised?): nothing was analysed; run again once the files are complete")));
        }
        PackageReader.Result manifest;
        try {
            manifest = read.apply(root);
        } catch (InputException e) {
            throw new InputException(IssueGroups.grouped(e.problems()));
        }
        return new Validated(files, check(root, manifest));
    }

    /**
     * @return the manifest's issues and the note about files that are not inputs
     * @throws InputException with every header problem of every file, grouped
     */
    public static List<DataIssue> check(Path root, PackageReader.Result read) throws IOException {
        List<DataIssue> issues = new ArrayList<>(read.issues());
        List<DataIssue> fatal = new ArrayList<>();
        for (Source s : read.electionPackage().sources()) {
            try (Table t = Table.open(read.electionPackage().resolve(s), s.file())) {
                if (s.level() == Source.Level.RESPONDENT) {
                    RespondentLayout.resolve(t.header(), s.file(), fatal);
                } else {
                    ResultsLayout.resolve(t.header(), read.resolver(), s.file(), fatal);
                }
            } catch (InputException e) {
                fatal.addAll(e.problems());
            }
        }
        if (!fatal.isEmpty()) {
            throw new InputException(IssueGroups.grouped(fatal));
        }
        List<String> others = PackageFiles.others(root, OTHERS_LISTED + 1);
        if (!others.isEmpty()) {
            issues.add(DataIssue.info(IssueCode.NOT_AN_INPUT, null, null, null, "not read and not part of the fingerprint"
                    + " (the inputs are election.yaml, candidates.csv, districts.csv, sources.csv and the files"
                    + " sources.csv names): " + String.join(", ", others.subList(0, Math.min(OTHERS_LISTED, others.size())))
                    + (others.size() > OTHERS_LISTED ? " and more" : "")));
        }
        return issues;
    }
}
