package org.exitpollaudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.exitpollaudit.model.InputFile;

/**
 * {@code manifest.json}: the report's provenance in machine-readable form — application version and commit,
 * job execution, inputs fingerprint, every job parameter, every input file (path, size, SHA-256) and every
 * output file's SHA-256. It holds no clock time, so the same run written twice gives the same manifest.
 */
public record Manifest(String version, String commit, boolean dirty, long jobExecutionId, long jobInstanceId,
                       String election, String inputsFingerprint, Map<String, String> parameters,
                       List<InputFile> inputs, Map<String, String> outputs) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The files of the report folder that the manifest lists with their hashes. */
    public static void write(ReportData data, Map<String, String> outputs, Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("application", "exit-poll-audit");
        m.put("version", data.version().version());
        m.put("commit", data.version().commit());
        m.put("dirty", data.version().dirty());
        m.put("jobExecutionId", data.jobExecutionId());
        m.put("jobInstanceId", data.jobInstanceId());
        m.put("election", data.pkg().election().id());
        m.put("inputsFingerprint", data.fingerprint());
        m.put("parameters", data.parameters());
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (InputFile f : data.inputs()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("path", f.path());
            i.put("bytes", f.bytes());
            i.put("sha256", f.sha256());
            inputs.add(i);
        }
        m.put("inputs", inputs);
        List<Map<String, Object>> outs = new ArrayList<>();
        outputs.forEach((path, sha) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", path);
            o.put("sha256", sha);
            outs.add(o);
        });
        m.put("outputs", outs);
        Files.write(file, JSON.writeValueAsBytes(m));
    }

    /** Reads a manifest back (for {@code verify}). */
    public static Manifest read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        Map<String, String> parameters = new LinkedHashMap<>();
        n.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        List<InputFile> inputs = new ArrayList<>();
        n.path("inputs").forEach(i -> inputs.add(new InputFile(i.path("path").asText(), i.path("bytes").asLong(),
                i.path("sha256").asText())));
        Map<String, String> outputs = new LinkedHashMap<>();
        n.path("outputs").forEach(o -> outputs.put(o.path("path").asText(), o.path("sha256").asText()));
        return new Manifest(n.path("version").asText(), n.path("commit").asText(), n.path("dirty").asBoolean(),
                n.path("jobExecutionId").asLong(), n.path("jobInstanceId").asLong(), n.path("election").asText(),
                n.path("inputsFingerprint").asText(), parameters, inputs, outputs);
    }
}
