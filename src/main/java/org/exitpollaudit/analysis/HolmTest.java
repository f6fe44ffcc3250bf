package org.exitpollaudit.analysis;

/**
 * The district tests whose p-values Holm's method adjusts across districts, by the name their figures carry:
 * {@code integer_p_holm}, {@code turnout_leader_p_holm}, and per candidate {@code benford2_<candidate>_p_holm} and
 * {@code last_digit_<candidate>_p_holm} (members of {@link Metric.Forensics#P_HOLM}).
 */
public enum HolmTest {
    /** The integer-percentage test of turnout and the leader's share. */
    INTEGER("integer", false, true),
    /**
     * The turnout–leader correlation: not counted among a district's flagged tests, as its null of zero correlation
     * fails wherever turnout and support legitimately vary together (towns and villages), so that with thousands of
     * stations it rejects in honest elections too; its slopes are reported as effect sizes instead.
     */
    TURNOUT_LEADER("turnout_leader", false, false),
    /** Benford's second digit of a candidate's counts: not counted, as its null does not hold for honest counts. */
    BENFORD2("benford2_", true, false),
    /** The last digit of a candidate's counts. */
    LAST_DIGIT("last_digit_", true, true);

    private final String name;
    private final boolean perCandidate;
    private final boolean counted;

    HolmTest(String name, boolean perCandidate, boolean counted) {
        this.name = name;
        this.perCandidate = perCandidate;
        this.counted = counted;
    }

    /** The test's name in figures.csv, for a test of the whole station set. */
    public String key() {
        if (perCandidate) {
            throw new IllegalStateException(this + " is a test per candidate");
        }
        return name;
    }

    /** The test's name in figures.csv for one candidate's counts. */
    public String key(String candidate) {
        if (!perCandidate) {
            throw new IllegalStateException(this + " is not a test per candidate");
        }
        return name + candidate;
    }

    /** Whether a district's significant Holm-adjusted p of this test counts among its flagged tests. */
    public boolean counted() {
        return counted;
    }

    /** The test a name ({@link #key()}, {@link #key(String)}) belongs to. */
    static HolmTest of(String key) {
        for (HolmTest t : values()) {
            if (t.perCandidate ? key.startsWith(t.name) && key.length() > t.name.length() : key.equals(t.name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a Holm-adjusted test: " + key);
    }
}
