package org.exitpollaudit.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) every byte read through it, so that what a reader parsed can be compared with
 * what the run's fingerprint recorded: a file that changed between the two is caught, even when it changed
 * back before anyone looked again.
 */
final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private long bytes;

    HashingInputStream(InputStream in) {
        super(in);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be hashed too: read them
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        long done = 0;
        while (done < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left of the stream and returns what the whole of it was: its size and SHA-256. */
    Table.Content finish() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // hashed by read
        }
        return new Table.Content(bytes, HexFormat.of().formatHex(digest.digest()));
    }
}
