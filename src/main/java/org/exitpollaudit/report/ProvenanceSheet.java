package org.exitpollaudit.report;

import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.model.InputFile;

/** Provenance: which inputs, parameters and code version produced this report. */
final class ProvenanceSheet {

    static final String NAME = "Provenance";

    private ProvenanceSheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        w.title("Provenance: what produced these numbers");
        kv(w, "Application version", data.version().version());
        kv(w, "Source commit", data.version().commit() + (data.version().dirty() ? " (built with uncommitted changes)" : ""));
        kv(w, "Job execution id", Long.toString(data.jobExecutionId()));
        kv(w, "Job instance id", Long.toString(data.jobInstanceId()));
        kv(w, "Inputs fingerprint (SHA-256)", data.fingerprint());
        kv(w, "Election package", data.pkg().election().id() + " — " + data.pkg().election().name());
        for (Map.Entry<String, String> e : data.parameters().entrySet()) {
            kv(w, "Job parameter " + e.getKey(), e.getValue());
        }
        w.skip();
        int header = w.header("File", "Source", "Bytes", "SHA-256", "Rows loaded", "Rows rejected");
        for (InputFile f : data.inputs()) {
            Row r = w.row();
            String source = data.pkg().sources().stream().filter(s -> f.path().equals(s.file())).map(Source::id)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            w.text(r, 0, f.path());
            w.text(r, 1, source);
            w.number(r, 2, (double) f.bytes(), Styles.INTEGER);
            w.text(r, 3, f.sha256(), w.styles.centred(w.styles.text));
            if (!source.isEmpty()) {
                int loaded = data.pkg().sources().stream().filter(s -> f.path().equals(s.file()))
                        .mapToInt(s -> data.rowsLoaded().getOrDefault(s.id(), 0)).sum();
                long rejected = data.issues().stream().filter(i -> i.is(IssueCode.ROW_REJECTED) && f.path().equals(i.file()))
                        .map(DataIssue::line).distinct().count();
                w.number(r, 4, (double) loaded, Styles.INTEGER);
                w.number(r, 5, (double) rejected, Styles.INTEGER);
            }
        }
        w.table(header, 5);
        w.widths(40, 20, 12, 68, 12, 13);
    }

    private static void kv(SheetWriter w, String key, String value) {
        Row r = w.row();
        w.text(r, 0, key, w.styles.bold);
        w.text(r, 1, value);
    }
}
