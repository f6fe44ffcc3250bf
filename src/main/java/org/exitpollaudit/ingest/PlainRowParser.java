package org.exitpollaudit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import org.exitpollaudit.election.Source;

/**
 * Reads a plain, loadable row straight from the bytes of its line into a {@link ResultColumns}, as {@link RowParser}
 * would read it, without a string per cell or an object per row: the way nearly every row of a large results file
 * is read. A row is plain when each figure is unsigned decimal digits with at most one decimal point and 15 digits in
 * all ({@code 4567458}, {@code 92.13}), or an empty cell where a figure may be missing, and the row passes every
 * check {@link RowParser} makes. Anything else (a sign, an exponent, a space around a figure, a missing or
 * implausible figure, an unknown district) is left to {@link RowParser}, so that a rejected row gets its message
 * from the one place that words them, and every row is read the same whichever way it goes.
 *
 * <p>Why the figures are the same: digits read as a whole number {@code m} below 10<sup>15</sup> and divided by
 * 10<sup>k</sup> (both exact doubles) give the correctly rounded value of the decimal, which is what
 * {@link Double#parseDouble} (behind {@link Cells#number}) returns (Clinger's fast path, W. D. Clinger, "How to read
 * floating point numbers accurately", PLDI 1990).
 */
final class PlainRowParser {

    /** 10<sup>k</sup>, exact as doubles. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};
    private static final int MAX_DIGITS = 15;

    private final RowParser checks;
    private final Source.Level level;
    private final boolean percent;
    /** The largest count {@link Plausibility#count} accepts: 10^10, or the electorate when it is smaller. */
    private final double largestCount;
    private final int headerSize;
    private final int[] candidateColumns;
    private final int other;
    private final int invalid;
    private final int registered;
    private final int ballots;
    private final int valid;
    private final int turnout;
    private final int district;
    private final int station;
    private final double[] values;
    private final ByteStrings districtIds;
    private final Set<String> districts;
    /** Cleared by a cell that is not a plain figure, checked once per row. */
    private boolean plain;

    PlainRowParser(RowParser checks, Source source, ResultsLayout layout, Set<String> districts, Long electorate) {
        this.checks = checks;
        this.level = source.level();
        this.percent = source.values() == Source.ValueType.PERCENT;
        this.largestCount = electorate == null ? Plausibility.MAX_COUNT : Math.min(Plausibility.MAX_COUNT, electorate);
        this.headerSize = layout.header().size();
        this.candidateColumns = layout.candidates().values().stream().mapToInt(Integer::intValue).toArray();
        this.other = index(layout.other());
        this.invalid = index(layout.invalid());
        this.registered = index(layout.column(ResultsLayout.REGISTERED));
        this.ballots = index(layout.column(ResultsLayout.BALLOTS_CAST));
        this.valid = index(layout.column(ResultsLayout.VALID));
        this.turnout = index(layout.column(ResultsLayout.TURNOUT_PCT));
        this.district = index(layout.column(ResultsLayout.DISTRICT_ID));
        this.station = index(layout.column(ResultsLayout.STATION_ID));
        this.values = new double[candidateColumns.length];
        // an id is known when it is empty or, if districts.csv lists any, one of them
        this.districtIds = new ByteStrings(id -> id.isEmpty() || districts.isEmpty() || districts.contains(id));
        this.districts = districts;
    }

    private static int index(Integer column) {
        return column == null ? -1 : column;
    }

    /**
     * Adds the row to {@code out} when it is plain and loadable; otherwise adds nothing and returns false.
     *
     * @param b      the bytes of the file (UTF-8)
     * @param starts the first byte of each cell
     * @param ends   the byte after each cell
     * @param cells  how many cells the line has
     */
    boolean parse(byte[] b, int[] starts, int[] ends, int cells, int line, ResultColumns out) {
        for (int i = headerSize; i < cells; i++) {
            if (!blank(b, starts[i], ends[i])) {
                return false;
            }
        }
        plain = true;
        for (int c = 0; c < candidateColumns.length; c++) {
            int col = candidateColumns[c];
            double v = col < cells ? number(b, starts[col], ends[col], percent) : Double.NaN;
            if (Double.isNaN(v)) {
                // no figure: RowParser says so
                return false;
            }
            values[c] = v;
        }
        double oth = figure(b, starts, ends, cells, other, percent);
        double inv = figure(b, starts, ends, cells, invalid, percent);
        double reg = figure(b, starts, ends, cells, registered, false);
        double bal = figure(b, starts, ends, cells, ballots, false);
        double val = figure(b, starts, ends, cells, valid, false);
        double tur = figure(b, starts, ends, cells, turnout, true);
        if (!plain) {
            return false;
        }
        String d = "";
        if (district >= 0 && district < cells) {
            d = districtIds.get(b, starts[district], ends[district]);
            if (!districtIds.known()) {
                return false;
            }
        }
        String s = station < 0 || station >= cells ? "" : text(b, starts[station], ends[station]);
        // the same rules as RowParser's, stated once there: a row they refuse is handed to it for its message
        if (!RowParser.unitProblems(level, d, s, districts).isEmpty() || checks.implausible(values, oth, inv, reg) != null) {
            return false;
        }
        out.add(line, d.isEmpty() ? null : d, s.isEmpty() ? null : s, reg, bal, inv, val, tur, oth, values);
        return true;
    }

    /** An optional figure: NaN when the file has no such column or the cell is empty. */
    private double figure(byte[] b, int[] starts, int[] ends, int cells, int column, boolean percentValue) {
        return column < 0 || column >= cells ? Double.NaN : number(b, starts[column], ends[column], percentValue);
    }

    /**
     * A plain figure that RowParser would accept: NaN for an empty cell; clears {@link #plain} for anything else it
     * does not read here or that RowParser would refuse (over 100 %, a fraction of a vote, an implausible count).
     */
    private double number(byte[] b, int from, int to, boolean percentValue) {
        if (from == to) {
            return Double.NaN;
        }
        long m = 0;
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            m = m * 10 + (b[i++] - '0');
        }
        int whole = i - from;
        int decimals = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                m = m * 10 + (b[i++] - '0');
                decimals++;
            }
            if (decimals == 0) {
                i = -1;
            }
        }
        if (i != to || whole == 0 || whole + decimals > MAX_DIGITS) {
            plain = false;
            return 0;
        }
        if (decimals == 0) {
            if (percentValue ? m > 100 : m > largestCount) {
                plain = false;
            }
            return m;
        }
        double v = m / POWERS_OF_TEN[decimals];
        if (percentValue ? v > 100 : v != Math.rint(v) || v > largestCount) {
            plain = false;
        }
        return v;
    }

    /** Whether a cell holds nothing but spaces and tabs (the whitespace a plain line can have in ASCII). */
    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A cell's text without surrounding whitespace, as {@link String#strip} leaves it. */
    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8).strip();
    }

    /**
     * The stripped text of cells that repeat (district ids), one string per distinct byte sequence, and whether it
     * passes a check made once per id (that districts.csv lists it): a lookup by the bytes instead of a new string and a
     * set lookup per row.
     */
    static final class ByteStrings {
        /** More distinct ids than districts anywhere have: a column of unique ids is not worth remembering. */
        private static final int LIMIT = 1 << 16;
        private final java.util.function.Predicate<String> check;
        private byte[][] keys = new byte[64][];
        private String[] texts = new String[64];
        private boolean[] passes = new boolean[64];
        private int size;
        private boolean known;

        ByteStrings(java.util.function.Predicate<String> check) {
            this.check = check;
        }

        /** Whether the text {@link #get} returned last passes the check. */
        boolean known() {
            return known;
        }

        String get(byte[] b, int from, int to) {
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            for (int at = mix(h) & mask; ; at = (at + 1) & mask) {
                byte[] k = keys[at];
                if (k == null) {
                    String t = text(b, from, to);
                    known = check.test(t);
                    if (size >= LIMIT) {
                        return t;
                    }
                    keys[at] = Arrays.copyOfRange(b, from, to);
                    texts[at] = t;
                    passes[at] = known;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return t;
                }
                if (k.length == to - from && Arrays.equals(k, 0, k.length, b, from, to)) {
                    known = passes[at];
                    return texts[at];
                }
            }
        }

        /**
         * Spreads the hash over the table (Fibonacci hashing): ids that differ in their last digit have neighbouring
         * hashes, which would otherwise fill a run of neighbouring slots that every probe walks through.
         */
        private static int mix(int h) {
            int x = h * 0x9E3779B9;
            return x ^ (x >>> 15);
        }

        private void grow() {
            byte[][] oldKeys = keys;
            String[] oldTexts = texts;
            boolean[] oldPasses = passes;
            keys = new byte[oldKeys.length * 2][];
            texts = new String[oldKeys.length * 2];
            passes = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int h = 1;
                    for (byte x : oldKeys[i]) {
                        h = 31 * h + x;
                    }
                    int at = mix(h) & mask;
                    while (keys[at] != null) {
                        at = (at + 1) & mask;
                    }
                    keys[at] = oldKeys[i];
                    texts[at] = oldTexts[i];
                    passes[at] = oldPasses[i];
                }
            }
        }
    }
}
