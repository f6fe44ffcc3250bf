package org.exitpollaudit.report;

import org.exitpollaudit.analysis.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;

/** The answers of one poll × release comparison in words, from its figures. */
final class Verdicts {

    /** Whether the poll is within sampling error of the count: the design-corrected χ² test's verdict. */
    enum Verdict {
        CONSISTENT("yes", "Consistent with sampling error"),
        DIFFERS("no", "Differs beyond sampling error"),
        DEPENDS("depends", "Depends on what was not published");

        final String shortAnswer;
        final String words;

        Verdict(String shortAnswer, String words) {
            this.shortAnswer = shortAnswer;
            this.words = words;
        }
    }

    /** Residuals (fraction) below this are rounding of the published shares, not an unpublished answer. */
    private static final double ROUNDING = 0.005;

    private Verdicts() {
    }

    /** The verdict: figure {@code verdict} (1 consistent, 0 differs, −1 depends on what was not published). */
    static Verdict verdict(FigureIndex f, String poll, String release) {
        Double v = f.accuracy(poll, release, null, Metric.Accuracy.VERDICT);
        if (v == null) {
            return null;
        }
        return v == 1.0 ? Verdict.CONSISTENT : v == 0.0 ? Verdict.DIFFERS : Verdict.DEPENDS;
    }

    /** The candidate whose deviation from the count is largest, or null. */
    static Candidate largestGap(FigureIndex f, ElectionPackage pkg, String poll, String release) {
        Candidate worst = null;
        double worstDev = -1;
        for (Candidate c : pkg.candidates()) {
            Double d = f.accuracy(poll, release, c.id(), Metric.Accuracy.DEVIATION_PP);
            if (d != null && Math.abs(d) > worstDev) {
                worstDev = Math.abs(d);
                worst = c;
            }
        }
        return worst;
    }

    /** Half the 95 % interval of a candidate's deviation in pp (from its bounds, else 1.96 · 100 · se). */
    static Double halfWidth(FigureIndex f, String poll, String release, String candidate) {
        Double low = f.accuracy(poll, release, candidate, Metric.Accuracy.DEVIATION_CI_LOW);
        Double high = f.accuracy(poll, release, candidate, Metric.Accuracy.DEVIATION_CI_HIGH);
        if (low != null && high != null) {
            return (high - low) / 2;
        }
        Double se = f.accuracy(poll, release, candidate, Metric.Accuracy.SE);
        return se == null ? null : Z975 * 100 * se;
    }

    /** z₀.₉₇₅, exact to the digits a double holds. */
    static final double Z975 = 1.959963984540054;

    /** "−0.61 to +5.12 pp". */
    static String interval(Double low, Double high) {
        if (low == null || high == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%s to %s pp", signed(low), signed(high));
    }

    static String signed(double pp) {
        return String.format(Locale.ROOT, "%+.2f", pp).replace('-', '−');
    }

    /**
     * What the answer rests on that was not measured: an assumed n, what was not published (when the verdict
     * depends on it), and the design effect at which the verdict would turn; for a consistent verdict, the size of
     * gap the test could have missed.
     */
    static String dependsOn(FigureIndex f, ElectionPackage pkg, Source poll, String release) {
        String pid = poll.id();
        List<String> parts = new ArrayList<>();
        Verdict v = verdict(f, pid, release);
        Double n = f.accuracy(pid, release, null, Metric.Accuracy.N);
        if (FigureIndex.isTrue(f.accuracy(pid, release, null, Metric.Accuracy.N_ASSUMED)) && n != null) {
            parts.add(String.format(Locale.ROOT, "n = %,.0f is assumed (not published)", n));
        }
        if (v == Verdict.DEPENDS) {
            Double residual = f.accuracy(pid, release, null, Metric.Accuracy.RESIDUAL_SHARE);
            Double min = f.accuracy(pid, release, null, Metric.Accuracy.CHI2_RS_MIN);
            Double max = f.accuracy(pid, release, null, Metric.Accuracy.CHI2_RS_MAX);
            String range = min == null || max == null ? ""
                    : String.format(Locale.ROOT, " (χ² from %.2f to %.2f over the readings)", min, max);
            parts.add((residual != null && Math.abs(residual) >= ROUNDING
                    ? String.format(Locale.ROOT, "who the unpublished %.2f pp belong to", 100 * residual)
                    : residual != null && residual > 1e-9
                    ? String.format(Locale.ROOT, "how the shares were rounded and who the %.2f pp residual belongs to",
                            100 * residual)
                    : "how the published shares were rounded") + range);
        }
        Double residualShare = f.accuracy(pid, release, null, Metric.Accuracy.RESIDUAL_SHARE);
        if (v != Verdict.DEPENDS && residualShare != null && residualShare >= ROUNDING) {
            // the headline gap of a poll that left much unattributed rests on the proportional reading: say how far
            Candidate widest = largestGap(f, pkg, pid, release);
            Double low = widest == null ? null : f.accuracy(pid, release, widest.id(), Metric.Accuracy.DEVIATION_MIN);
            Double high = widest == null ? null : f.accuracy(pid, release, widest.id(), Metric.Accuracy.DEVIATION_MAX);
            if (low != null && high != null) {
                parts.add(String.format(Locale.ROOT, "who its unattributed %.2f pp belong to: %s's gap is %+.2f to"
                        + " %+.2f pp over the readings (the verdict holds for all)", 100 * residualShare,
                        pkg.candidateName(widest.id()), low, high));
            }
        }
        Double everyReading = f.accuracy(pid, release, null, Metric.Accuracy.COINCIDES_ALL_READINGS);
        if (FigureIndex.isTrue(f.accuracy(pid, release, null, Metric.Accuracy.COINCIDES)) && everyReading != null
                && everyReading == 0) {
            parts.add("coinciding, too: some readings of its rounding and unattributed share would not");
        }
        Double deff = f.accuracy(pid, release, null, Metric.Accuracy.DEFF);
        Double critical = f.accuracy(pid, release, null, Metric.Accuracy.DEFF_CRITICAL);
        Double low = f.accuracy(pid, release, null, Metric.Accuracy.DEFF_CRITICAL_LOW);
        Double high = f.accuracy(pid, release, null, Metric.Accuracy.DEFF_CRITICAL_HIGH);
        if (deff != null && critical != null) {
            // where the verdict turns with the design effect: below low it differs for every reading, above high it
            // is consistent for every reading, and critical turns the point estimate
            if (v == Verdict.DIFFERS) {
                double turn = low != null ? low : critical;
                parts.add(turn > 5 ? String.format(Locale.ROOT, "not the design effect (differs up to deff %.1f)", turn)
                        : String.format(Locale.ROOT, "the design effect: differs for every reading only up to deff"
                        + " %.2f (%.2f used)", turn, deff));
            } else if (v == Verdict.DEPENDS) {
                parts.add(String.format(Locale.ROOT, "the design effect: %s as read if deff %s %.2f (%.2f used)%s",
                        critical > deff ? "within sampling error" : "differs", critical > deff ? ">" : "<", critical,
                        deff, high != null ? String.format(Locale.ROOT, "; within sampling error for every reading"
                                + " above deff %.2f", high) : ""));
            } else if (v == Verdict.CONSISTENT && critical >= 1) {
                parts.add(String.format(Locale.ROOT, "the design effect: differs if deff < %.2f (%.2f used)",
                        high != null ? high : critical, deff));
            }
        }
        if (v == Verdict.CONSISTENT) {
            double mde = 0;
            for (Candidate c : pkg.candidates()) {
                Double m = f.accuracy(pid, release, c.id(), Metric.Accuracy.MDE_PP);
                if (m != null) {
                    mde = Math.max(mde, m);
                }
            }
            if (mde > 0) {
                parts.add(String.format(Locale.ROOT, "power: gaps up to %.2f pp could go undetected (80 %% power)", mde));
            }
        }
        return parts.isEmpty() ? "nothing unpublished" : String.join("; ", parts);
    }
}
