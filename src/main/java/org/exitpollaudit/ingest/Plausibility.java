package org.exitpollaudit.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The limits a figure or an id must keep before it is used: what no real election can produce (more votes than
 * voters, shares that add up to far more than 100 %) and what the job's own stores cannot hold. Each check returns
 * the reason a value is refused, or {@code null} when it is acceptable; the callers name file, line and column.
 */
public final class Plausibility {

    /**
     * The largest count accepted anywhere (voters, ballots, votes, respondents, stations): 10<sup>10</sup>, more than
     * the world's population (8.1 billion in 2024, UN World Population Prospects 2024). Anything larger is a typo or
     * an overflow, and it also keeps sums of a million such counts exact in a double (below 2<sup>53</sup>).
     */
    public static final double MAX_COUNT = 1e10;

    /**
     * The longest id of the manifest (election, candidate and source ids, {@code [a-z0-9-]+}). A source id names its
     * ingest step in Spring Batch's job repository ({@code ingestFile:<id>}, a column of 100 characters), and the
     * election id a folder of the output; 64 is far more than a readable id needs.
     */
    public static final int MAX_ID_LENGTH = 64;

    /** The longest {@code district_id} or {@code station_id} of a results file (real ones are a few characters). */
    public static final int MAX_UNIT_ID_LENGTH = 256;

    /**
     * The largest design effect accepted in {@code sources.csv}. Published exit-poll design effects are about 1.5 to
     * 2.5 (the job's default is 1.7); one of 10 already means ten interviews count as one.
     */
    public static final double MAX_DEFF = 10;

    /**
     * Column names a results file reserves for itself: a candidate spelled like one of them would lose its column to
     * the total (or the total to the candidate), so candidates.csv may not use them as an id, a name or an alias.
     */
    public static final List<String> RESERVED_COLUMNS = List.of("district_id", "station_id", "registered",
            "ballots_cast", "valid", "turnout_pct", "other", "invalid");

    /** Percent sums within this many points of 100 are rounding, at the least. */
    public static final double PERCENT_ROUNDING_PP = 0.5;

    private Plausibility() {
    }

    /** Why a count cannot be real, against the absolute limit and the electorate (when known); else {@code null}. */
    public static String count(double value, Long electorate) {
        if (value > MAX_COUNT) {
            return String.format(Locale.ROOT, "%s is more than 10 billion, more than the world's population",
                    plain(value));
        }
        if (electorate != null && value > electorate) {
            return String.format(Locale.ROOT, "%s is more than the %,d registered voters of the whole election"
                    + " (election.yaml registered_voters)", plain(value), electorate);
        }
        return null;
    }

    /**
     * Why a national row's votes cannot be real: more votes cast than voters registered (a digit too many is the
     * usual cause). {@code registered} is the electorate the row is held against; {@code what} names it.
     */
    public static String votesOverRegistered(double votes, double registered, String what) {
        if (votes > registered) {
            return String.format(Locale.ROOT, "the votes add up to %s, more than the %s registered voters (%s):"
                    + " a typo, or a figure of another unit?", plain(votes), plain(registered), what);
        }
        return null;
    }

    /**
     * Why percent values cannot be shares of one electorate: they add up to more than 100 beyond what rounding each
     * value to its published decimals can explain (half a unit of its last decimal each; at least
     * {@value #PERCENT_ROUNDING_PP} points in all).
     */
    public static String percentSum(double[] values) {
        double sum = 0;
        double slack = 0;
        for (double v : values) {
            sum += v;
            slack += roundingOf(v);
        }
        double tolerance = Math.max(PERCENT_ROUNDING_PP, slack);
        if (sum > 100 + tolerance) {
            return "the shares add up to " + g4(sum) + " %, more than 100 beyond rounding (± " + g4(tolerance)
                    + "): they cannot all be shares of the same votes";
        }
        return null;
    }

    /** Half a unit of the last decimal published: 76.43 → 0.005, 83 → 0.5. */
    public static double roundingOf(double percent) {
        String t = BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
        int decimals = t.contains(".") ? t.length() - t.indexOf('.') - 1 : 0;
        return 0.5 * Math.pow(10, -decimals);
    }

    /** Why a design effect cannot be used; {@code null} when it can (values below 1 are allowed, with a warning). */
    public static String deff(double deff) {
        if (!(deff > 0) || Double.isInfinite(deff)) {
            return "a design effect must be a finite positive number (the variance of the poll over that of a simple random"
                    + " sample of the same size)";
        }
        if (deff > MAX_DEFF) {
            return "a design effect of " + g4(deff) + " is implausible (published exit-poll design effects are about"
                    + " 1.5 to 2.5; at most " + g4(MAX_DEFF) + " is accepted)";
        }
        return null;
    }

    /** Why an id is too long to be stored and shown; {@code null} when it fits. */
    public static String idLength(String id, int limit) {
        int length = id.codePointCount(0, id.length());
        return length > limit ? "the id is " + length + " characters long; at most " + limit + " are allowed" : null;
    }

    /** A count for a message: 46,000,000; beyond 15 digits in scientific notation, 4.500e+22. */
    static String plain(double v) {
        return v < 1e15 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** Four significant digits without trailing zeros: 96.12, 3.88, 0.3. */
    public static String g4(double x) {
        return new BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
