package org.exitpollaudit.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded rows of one district- or station-level results file as columns: one primitive array per figure instead
 * of one object per row. A million stations of twelve candidates take about 140 MB this way, and a pass over one
 * figure of every station reads one array front to back. A missing figure (no such column, or an empty cell) is
 * NaN; {@link #row} turns it back into the {@code null} of a {@link ResultRow}.
 *
 * <p>Every row of a file has the file's candidate columns ({@link #candidates}, in column order), so a candidate's
 * values are one array too, {@link #votes}{@code [candidate][row]}. District ids are shared instances (one string per
 * district), so grouping by district can compare references after a lookup.
 */
public final class ResultColumns {

    private final String sourceId;
    private final String[] candidates;
    private int size;
    private int[] line;
    private String[] district;
    /** The station ids; {@code null} while they are held as {@link #stationPrefix} and numbers instead. */
    private String[] station;
    private String stationPrefix;
    private long[] stationNumbers;
    private double[] registered;
    private double[] ballotsCast;
    private double[] invalid;
    private double[] valid;
    private double[] turnoutPct;
    private double[] other;
    private double[][] votes;
    private final Map<String, String> districtIds = new HashMap<>();
    /** Whether the arrays are another's ({@link #wrap}): copied before a row is added. */
    private boolean borrowed;

    /** An empty table with room for {@code capacity} rows (it grows as needed). */
    public ResultColumns(String sourceId, List<String> candidates, int capacity) {
        this.sourceId = sourceId;
        this.candidates = candidates.toArray(String[]::new);
        int c = Math.max(16, capacity);
        line = new int[c];
        district = new String[c];
        station = new String[c];
        registered = new double[c];
        ballotsCast = new double[c];
        invalid = new double[c];
        valid = new double[c];
        turnoutPct = new double[c];
        other = new double[c];
        votes = new double[this.candidates.length][c];
    }

    /**
     * Rows already held as columns (a staged block read back), taken as they are, without a copy: the table reads the
     * arrays as long as it is used, and the giver may share them among columns or decode the next block into them
     * once it is done with this one (staging's passes do). The table never writes them: a row added copies every
     * array first. Each array holds at least {@code size} rows; {@code votes} has one array per candidate, in
     * {@code candidates} order. Missing figures are NaN. {@code station} may be {@code null} only when
     * {@link #withNumberedStations} gives the ids next. The district ids are taken as the giver holds them (staging's
     * decoder gives one instance per distinct id of a block), not made one instance per id here: that took a map
     * look-up per row of every pass.
     */
    public static ResultColumns wrap(String sourceId, List<String> candidates, int size, int[] line, String[] district,
                                     String[] station, double[] registered, double[] ballotsCast, double[] invalid,
                                     double[] valid, double[] turnoutPct, double[] other, double[][] votes) {
        if (votes.length != candidates.size()) {
            throw new IllegalArgumentException(votes.length + " vote columns for " + candidates.size() + " candidates");
        }
        ResultColumns out = new ResultColumns(sourceId, candidates, 0);
        if (size == 0) {
            // the table's own arrays, which can grow
            return out;
        }
        out.size = size;
        out.line = line;
        out.district = district;
        out.station = station;
        out.registered = registered;
        out.ballotsCast = ballotsCast;
        out.invalid = invalid;
        out.valid = valid;
        out.turnoutPct = turnoutPct;
        out.other = other;
        out.votes = votes;
        out.borrowed = true;
        return out;
    }

    /**
     * Holds this table's station ids as a common prefix and a number each (as staging stores most blocks), building
     * an id's text only when it is asked for: a pass over the figures makes no string per station.
     *
     * @param numbers each row's number, at least {@link #size} of them
     */
    public ResultColumns withNumberedStations(String prefix, long[] numbers) {
        station = null;
        stationPrefix = prefix;
        stationNumbers = numbers;
        return this;
    }

    /** The station ids as strings from now on (before the table changes). */
    private void stationsAsText() {
        if (station == null) {
            String[] ids = new String[Math.max(size, line.length)];
            for (int i = 0; i < size; i++) {
                ids[i] = station(i);
            }
            station = ids;
            stationPrefix = null;
            stationNumbers = null;
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a table of their own. */
    public ResultColumns slice(int from, int to) {
        double[][] v = new double[candidates.length][];
        for (int c = 0; c < v.length; c++) {
            v[c] = Arrays.copyOfRange(votes[c], from, to);
        }
        ResultColumns out = wrap(sourceId, candidates(), to - from, Arrays.copyOfRange(line, from, to),
                Arrays.copyOfRange(district, from, to), station == null ? null : Arrays.copyOfRange(station, from, to),
                Arrays.copyOfRange(registered, from, to), Arrays.copyOfRange(ballotsCast, from, to),
                Arrays.copyOfRange(invalid, from, to), Arrays.copyOfRange(valid, from, to),
                Arrays.copyOfRange(turnoutPct, from, to), Arrays.copyOfRange(other, from, to), v);
        return station == null && to > from
                ? out.withNumberedStations(stationPrefix, Arrays.copyOfRange(stationNumbers, from, to)) : out;
    }

    /** Appends every row of {@code more}, a table with the same candidates in the same order. */
    public void addAll(ResultColumns more) {
        if (!Arrays.equals(candidates, more.candidates)) {
            throw new IllegalArgumentException("rows with candidates " + more.candidates() + " added to " + candidates());
        }
        int n = more.size;
        stationsAsText();
        while (borrowed || line.length < size + n) {
            grow();
        }
        System.arraycopy(more.line, 0, line, size, n);
        if (more.station != null) {
            System.arraycopy(more.station, 0, station, size, n);
        } else {
            for (int i = 0; i < n; i++) {
                station[size + i] = more.station(i);
            }
        }
        System.arraycopy(more.registered, 0, registered, size, n);
        System.arraycopy(more.ballotsCast, 0, ballotsCast, size, n);
        System.arraycopy(more.invalid, 0, invalid, size, n);
        System.arraycopy(more.valid, 0, valid, size, n);
        System.arraycopy(more.turnoutPct, 0, turnoutPct, size, n);
        System.arraycopy(more.other, 0, other, size, n);
        for (int c = 0; c < candidates.length; c++) {
            System.arraycopy(more.votes[c], 0, votes[c], size, n);
        }
        for (int i = 0; i < n; i++) {
            String d = more.district[i];
            district[size + i] = d == null ? null : districtIds.computeIfAbsent(d, k -> k);
        }
        size += n;
    }

    /**
     * The rows as columns; the candidates are those of the first row, in its order (every row of a file has the same
     * ones). Rows with other candidates are refused: they come from another file.
     */
    public static ResultColumns of(String sourceId, List<ResultRow> rows) {
        List<String> ids = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).candidates().keySet());
        ResultColumns out = new ResultColumns(sourceId, ids, rows.size());
        rows.forEach(out::add);
        return out;
    }

    /** Appends a row. */
    public void add(ResultRow r) {
        if (r.candidates().size() != candidates.length) {
            throw new IllegalArgumentException("row " + r.line() + " has other candidates than the first row");
        }
        double[] v = new double[candidates.length];
        int i = 0;
        for (Map.Entry<String, Double> e : r.candidates().entrySet()) {
            if (!e.getKey().equals(candidates[i])) {
                throw new IllegalArgumentException("row " + r.line() + " has other candidates than the first row");
            }
            v[i++] = e.getValue() == null ? Double.NaN : e.getValue();
        }
        add(r.line(), r.districtId(), r.stationId(), nan(r.registered()), nan(r.ballotsCast()), nan(r.invalid()),
                nan(r.valid()), nan(r.turnoutPct()), nan(r.other()), v);
    }

    /** Appends row {@code i} of {@code from}, a table with the same candidates in the same order. */
    public void add(ResultColumns from, int i) {
        if (!Arrays.equals(candidates, from.candidates)) {
            throw new IllegalArgumentException("a row with candidates " + from.candidates() + " added to "
                    + candidates());
        }
        double[] v = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            v[c] = from.votes[c][i];
        }
        add(from.line[i], from.district[i], from.station(i), from.registered[i], from.ballotsCast[i],
                from.invalid[i], from.valid[i], from.turnoutPct[i], from.other[i], v);
    }

    /** Appends a row; missing figures are NaN, {@code candidateValues} in {@link #candidates} order. */
    public void add(int lineNo, String districtId, String stationId, double reg, double ballots, double inv,
                    double val, double turnout, double oth, double[] candidateValues) {
        stationsAsText();
        if (borrowed || size == line.length) {
            grow();
        }
        int i = size++;
        line[i] = lineNo;
        district[i] = districtId == null ? null : districtIds.computeIfAbsent(districtId, d -> d);
        station[i] = stationId;
        registered[i] = reg;
        ballotsCast[i] = ballots;
        invalid[i] = inv;
        valid[i] = val;
        turnoutPct[i] = turnout;
        other[i] = oth;
        for (int c = 0; c < candidates.length; c++) {
            votes[c][i] = candidateValues[c];
        }
    }

    /** Copies every array into one of twice the room (a borrowed one into one of the table's own). */
    private void grow() {
        int c = Math.max(16, line.length * 2);
        if (borrowed) {
            votes = votes.clone();
            borrowed = false;
        }
        line = Arrays.copyOf(line, c);
        district = Arrays.copyOf(district, c);
        station = Arrays.copyOf(station, c);
        registered = Arrays.copyOf(registered, c);
        ballotsCast = Arrays.copyOf(ballotsCast, c);
        invalid = Arrays.copyOf(invalid, c);
        valid = Arrays.copyOf(valid, c);
        turnoutPct = Arrays.copyOf(turnoutPct, c);
        other = Arrays.copyOf(other, c);
        for (int k = 0; k < votes.length; k++) {
            votes[k] = Arrays.copyOf(votes[k], c);
        }
    }

    public String sourceId() {
        return sourceId;
    }

    public int size() {
        return size;
    }

    /** The candidate ids, in column order. */
    public List<String> candidates() {
        return List.of(candidates);
    }

    /** The position of a candidate among {@link #candidates}, −1 when the file has no such column. */
    public int candidateIndex(String id) {
        for (int c = 0; c < candidates.length; c++) {
            if (candidates[c].equals(id)) {
                return c;
            }
        }
        return -1;
    }

    public int line(int i) {
        return line[i];
    }

    public String district(int i) {
        return district[i];
    }

    /**
     * The prefix every station id shares while the ids are held as a prefix and a number each
     * ({@link #withNumberedStations}); {@code null} while they are held as text.
     */
    public String stationPrefix() {
        return station == null ? stationPrefix : null;
    }

    /** Row {@code i}'s station number, while the ids are held as a prefix and a number ({@link #stationPrefix}). */
    public long stationNumber(int i) {
        if (station != null) {
            throw new IllegalStateException("the station ids of " + sourceId + " are held as text");
        }
        return stationNumbers[i];
    }

    public String station(int i) {
        return station != null ? station[i] : stationPrefix.concat(Long.toString(stationNumbers[i]));
    }

    public double registered(int i) {
        return registered[i];
    }

    public double ballotsCast(int i) {
        return ballotsCast[i];
    }

    public double invalid(int i) {
        return invalid[i];
    }

    public double valid(int i) {
        return valid[i];
    }

    public double turnoutPct(int i) {
        return turnoutPct[i];
    }

    public double other(int i) {
        return other[i];
    }

    /**
     * Total {@code t} of row {@code i}, the totals numbered in the order registered, ballots cast, invalid, valid,
     * turnout %, other (0 to 5): for code that treats them alike, as staging's encoding does.
     */
    public double total(int t, int i) {
        return switch (t) {
            case 0 -> registered[i];
            case 1 -> ballotsCast[i];
            case 2 -> invalid[i];
            case 3 -> valid[i];
            case 4 -> turnoutPct[i];
            case 5 -> other[i];
            default -> throw new IndexOutOfBoundsException("total " + t);
        };
    }

    /** Candidate {@code c}'s value in row {@code i} (NaN for an empty cell). */
    public double votes(int c, int i) {
        return votes[c][i];
    }

    /**
     * Row {@code i}'s candidate values added up exactly as {@link ResultRow#candidateSum} adds them
     * ({@code DoubleStream.sum}, compensated, in column order; NaN if a cell is empty), to the last bit.
     *
     * <p>Counts take a shortcut: when every value is a whole number and their magnitudes add up to less than
     * 2<sup>53</sup>, every partial sum is a whole number a double holds exactly, so each addition is exact, the
     * compensation stays +0 throughout, and the compensated sum is the plain sum from +0 (which is never −0). Any
     * other row (fractions, empty cells, huge or infinite values) is summed by {@code DoubleStream.sum} itself.
     */
    public double candidateSum(int i) {
        double sum = 0;
        double magnitude = 0;
        boolean whole = true;
        for (double[] column : votes) {
            double v = column[i];
            sum += v;
            magnitude += Math.abs(v);
            whole &= v == Math.rint(v);
        }
        if (whole && magnitude < 0x1p53) {
            return sum;
        }
        double[] v = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            v[c] = votes[c][i];
        }
        return Arrays.stream(v).sum();
    }

    /** The indices of every row, {@code 0 … size − 1}. */
    public int[] allRows() {
        int[] out = new int[size];
        Arrays.setAll(out, i -> i);
        return out;
    }

    /** Row {@code i} as a {@link ResultRow} (for code that works on rows; costs an object per call). */
    public ResultRow row(int i) {
        double[] v = new double[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            v[c] = votes[c][i];
        }
        return new ResultRow(sourceId, line[i], district[i], station(i), box(registered[i]), box(ballotsCast[i]),
                box(invalid[i]), box(valid[i]), box(turnoutPct[i]), box(other[i]), CandidateValues.of(candidates, v));
    }

    /** Every row as a {@link ResultRow}, in order. */
    public List<ResultRow> rows() {
        List<ResultRow> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(row(i));
        }
        return out;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static Double box(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /** A missing figure (NaN in a table) as 0, for sums. */
    public static double zeroIfMissing(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
