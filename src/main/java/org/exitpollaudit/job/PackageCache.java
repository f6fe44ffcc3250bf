package org.exitpollaudit.job;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.exitpollaudit.ingest.PackageReader;

/**
 * The package as read once per run: every step and partition of one run reads the same validated files (the validate
 * step re-checked them against the run's fingerprint, and each results file is hashed again as it is ingested), so
 * the manifest, candidates and sources are read and resolved once per process and run (the console's summary after
 * the job uses the same copy). A later run, in the same process (a schedule) or in a restart after a failure, has its
 * own fingerprint or a new process, and reads afresh.
 */
public final class PackageCache {

    private record Entry(String key, PackageReader.Result read) {
    }

    /** One run at a time uses a process's cache: the last package read is all it holds. */
    private static final AtomicReference<Entry> LAST = new AtomicReference<>();

    private PackageCache() {
    }

    /** The package at {@code input} for the run with this fingerprint (null: read without caching). */
    public static PackageReader.Result read(Path input, String fingerprint) {
        if (fingerprint == null) {
            return PackageReader.read(input);
        }
        String key = fingerprint + "|" + input.toAbsolutePath().normalize();
        Entry e = LAST.get();
        if (e != null && e.key().equals(key)) {
            return e.read();
        }
        PackageReader.Result read = PackageReader.read(input);
        LAST.set(new Entry(key, read));
        return read;
    }

    static PackageReader.Result read(RunContext ctx) {
        return read(ctx.input(), ctx.fingerprint());
    }
}
