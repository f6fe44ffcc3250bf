package org.exitpollaudit.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a physical line longer than a limit, before the CSV parser buffers it: a results file's line is a few
 * hundred characters, and one of hundreds of megabytes (a file without line breaks, a binary file named .csv) would
 * otherwise be held whole in memory until the process runs out of it.
 */
final class LineLengthLimit extends FilterReader {

    /** Far above any real row (a million characters), far below what exhausts a 1 GB heap. */
    static final int MAX_LINE = 1 << 20;

    private final int max;
    private int line;
    private int length;

    /** @param firstLine the line of the file {@code in} starts on (1 unless it starts in the middle of a file) */
    LineLengthLimit(Reader in, int max, int firstLine) {
        super(in);
        this.max = max;
        this.line = firstLine;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            count(buf[off + i]);
        }
        return n;
    }

    private void count(char c) throws IOException {
        if (c == '\n') {
            line++;
            length = 0;
        } else if (c == '\r') {
            // a line break too where a file uses CR alone (old Mac "CSV (Macintosh)"); CRLF counts once, at LF
            length = 0;
        } else if (++length > max) {
            throw new LineTooLongException("line " + line + " is longer than " + String.format("%,d", max)
                    + " characters: no results row is that long; is this a CSV file with line breaks?", line);
        }
    }

    /** The line that was too long, for the message. */
    static final class LineTooLongException extends IOException {
        final int line;

        LineTooLongException(String message, int line) {
            super(message);
            this.line = line;
        }
    }
}
