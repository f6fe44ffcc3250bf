package org.exitpollaudit.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

import static org.exitpollaudit.ingest.PackageReader.DISTRICTS;

/** Reads {@code districts.csv} (optional): district ids, names, regions, registered voters and stations. */
final class DistrictsFile {

    private final List<DataIssue> issues;
    private final ManifestCells cells;
    /** election.yaml's totals, which a district's counts cannot exceed. */
    private final Election totals;

    DistrictsFile(List<DataIssue> issues, ManifestCells cells, Election totals) {
        this.issues = issues;
        this.cells = cells;
        this.totals = totals;
    }

    List<District> read(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = cells.rows(root, DISTRICTS, List.of("district_id"), cols);
        List<District> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TableRow r : rows) {
            String id = ManifestCells.cell(r, cols, "district_id");
            if (id.isEmpty() || !ids.add(id)) {
                issues.add(DataIssue.error(IssueCode.BAD_DISTRICT, DISTRICTS, r.line(), "district_id", id.isEmpty()
                        ? "empty district id; row rejected" : "district '" + Cells.abbreviate(id) + "' is listed twice; row rejected"));
                continue;
            }
            out.add(new District(id, ManifestCells.cell(r, cols, "name"), ManifestCells.cell(r, cols, "region"),
                    cells.atMost(r, DISTRICTS, "registered_voters", cells.wholeNumber(r, cols, DISTRICTS, "registered_voters"),
                            totals.registeredVoters(), "registered_voters"),
                    cells.atMost(r, DISTRICTS, "stations", cells.wholeNumber(r, cols, DISTRICTS, "stations"), totals.stationsTotal(),
                            "stations_total")));
        }
        return out;
    }
}
