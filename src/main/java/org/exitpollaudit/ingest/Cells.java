package org.exitpollaudit.ingest;

/** Strict readers for cell text: what is not exactly a number is not silently taken as one. */
public final class Cells {

    /**
     * The error values a spreadsheet shows in a cell whose formula failed (Excel's and LibreOffice's spellings). A
     * file exported from such a sheet carries them as text; they say the source's own arithmetic broke, which
     * "write 0 if the source reported zero" or "is not a number" would hide.
     */
    private static final java.util.Set<String> ERROR_VALUES = java.util.Set.of("#DIV/0!", "#N/A", "#NAME?", "#NULL!",
            "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!",
            "#BUSY!", "#UNKNOWN!", "#N/A!", "ERR:502", "ERR:503", "ERR:504", "ERR:508", "ERR:522", "ERR:532");

    private Cells() {
    }

    /**
     * Parses a plain decimal number ("92.1", "4567458", "1E+3"); {@code null} for blank; throws for anything else,
     * including a number too large for a double ("1e400", which Java would read as Infinity) and a spreadsheet
     * error value ("#DIV/0!"), each with its own message.
     */
    public static Double number(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() <= 15) {
            // the common case, a whole count: digits only, read directly (exact, as every integer below 2^53 is)
            long v = 0;
            int i = 0;
            for (; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
            }
            if (i == t.length()) {
                return (double) v;
            }
        }
        if (!plainNumber(t)) {
            if (isErrorValue(t)) {
                throw new NumberFormatException("the cell holds the spreadsheet error " + t + ": a formula failed in"
                        + " the source workbook, so there is no figure here; correct the formula or enter the figure"
                        + " the source published");
            }
            throw new NumberFormatException("'" + abbreviate(t) + "' is not a number (digits with an optional"
                    + " '.' decimal point; no thousands separators, no % sign)");
        }
        double v = Double.parseDouble(t);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException("'" + abbreviate(t) + "' is out of range: too large to be a figure");
        }
        return v;
    }

    /** Whether the text is a spreadsheet's error value ({@code #DIV/0!}, {@code #N/A}, ...), in any case. */
    public static boolean isErrorValue(String text) {
        return text != null && ERROR_VALUES.contains(text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Whether the text is a plain decimal number: {@code -?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} with ASCII digits,
     * checked character by character (the regular expression is the test's reference).
     */
    static boolean plainNumber(String t) {
        int n = t.length();
        int i = t.startsWith("-") ? 1 : 0;
        int whole = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        boolean digits = i > whole;
        if (i < n && t.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            digits |= i > fraction;
        }
        if (!digits) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** For messages: at most 40 characters of untrusted text. */
    public static String abbreviate(String t) {
        String oneLine = t.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
