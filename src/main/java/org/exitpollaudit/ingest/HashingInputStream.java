package org.exitpollaudit.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) every byte read through it, so that what a reader parsed can be compared with
 * what the run's fingerprint recorded: a file that changed between the two is caught, even when it changed
 * back before anyone looked again. The JDK's {@link DigestInputStream} hashes what is read; this one also counts it,
 * and hashes what is skipped (by reading it) rather than letting it pass unhashed.
 */
final class HashingInputStream extends DigestInputStream {

    private long bytes;

    HashingInputStream(InputStream in) {
        super(in, InputFingerprint.newSha256());
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
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
        return new Table.Content(bytes, HexFormat.of().formatHex(getMessageDigest().digest()));
    }
}
