package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.stats.AccuracyMeasures;
import org.exitpollaudit.stats.GoodnessOfFit;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.Interval;
import org.exitpollaudit.stats.ProportionTest;
import org.exitpollaudit.stats.SurveyBias;
import org.exitpollaudit.stats.WilsonInterval;

/**
 * One exit poll against one official release at national level: every figure of the {@code accuracy}
 * section (docs/figures.md), computed over the candidates both report, in the order given.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * @param candidates candidates reported by both, in report order (at least two)
     */
    public static List<Figure> compare(Source poll, Shares pollShares, Source release, Shares releaseShares,
                                       List<String> candidates, SampleSize sample, double deff,
                                       AnalysisParameters params) {
        int k = candidates.size();
        double n = sample.n();
        double nEff = n / deff;
        double[] p = pollShares.renormalized(candidates);
        double[] v = releaseShares.renormalized(candidates);
        double[] z = new double[k];
        double[] pValues = new double[k];
        double[] aPrime = new double[k];
        for (int i = 0; i < k; i++) {
            z[i] = ProportionTest.z(p[i], v[i], n, deff);
            pValues[i] = ProportionTest.pValue(z[i]);
            aPrime[i] = SurveyBias.aPrime(p[i], v[i]);
        }
        double[] pHolm = Holm.adjust(pValues);

        List<Figure> out = new ArrayList<>();
        Emitter e = new Emitter(out, poll.id(), release.id());
        double maxAbs = 0;
        boolean anyHolm = false;
        for (int i = 0; i < k; i++) {
            String c = candidates.get(i);
            Interval ci = WilsonInterval.of(p[i], nEff, params.confidence());
            e.put(c, "poll_share_published", pollShares.published().get(c));
            e.put(c, "poll_share", p[i]);
            e.put(c, "official_share", v[i]);
            e.put(c, "deviation_pp", 100 * (p[i] - v[i]));
            e.put(c, "relative_deviation", (p[i] - v[i]) / v[i]);
            e.put(c, "se", ProportionTest.standardError(p[i], n, deff));
            e.put(c, "ci_low", ci.low());
            e.put(c, "ci_high", ci.high());
            e.put(c, "z", z[i]);
            e.put(c, "p_value", pValues[i]);
            e.put(c, "p_holm", pHolm[i]);
            e.put(c, "log_odds_ratio", aPrime[i]);
            e.put(c, "log_odds_ratio_se", SurveyBias.aPrimeSe(p[i], n, deff));
            e.put(c, "significant", pHolm[i] < params.alpha() ? 1.0 : 0.0);
            maxAbs = Math.max(maxAbs, Math.abs(100 * (p[i] - v[i])));
            anyHolm |= pHolm[i] < params.alpha();
        }

        int a = argMax(v, -1);
        int b = argMax(v, a);
        double chi2 = GoodnessOfFit.pearson(p, v, n);
        double chi2Rs = chi2 / deff;
        double chi2P = GoodnessOfFit.pValue(chi2Rs, k - 1);
        e.put(null, "n", n);
        e.put(null, "n_assumed", sample.assumed() ? 1.0 : 0.0);
        e.put(null, "deff", deff);
        e.put(null, "n_eff", nEff);
        e.put(null, "k", (double) k);
        e.put(null, "residual_share", pollShares.residual());
        e.put(null, "other_share_published", pollShares.otherPublished());
        e.put(null, "invalid_share_published", pollShares.invalidPublished());
        e.put(null, "chi2", chi2);
        e.put(null, "chi2_rs", chi2Rs);
        e.put(null, "chi2_df", (double) (k - 1));
        e.put(null, "chi2_p", chi2P);
        e.put(null, "g2", GoodnessOfFit.likelihoodRatio(p, v, n));
        e.put(null, "b", SurveyBias.b(aPrime));
        e.put(null, "b_w", SurveyBias.bw(aPrime, v));
        e.put(null, "mosteller_m3", AccuracyMeasures.mostellerM3(p, v));
        e.put(null, "mosteller_m5", AccuracyMeasures.mostellerM5(p[a], p[b], v[a], v[b]));
        e.put(null, "mtk_a", AccuracyMeasures.mtkA(p[a], p[b], v[a], v[b]));
        e.put(null, "mtk_a_se", AccuracyMeasures.mtkASe(p[a], p[b], n, deff));
        e.put(null, "max_abs_deviation_pp", maxAbs);
        e.put(null, "winner_agrees", argMax(p, -1) == a ? 1.0 : 0.0);
        e.put(null, "n_critical", GoodnessOfFit.criticalSampleSize(chi2Rs, n, k - 1, params.alpha()));
        e.put(null, "verdict_consistent", chi2P >= params.alpha() && !anyHolm ? 1.0 : 0.0);
        return out;
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
        void put(String candidate, String metric, Double value) {
            out.add(new Figure(Figure.ACCURACY, source, reference, Figure.NATIONAL, null, candidate, metric, value));
        }
    }
}
