package org.exitpollaudit.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

import static org.exitpollaudit.ingest.PackageReader.CANDIDATES;

/** Reads {@code candidates.csv}: ids, names, parties and the aliases results files may spell them by. */
final class CandidatesFile {

    private final List<DataIssue> issues;
    private final ManifestCells cells;

    CandidatesFile(List<DataIssue> issues, ManifestCells cells) {
        this.issues = issues;
        this.cells = cells;
    }

    List<Candidate> read(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = cells.rows(root, CANDIDATES, List.of("candidate_id", "name"), cols);
        List<Candidate> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TableRow r : rows) {
            String id = ManifestCells.cell(r, cols, "candidate_id");
            String name = ManifestCells.cell(r, cols, "name");
            if (!cells.checkId(id, CANDIDATES, r.line(), "candidate_id")) {
                continue;
            }
            if (id.equals(Candidate.OTHER) || id.equals(Candidate.INVALID)) {
                issues.add(DataIssue.fatal(IssueCode.RESERVED_ID, CANDIDATES, r.line(), "candidate_id", "'" + id
                        + "' is reserved and needs no row"));
                continue;
            }
            if (Plausibility.RESERVED_COLUMNS.contains(id)) {
                issues.add(DataIssue.fatal(IssueCode.RESERVED_NAME, CANDIDATES, r.line(), "candidate_id", reserved(id)));
                continue;
            }
            if (!ids.add(id)) {
                issues.add(DataIssue.fatal(IssueCode.DUPLICATE_ID, CANDIDATES, r.line(), "candidate_id", "candidate '" + id
                        + "' is listed twice"));
                continue;
            }
            if (name.isEmpty()) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_VALUE, CANDIDATES, r.line(), "name", "a candidate needs a name"));
            }
            List<String> aliases = Arrays.stream(ManifestCells.cell(r, cols, "aliases").split("\\|"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            reservedSpelling(r, "name", name);
            aliases.forEach(a -> reservedSpelling(r, "aliases", a));
            out.add(new Candidate(id, name, ManifestCells.cell(r, cols, "party"), aliases));
        }
        if (out.isEmpty() && issues.stream().noneMatch(i -> CANDIDATES.equals(i.file()))) {
            issues.add(DataIssue.fatal(IssueCode.NO_CANDIDATES, CANDIDATES, null, null, "no candidates are listed"));
        }
        return out;
    }

    /**
     * A candidate spelled like a results file's own column would take that column (or lose it to the total, which
     * is matched first): every poll would then be missing the candidate, or the totals.
     */
    private void reservedSpelling(TableRow r, String column, String spelling) {
        String key = CandidateResolver.normalize(spelling);
        if (Plausibility.RESERVED_COLUMNS.contains(key)) {
            issues.add(DataIssue.fatal(IssueCode.RESERVED_NAME, CANDIDATES, r.line(), column, reserved(spelling)));
        }
    }

    private static String reserved(String spelling) {
        return "'" + Cells.abbreviate(spelling) + "' is the name of a results file's own column ("
                + String.join(", ", Plausibility.RESERVED_COLUMNS) + "); a candidate spelled so would be read as that"
                + " column. Give the candidate another id, name or alias (e.g. '" + spelling + "-candidate')";
    }
}
