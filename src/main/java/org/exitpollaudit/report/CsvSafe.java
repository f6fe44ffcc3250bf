package org.exitpollaudit.report;

import java.util.regex.Pattern;

/**
 * Keeps CSV fields from being taken for formulas when the file is opened in a spreadsheet (OWASP "CSV
 * injection"): a field that starts with =, +, -, @, tab or CR and is not a plain number gets a leading
 * apostrophe. Numbers, including negative ones, are left as they are. And quotes every field a separator of
 * any locale could split ({@link #quoted}).
 */
public final class CsvSafe {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private CsvSafe() {
    }

    public static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if ("=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !NUMBER.matcher(s).matches()) {
            return "'" + s;
        }
        return s;
    }

    /**
     * The field as written to a CSV line: quoted (quotes inside doubled) when it holds a comma, a semicolon or a
     * tab (the list separators of the locales a spreadsheet program may open the file with: a file name
     * {@code a;=b.csv} must not become two cells, the second a formula), a quote or a line break, or when it
     * starts with a character up to '#' or ends with one up to a space. That is RFC 4180 as Commons CSV's
     * minimal quoting writes it (the test compares the two), plus the semicolon and the tab.
     */
    public static String quoted(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean quote = s.charAt(0) <= '#' || s.charAt(s.length() - 1) <= ' ';
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == ';' || c == '\t' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
