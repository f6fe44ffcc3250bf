package org.exitpollaudit.report;

import java.util.Locale;

import org.exitpollaudit.election.ElectionPackage;

/** The verdict of one poll × release comparison in words, from its figures. */
final class Verdicts {

    static final String CONSISTENT = "Consistent with sampling error";
    static final String DIFFERS = "Differs beyond sampling error";

    private Verdicts() {
    }

    static boolean consistent(FigureIndex f, String poll, String release) {
        return FigureIndex.isTrue(f.accuracy(poll, release, null, "verdict_consistent"));
    }

    /** E.g. "Differs beyond sampling error: χ² p < 0.0001; 3 of 7 candidates significant after Holm; …". */
    static String describe(FigureIndex f, ElectionPackage pkg, String poll, String release) {
        boolean ok = consistent(f, poll, release);
        double p = f.accuracy(poll, release, null, "chi2_p");
        double n = f.accuracy(poll, release, null, "n");
        Double nCrit = f.accuracy(poll, release, null, "n_critical");
        boolean assumed = FigureIndex.isTrue(f.accuracy(poll, release, null, "n_assumed"));
        int significant = 0;
        String worst = null;
        double worstDev = -1;
        for (var c : pkg.candidates()) {
            Double s = f.accuracy(poll, release, c.id(), "significant");
            Double d = f.accuracy(poll, release, c.id(), "deviation_pp");
            if (FigureIndex.isTrue(s)) {
                significant++;
            }
            if (d != null && Math.abs(d) > worstDev) {
                worstDev = Math.abs(d);
                worst = c.name();
            }
        }
        StringBuilder b = new StringBuilder(ok ? CONSISTENT : DIFFERS);
        b.append(": χ² p ").append(p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "= %.4f", p));
        b.append(String.format(Locale.ROOT, "; %d of %d candidates significant after Holm", significant,
                f.accuracy(poll, release, null, "k").intValue()));
        if (worst != null) {
            b.append(String.format(Locale.ROOT, "; largest gap %.2f pp (%s)", worstDev, worst));
        }
        if (assumed) {
            b.append(String.format(Locale.ROOT, ". n = %,.0f is ASSUMED (not published)", n));
        }
        if (nCrit != null) {
            b.append(String.format(Locale.ROOT, ok ? "; the χ² test would reject from n ≈ %,.0f"
                    : "; the χ² test rejects for any n above ≈ %,.0f", nCrit));
        }
        return b.toString();
    }
}
