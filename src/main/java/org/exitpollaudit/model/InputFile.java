package org.exitpollaudit.model;

/** An input file's identity as recorded for provenance: its path inside the package, its size and its SHA-256. */
public record InputFile(String path, long bytes, String sha256) {
}
