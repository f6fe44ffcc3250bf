package org.exitpollaudit.report;

import java.util.regex.Pattern;

/**
 * Keeps CSV fields from being taken for formulas when the file is opened in a spreadsheet (OWASP "CSV
 * injection"): a field that starts with =, +, -, @, tab or CR and is not a plain number gets a leading
 * apostrophe. Numbers, including negative ones, are left as they are.
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
}
