package org.exitpollaudit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.job.StagingRepository.InputFile;

/** {@code manifest.json}: the report's provenance in machine-readable form. */
public final class Manifest {

    private Manifest() {
    }

    /** The files of the report folder that the manifest lists with their hashes. */
    public static void write(ReportData data, Map<String, String> outputs, Path file) throws IOException {
        StringBuilder b = new StringBuilder("{\n");
        field(b, "application", "exit-poll-audit");
        field(b, "version", data.version().version());
        field(b, "commit", data.version().commit());
        b.append("  \"dirty\": ").append(data.version().dirty()).append(",\n");
        b.append("  \"jobExecutionId\": ").append(data.jobExecutionId()).append(",\n");
        b.append("  \"jobInstanceId\": ").append(data.jobInstanceId()).append(",\n");
        field(b, "election", data.pkg().election().id());
        field(b, "inputsFingerprint", data.fingerprint());
        b.append("  \"parameters\": {");
        int i = 0;
        for (Map.Entry<String, String> e : data.parameters().entrySet()) {
            b.append(i++ == 0 ? "\n" : ",\n").append("    ").append(json(e.getKey())).append(": ").append(json(e.getValue()));
        }
        b.append("\n  },\n  \"inputs\": [");
        List<InputFile> inputs = data.inputs();
        for (int k = 0; k < inputs.size(); k++) {
            InputFile f = inputs.get(k);
            b.append(k == 0 ? "\n" : ",\n").append("    {\"path\": ").append(json(f.path())).append(", \"bytes\": ")
                    .append(f.bytes()).append(", \"sha256\": ").append(json(f.sha256())).append('}');
        }
        b.append("\n  ],\n  \"outputs\": [");
        int k = 0;
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            b.append(k++ == 0 ? "\n" : ",\n").append("    {\"path\": ").append(json(e.getKey())).append(", \"sha256\": ")
                    .append(json(e.getValue())).append('}');
        }
        b.append("\n  ]\n}\n");
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder b, String key, String value) {
        b.append("  ").append(json(key)).append(": ").append(json(value)).append(",\n");
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
