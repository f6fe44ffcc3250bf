package org.exitpollaudit.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * What reaches the terminal or a cron log: text from input files (file names, headers, ids) can hold terminal
 * escape sequences, which would recolour or rewrite the screen, and right-to-left overrides or other invisible
 * formatting characters, which make one name display as another. Every such character is shown escaped
 * (backslash-u001B, backslash-u202E) instead. The filter sits on the process's standard output and error, so it
 * covers every line — the job's own messages, exceptions' messages and the logging framework's — without each
 * message having to remember it. Line feeds and tabs (stack traces) pass as they are.
 */
public final class ConsoleText {

    private ConsoleText() {
    }

    /** {@code text} with control, format (bidi, zero-width) and line-separator characters as backslash-u and four hex digits. */
    public static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(String.format("\\u%04X", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    private static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Replaces {@code System.out} and {@code System.err} by escaping streams (once, at the start of a process). */
    public static void install() {
        System.setOut(escaping(System.out, charset("sun.stdout.encoding")));
        System.setErr(escaping(System.err, charset("sun.stderr.encoding")));
    }

    /** The charset Java 17 gives the standard streams: the console's where one is set, else the default. */
    private static Charset charset(String property) {
        String name = System.getProperty(property);
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** A stream that writes to {@code target} what is printed to it, escaped line by line. */
    public static PrintStream escaping(OutputStream target, Charset charset) {
        return new PrintStream(new Filter(target, charset), true, charset);
    }

    /**
     * Decodes what is written (bytes in {@code charset}, from PrintStream or from the logging framework's encoder),
     * escapes it and encodes it again. Bytes are held until a line ends or the stream is flushed; a character split
     * across two writes waits for its second half.
     */
    private static final class Filter extends OutputStream {
        private final OutputStream target;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Filter(OutputStream target, Charset charset) {
            this.target = target;
            this.charset = charset;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            pending.write(b);
            if (b == '\n') {
                drain();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    pending.write(b, start, i + 1 - start);
                    drain();
                    start = i + 1;
                }
            }
            pending.write(b, start, off + len - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            drain();
            target.flush();
        }

        private void drain() throws IOException {
            if (pending.size() == 0) {
                return;
            }
            ByteBuffer in = ByteBuffer.wrap(pending.toByteArray());
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.reset();
            decoder.decode(in, out, false);
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            pending.reset();
            pending.write(rest);
            target.write(escape(out.flip().toString()).getBytes(charset));
        }

        @Override
        public void close() throws IOException {
            flush();
            target.close();
        }
    }
}
