package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.reconcile.StationFlag;

/**
 * The stations of a release whose own numbers are remarkable: a whole-percent turnout together with a whole-percent
 * leader share (among the stations the integer test includes), or turnout and leader share both at least 95 % in a
 * station of at least 100 registered voters — the corner of the fingerprint where ballot stuffing piles up.
 */
final class StationFlags {

    static final String BOTH_95 = "turnout and leader share both ≥ 95 %";
    private static final String BOTH_WHOLE = "integer turnout and integer leader share";
    /** Both reasons; one string for every station that has both (a large release flags hundreds of thousands). */
    private static final String BOTH_WHOLE_AND_95 = BOTH_WHOLE + "; " + BOTH_95;

    private StationFlags() {
    }

    /** The remarkable stations among {@code rows}, in their order. */
    static List<StationFlag> of(String source, String file, ForensicStations s, int[] rows) {
        List<StationFlag> flags = new ArrayList<>();
        for (int i : rows) {
            if (!s.has(i)) {
                continue;
            }
            boolean whole = IntegerScreen.bothWhole(s, i);
            double registered = s.registered(i);
            double found = s.found(i);
            boolean high = registered >= 100 && s.ballots(i) / registered >= 0.95 && found > 0
                    && s.leader(i) / found >= 0.95;
            if (whole || high) {
                flags.add(new StationFlag(source, file, s.line(i), s.district(i), s.station(i), registered,
                        100 * s.ballots(i) / registered, found > 0 ? 100 * s.leader(i) / found : null,
                        whole ? high ? BOTH_WHOLE_AND_95 : BOTH_WHOLE : BOTH_95));
            }
        }
        return flags;
    }
}
