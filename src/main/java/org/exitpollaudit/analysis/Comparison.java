package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.stats.AccuracyMeasures;
import org.exitpollaudit.stats.AdmissibleShares;
import org.exitpollaudit.stats.ConcaveMaximum;
import org.exitpollaudit.stats.Equivalence;
import org.exitpollaudit.stats.MarginError;
import org.exitpollaudit.stats.NoncentralChiSquared;
import org.exitpollaudit.stats.Normal;
import org.exitpollaudit.stats.SurveyBiasNull;
import org.exitpollaudit.stats.GoodnessOfFit;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.Interval;
import org.exitpollaudit.stats.ProportionTest;
import org.exitpollaudit.stats.RaoScott;
import org.exitpollaudit.stats.SurveyBias;
import org.exitpollaudit.stats.WilsonInterval;

/**
 * One exit poll against one official release at national level: every figure of the {@code accuracy}
 * section (docs/figures.md), computed over the candidates both report, in the order given.
 */
public final class Comparison {

    private Comparison() {
    }

    /** Seed of the simulated null distribution of B and B_w: fixed, so a re-run gives the same p. */
    static final long SURVEY_BIAS_SEED = 20140101L;
    /** Draws of that simulation. */
    static final int SURVEY_BIAS_DRAWS = 20_000;
    /** Power at which the minimum detectable deviation is stated. */
    static final double POWER = 0.8;

    /**
     * @param candidates candidates reported by both, in report order (at least two)
     * @param precision  u, one unit of the last decimal the poll published, as a fraction (0 for vote counts)
     * @param design     the poll's design effects estimated from its own station rows over these candidates, or
     *                   null: then {@code assumedDeff} applies to every candidate
     */
    public static List<Figure> compare(Source poll, Shares pollShares, Source release, Shares releaseShares,
                                       List<String> candidates, SampleSize sample, double assumedDeff, double precision,
                                       PollDesign design, AnalysisParameters params) {
        int k = candidates.size();
        double n = sample.n();
        double[] p = pollShares.renormalized(candidates);
        double[] v = releaseShares.renormalized(candidates);
        // with station data: each share's own design effect for its SE and z, and the mean generalised design effect
        // δ̄ (P at the official shares) for the whole-comparison statistics (first-order Rao–Scott); a candidate the
        // release gives no vote makes P there singular, and P is then taken at the poll's own shares
        boolean positive = java.util.Arrays.stream(v).allMatch(x -> x > 0);
        RaoScott raoScott = design == null ? null : positive ? design.against(v, n) : design.atOwnShares(n);
        double deff = raoScott == null ? assumedDeff : raoScott.meanDeff();
        double[] deffs = new double[k];
        for (int i = 0; i < k; i++) {
            Double own = design == null ? null : design.deff().get(candidates.get(i));
            // a share's variance from the station counts is V_cc = deff_c p(1 − p) / n_stations; expressed against the
            // n this comparison uses (as δ̄ is), deff_c · n / n_stations
            deffs[i] = own != null && own > 0 && Double.isFinite(own) ? own * n / design.n() : deff;
        }
        AdmissibleShares admissible = admissible(pollShares, candidates, precision);
        int df = k - 1;

        List<Figure> out = new ArrayList<>();
        Emitter e = new Emitter(out, poll.id(), release.id());
        double[] aPrime = candidateFigures(e, candidates, pollShares, p, v, n, deffs, deff, admissible,
                design != null, params);
        double maxAbs = 0;
        boolean coincides = true;
        for (int i = 0; i < k; i++) {
            double deviation = 100 * (p[i] - v[i]);
            maxAbs = Math.max(maxAbs, Math.abs(deviation));
            coincides &= Equivalence.within(deviation, 100 * ProportionTest.standardError(p[i], n, deffs[i]),
                    params.tolerance(), params.alpha());
        }

        int a = argMax(v, -1);
        int b = argMax(v, a);
        double chi2 = GoodnessOfFit.pearson(p, v, n);
        double chi2Rs = chi2 / deff;
        double critical = GoodnessOfFit.critical(df, params.alpha());
        double chi2Min = positive ? GoodnessOfFit.pearson(admissible.nearest(v), v, n) / deff : Double.NaN;
        double chi2Max = positive ? GoodnessOfFit.pearson(admissible.vertex(admissible.farthestVertex(v)), v, n) / deff
                : Double.NaN;
        double margin = MarginError.pp(p[a], p[b], v[a], v[b]);
        double marginSe = MarginError.sePp(p[a], p[b], n, deff);
        coincides &= Equivalence.within(margin, marginSe, params.tolerance(), params.alpha());
        e.put(null, Metric.Accuracy.N, n);
        e.put(null, Metric.Accuracy.N_ASSUMED, sample.assumed() ? 1.0 : 0.0);
        e.put(null, Metric.Accuracy.DEFF, deff);
        e.put(null, Metric.Accuracy.DEFF_ESTIMATED, design == null ? 0.0 : 1.0);
        if (design != null) {
            // second order (Satterthwaite): shown beside the first-order statistic that decides the verdict
            e.put(null, Metric.Accuracy.STATIONS, (double) design.stations());
            e.put(null, Metric.Accuracy.DEFF_A2, raoScott.a2());
            e.put(null, Metric.Accuracy.CHI2_RS2, raoScott.secondOrder(chi2));
            e.put(null, Metric.Accuracy.CHI2_RS2_DF, raoScott.secondOrderDf());
            e.put(null, Metric.Accuracy.CHI2_RS2_P, raoScott.secondOrderPValue(chi2));
        }
        e.put(null, Metric.Accuracy.N_EFF, n / deff);
        e.put(null, Metric.Accuracy.K, (double) k);
        e.put(null, Metric.Accuracy.PRECISION_PP, 100 * precision);
        e.put(null, Metric.Accuracy.RESIDUAL_SHARE, pollShares.residual());
        e.put(null, Metric.Accuracy.OTHER_SHARE_PUBLISHED, pollShares.otherPublished());
        e.put(null, Metric.Accuracy.INVALID_SHARE_PUBLISHED, pollShares.invalidPublished());
        e.put(null, Metric.Accuracy.CHI2, chi2);
        e.put(null, Metric.Accuracy.CHI2_RS, chi2Rs);
        e.put(null, Metric.Accuracy.CHI2_DF, (double) df);
        e.put(null, Metric.Accuracy.CHI2_P, GoodnessOfFit.pValue(chi2Rs, df));
        e.put(null, Metric.Accuracy.CHI2_CRITICAL, critical);
        e.put(null, Metric.Accuracy.CHI2_RS_MIN, chi2Min);
        e.put(null, Metric.Accuracy.CHI2_RS_MAX, chi2Max);
        e.put(null, Metric.Accuracy.G2, GoodnessOfFit.likelihoodRatio(p, v, n));
        surveyBiasFigures(e, aPrime, v, n, deff, positive && release.finalRelease());
        e.put(null, Metric.Accuracy.MOSTELLER_M3, AccuracyMeasures.mostellerM3(p, v));
        e.put(null, Metric.Accuracy.MOSTELLER_M5, AccuracyMeasures.mostellerM5(p[a], p[b], v[a], v[b]));
        double z95 = Normal.criticalZ(params.confidence());
        e.put(null, Metric.Accuracy.MARGIN_ERROR, margin);
        e.put(null, Metric.Accuracy.MARGIN_ERROR_SE, marginSe);
        e.put(null, Metric.Accuracy.MARGIN_ERROR_CI_LOW, margin - z95 * marginSe);
        e.put(null, Metric.Accuracy.MARGIN_ERROR_CI_HIGH, margin + z95 * marginSe);
        e.put(null, Metric.Accuracy.TOLERANCE, params.tolerance());
        e.put(null, Metric.Accuracy.COINCIDES, coincides ? 1.0 : 0.0);
        e.put(null, Metric.Accuracy.COINCIDES_ALL_READINGS, coincidesForEveryReading(admissible, v, a, b, n, deffs, deff,
                params) ? 1.0 : 0.0);
        e.put(null, Metric.Accuracy.MTK_A, AccuracyMeasures.mtkA(p[a], p[b], v[a], v[b]));
        e.put(null, Metric.Accuracy.MTK_A_SE, AccuracyMeasures.mtkASe(p[a], p[b], n, deff));
        e.put(null, Metric.Accuracy.MAX_ABS_DEVIATION_PP, maxAbs);
        e.put(null, Metric.Accuracy.WINNER_AGREES, argMax(p, -1) == a ? 1.0 : 0.0);
        e.put(null, Metric.Accuracy.N_CRITICAL, GoodnessOfFit.criticalSampleSize(chi2Rs, n, df, params.alpha()));
        e.put(null, Metric.Accuracy.DEFF_CRITICAL, chi2 / critical);
        // where the three-valued verdict turns: below n_critical_low (above deff_critical_high) it is consistent for
        // every reading, above n_critical_high (below deff_critical_low) it differs for every reading
        e.put(null, Metric.Accuracy.N_CRITICAL_LOW, GoodnessOfFit.criticalSampleSize(chi2Max, n, df, params.alpha()));
        e.put(null, Metric.Accuracy.N_CRITICAL_HIGH, GoodnessOfFit.criticalSampleSize(chi2Min, n, df, params.alpha()));
        e.put(null, Metric.Accuracy.DEFF_CRITICAL_LOW, chi2Min * deff / critical);
        e.put(null, Metric.Accuracy.DEFF_CRITICAL_HIGH, chi2Max * deff / critical);
        e.put(null, Metric.Accuracy.VERDICT_CONSISTENT, rejects(chi2Rs, df, params.alpha()) ? 0.0 : 1.0);
        e.put(null, Metric.Accuracy.VERDICT, (double) verdict(chi2Min, chi2Max, chi2Rs, df, params.alpha()));
        return out;
    }

    /** The per-candidate figures; returns each candidate's A' for the whole-comparison measures. */
    private static double[] candidateFigures(Emitter e, List<String> candidates, Shares pollShares, double[] p,
                                             double[] v, double n, double[] deffs, double deff,
                                             AdmissibleShares admissible, boolean estimated,
                                             AnalysisParameters params) {
        int k = candidates.size();
        double[] z = new double[k];
        double[] pValues = new double[k];
        double[] aPrime = new double[k];
        for (int i = 0; i < k; i++) {
            z[i] = ProportionTest.z(p[i], v[i], n, deffs[i]);
            pValues[i] = ProportionTest.pValue(z[i]);
            aPrime[i] = SurveyBias.aPrime(p[i], v[i]);
        }
        double[] pHolm = Holm.adjust(pValues);
        double z95 = Normal.criticalZ(params.confidence());
        double lambda = NoncentralChiSquared.noncentralityForPower(k - 1, params.alpha(), POWER);
        for (int i = 0; i < k; i++) {
            String c = candidates.get(i);
            Interval ci = WilsonInterval.of(p[i], n / deffs[i], params.confidence());
            double deviation = 100 * (p[i] - v[i]);
            double sePp = 100 * ProportionTest.standardError(p[i], n, deffs[i]);
            e.put(c, Metric.Accuracy.POLL_SHARE_PUBLISHED, pollShares.published().get(c));
            e.put(c, Metric.Accuracy.POLL_SHARE, p[i]);
            e.put(c, Metric.Accuracy.OFFICIAL_SHARE, v[i]);
            e.put(c, Metric.Accuracy.DEVIATION_PP, deviation);
            e.put(c, Metric.Accuracy.DEVIATION_CI_LOW, deviation - z95 * sePp);
            e.put(c, Metric.Accuracy.DEVIATION_CI_HIGH, deviation + z95 * sePp);
            e.put(c, Metric.Accuracy.DEVIATION_MIN, 100 * (admissible.lowest(i) - v[i]));
            e.put(c, Metric.Accuracy.DEVIATION_MAX, 100 * (admissible.highest(i) - v[i]));
            e.put(c, Metric.Accuracy.RELATIVE_DEVIATION, (p[i] - v[i]) / v[i]);
            e.put(c, Metric.Accuracy.SE, sePp / 100);
            e.put(c, Metric.Accuracy.CI_LOW, ci.low());
            e.put(c, Metric.Accuracy.CI_HIGH, ci.high());
            e.put(c, Metric.Accuracy.Z, z[i]);
            e.put(c, Metric.Accuracy.P_VALUE, pValues[i]);
            e.put(c, Metric.Accuracy.P_HOLM, pHolm[i]);
            e.put(c, Metric.Accuracy.LOG_ODDS_RATIO, aPrime[i]);
            e.put(c, Metric.Accuracy.LOG_ODDS_RATIO_SE, SurveyBias.aPrimeSe(p[i], n, deffs[i]));
            if (estimated) {
                e.put(c, Metric.Accuracy.DEFF, deffs[i]);
            }
            e.put(c, Metric.Accuracy.SIGNIFICANT, pHolm[i] < params.alpha() ? 1.0 : 0.0);
            e.put(c, Metric.Accuracy.MDE_PP, 100 * NoncentralChiSquared.minimumDetectable(lambda, v[i], n, deff));
        }
        return aPrime;
    }

    /**
     * Whether the poll coincides within ±δ however its rounding and unattributed share are read: each equivalence
     * bound, estimate ± z₀.₉₅ SE with the SE at the reading, is concave in the reading (a linear term plus the square
     * root of a concave variance), so its largest value over the admissible readings is a concave maximisation: over
     * the candidate's own range for a deviation, over the winner's and runner-up's joint range for the margin.
     */
    static boolean coincidesForEveryReading(AdmissibleShares q, double[] v, int a, int b, double n, double[] deffs,
                                            double deff, AnalysisParameters params) {
        double z = Equivalence.oneSidedZ(params.alpha());
        double delta = params.tolerance();
        double free = q.free();
        for (int i = 0; i < v.length; i++) {
            double vi = v[i];
            double di = deffs[i];
            for (int sign : new int[] {1, -1}) {
                double worst = ConcaveMaximum.onInterval(x -> sign * 100 * (x - vi)
                        + z * 100 * ProportionTest.standardError(x, n, di), q.lowest(i), q.highest(i));
                if (worst > delta) {
                    return false;
                }
            }
        }
        double la = q.lowest(a);
        double lb = q.lowest(b);
        for (int sign : new int[] {1, -1}) {
            double worst = ConcaveMaximum.onTriangle((s, t) -> sign * MarginError.pp(la + s, lb + t, v[a], v[b])
                    + z * MarginError.sePp(la + s, lb + t, n, deff), free);
            if (worst > delta) {
                return false;
            }
        }
        return true;
    }

    /** B and B_w, and how large they are for an unbiased poll of the same n and design effect. */
    /**
     * B and B_w, and how large they are for an unbiased poll of the same n and design effect: the delta-method mean
     * and SD always, the simulated upper-tail p against the final release only (the simulation is the costly part).
     */
    private static void surveyBiasFigures(Emitter e, double[] aPrime, double[] v, double n, double deff,
                                          boolean simulate) {
        double bValue = SurveyBias.b(aPrime);
        double bwValue = SurveyBias.bw(aPrime, v);
        e.put(null, Metric.Accuracy.B, bValue);
        e.put(null, Metric.Accuracy.B_W, bwValue);
        if (java.util.Arrays.stream(v).allMatch(x -> x > 0 && x < 1)) {
            SurveyBiasNull.Result nul = simulate ? SurveyBiasNull.of(bValue, bwValue, v, n, deff, SURVEY_BIAS_DRAWS,
                    SURVEY_BIAS_SEED) : SurveyBiasNull.moments(v, n, deff);
            e.put(null, Metric.Accuracy.B_NULL_MEAN, nul.bMean());
            e.put(null, Metric.Accuracy.B_NULL_SD, nul.bSd());
            if (simulate) {
                e.put(null, Metric.Accuracy.B_P, nul.bP());
            }
            e.put(null, Metric.Accuracy.B_W_NULL_MEAN, nul.bwMean());
            e.put(null, Metric.Accuracy.B_W_NULL_SD, nul.bwSd());
            if (simulate) {
                e.put(null, Metric.Accuracy.B_W_P, nul.bwP());
            }
        }
    }

    /**
     * The verdict rule at one reading: the design-corrected X² rejects when its upper-tail p on k − 1 df is below
     * alpha. The calibration simulates exactly this method (calibration.VerdictRule).
     */
    public static boolean rejects(double chi2Rs, int df, double alpha) {
        return GoodnessOfFit.pValue(chi2Rs, df) < alpha;
    }

    /** Verdict codes of figure {@code verdict}. */
    public static final int CONSISTENT = 1;
    public static final int DIFFERS = 0;
    public static final int DEPENDS = -1;

    /**
     * The one rule: the design-corrected X² against its 5 % critical value, for every admissible reading. Without
     * bounds (an official share of 0) the point estimate decides.
     */
    static int verdict(double chi2Min, double chi2Max, double chi2Point, int df, double alpha) {
        if (Double.isNaN(chi2Min) || Double.isNaN(chi2Max)) {
            return rejects(chi2Point, df, alpha) ? DIFFERS : CONSISTENT;
        }
        if (!rejects(chi2Max, df, alpha)) {
            return CONSISTENT;
        }
        return rejects(chi2Min, df, alpha) ? DIFFERS : DEPENDS;
    }

    /** The admissible readings of a poll's published shares for a comparison over the given candidates. */
    static AdmissibleShares admissible(Shares shares, List<String> candidates, double precision) {
        double[] compared = new double[candidates.size()];
        for (int i = 0; i < compared.length; i++) {
            compared[i] = shares.published().get(candidates.get(i));
        }
        List<Double> others = new ArrayList<>();
        shares.published().forEach((c, s) -> {
            if (!candidates.contains(c)) {
                others.add(s);
            }
        });
        if (shares.otherPublished() != null) {
            others.add(shares.otherPublished());
        }
        if (shares.invalidPublished() != null) {
            others.add(shares.invalidPublished());
        }
        return AdmissibleShares.of(compared, others.stream().mapToDouble(Double::doubleValue).toArray(), precision);
    }

    /**
     * In words, the reading of what was not published that turns a verdict that depends on it: the reading nearest
     * the count (for a poll that differs as read) or the vertex farthest from it (for one consistent as read).
     */
    public static String flippingReading(Shares pollShares, List<String> candidates, double precision, double[] v,
                                         boolean consistentAsRead, java.util.function.Function<String, String> name) {
        AdmissibleShares q = admissible(pollShares, candidates, precision);
        if (consistentAsRead) {
            int i = q.farthestVertex(v);
            return String.format(java.util.Locale.ROOT, "all that its rounding and unattributed answers leave open"
                    + " (%.2f pp of the compared candidates' total) belonged to %s", 100 * q.free(),
                    name.apply(candidates.get(i)));
        }
        double[] p = pollShares.renormalized(candidates);
        double[] reading = q.nearest(v);
        StringBuilder sb = new StringBuilder("its shares were, within its rounding and unattributed answers, ");
        for (int i = 0; i < reading.length; i++) {
            double d = 100 * (reading[i] - p[i]);
            if (Math.abs(d) >= 0.005) {
                sb.append(name.apply(candidates.get(i)))
                        .append(String.format(java.util.Locale.ROOT, " %+.2f pp, ", d));
            }
        }
        sb.setLength(sb.length() - 2);
        sb.append(" (percentage points of the compared candidates' total, against the proportional reading)");
        return sb.toString();
    }

    /** Index of the largest value, skipping {@code except}; ties go to the first. */
    static int argMax(double[] x, int except) {
        int best = -1;
        for (int i = 0; i < x.length; i++) {
            if (i != except && (best < 0 || x[i] > x[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Adds figures of one comparison. */
    private record Emitter(List<Figure> out, String source, String reference) {
        void put(String candidate, Metric.Accuracy metric, Double value) {
            out.add(Figure.of(metric, source, reference, Figure.NATIONAL, null, candidate, value));
        }
    }
}
