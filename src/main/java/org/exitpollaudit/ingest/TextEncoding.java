package org.exitpollaudit.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Says in words why a CSV file is not UTF-8 text and what it probably is instead. Only called once reading has
 * failed (or, for UTF-16, on the file's first bytes), so it may read the file again from the start.
 */
final class TextEncoding {

    /** How far into a file to look for the NUL bytes of UTF-16 text. */
    static final int HEAD = 4096;

    private TextEncoding() {
    }

    /**
     * UTF-16 (with or without its byte order mark) read as UTF-8 gives a NUL byte between the letters of every
     * ASCII character: the header names come out garbled and every column "missing". One message instead.
     */
    static DataIssue utf16(byte[] head, int length, String display) {
        boolean bom = length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF);
        int nul = -1;
        for (int i = 0; i < length && nul < 0; i++) {
            if (head[i] == 0) {
                nul = i;
            }
        }
        if (!bom && nul < 0) {
            return null;
        }
        String which = bom ? "the file starts with a UTF-16 byte order mark"
                : "the file holds NUL bytes (the first at byte " + (nul + 1) + "), as UTF-16 text does";
        return DataIssue.fatal(IssueCode.NOT_UTF8, display, 1, null, which + ": it is UTF-16 (Excel's \"Unicode Text\"),"
                + " not UTF-8; save it as CSV UTF-8");
    }

    /** The first line that is not valid UTF-8, with a guess at its encoding; no line when none is found. */
    static DataIssue notUtf8(Path file, String display) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int line = 1;
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            int pending = 0;
            int bad = -1;
            int badAt = 0;
            for (int b; (b = in.read()) >= 0; ) {
                if (bad < 0) {
                    if (pending == 0) {
                        badAt = current.size();
                    }
                    if (pending > 0) {
                        if ((b & 0xC0) == 0x80) {
                            pending--;
                        } else {
                            bad = b;
                        }
                    } else if (b >= 0x80) {
                        pending = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                        if (pending < 0) {
                            bad = b;
                        }
                    }
                }
                if (b == '\n') {
                    if (bad >= 0 || pending > 0) {
                        bad = Math.max(bad, 0);
                        break;
                    }
                    line++;
                    current.reset();
                } else if (current.size() < 4096) {
                    current.write(b);
                }
            }
            if (bad < 0 && pending == 0) {
                return DataIssue.fatal(IssueCode.NOT_UTF8, display, null, null, "the file is not valid UTF-8 text; save it as"
                        + " UTF-8 (CSV UTF-8 in Excel)");
            }
            return DataIssue.fatal(IssueCode.NOT_UTF8, display, line, null, "the line is not valid UTF-8 text. " + guess(current.toByteArray(), badAt)
                    + "; save the file as UTF-8 (CSV UTF-8 in Excel)");
        } catch (IOException e) {
            return DataIssue.fatal(IssueCode.NOT_UTF8, display, null, null, "the file is not valid UTF-8 text; save it as"
                    + " UTF-8 (CSV UTF-8 in Excel)");
        }
    }

    /**
     * Cyrillic text in a legacy code page (windows-1251, KOI8-R) has its non-ASCII bytes in runs, a whole word
     * at a time; Western European text (windows-1252, ISO-8859-1) has them one at a time, an accented letter
     * between ASCII ones. The guess is said as such, with the line as it would read.
     */
    static String guess(byte[] line, int badAt) {
        int high = 0;
        int inRuns = 0;
        for (int i = 0; i < line.length; i++) {
            if ((line[i] & 0x80) != 0) {
                high++;
                if (i > 0 && (line[i - 1] & 0x80) != 0 || i + 1 < line.length && (line[i + 1] & 0x80) != 0) {
                    inRuns++;
                }
            }
        }
        boolean cyrillic = high > 0 && inRuns * 2 > high;
        String charset = cyrillic ? "windows-1251" : "windows-1252";
        // the excerpt starts with the field that holds the first bad byte
        int from = Math.min(badAt, line.length);
        while (from > 0 && line[from - 1] != ',' && line[from - 1] != ';' && badAt - from < 20) {
            from--;
        }
        String text = new String(line, from, line.length - from, Charset.forName(charset)).strip();
        return "It looks like " + (cyrillic ? "Cyrillic text in windows-1251 (or KOI8-R)"
                : "Western European text in windows-1252 (or ISO-8859-1)") + "; read that way, from byte " + (badAt + 1)
                + ", the line says '" + Cells.abbreviate(text) + "'";
    }
}
