package org.exitpollaudit.ingest;

import java.util.List;

/** One data row of a CSV or XLSX file: its 1-based line (row) number and its cells as text. */
public record TableRow(int line, List<String> cells) {

    public String cell(int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }

    public boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
