package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
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
