package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.stats.Homogeneity;
import org.exitpollaudit.stats.ProportionTest;
import org.exitpollaudit.stats.RandomEffects;
import org.exitpollaudit.stats.Stouffer;

/**
 * What the polls say together (section {@code agreement}): whether they err in a common direction on a candidate
 * (Stouffer's pooled z and a DerSimonian–Laird random-effects summary of their deviations from the final
 * release, reference = the final release), and every pair of polls against each other (source = the first poll,
 * reference = the second). Each poll's shares are renormalized over the candidates it shares with the final
 * release, as in its own comparison.
 */
final class PollAgreement {

    private PollAgreement() {
    }

    /**
     * @param compared the accuracy figures of every poll against the final release, so that each poll enters with
     *                 the z, deviation and standard error of its own comparison (its own n and design effect)
     */
    static List<Figure> pooled(ElectionPackage pkg, List<Source> polls, List<Figure> compared, Source finalRelease,
                               AnalysisParameters params) {
        Map<String, Double> byKey = new java.util.HashMap<>();
        for (Figure f : compared) {
            if (Figure.ACCURACY.equals(f.section()) && finalRelease.id().equals(f.reference()) && f.candidate() != null
                    && f.value() != null) {
                byKey.put(f.source() + "|" + f.candidate() + "|" + f.metric(), f.value());
            }
        }
        List<Figure> out = new ArrayList<>();
        for (Candidate cand : pkg.candidates()) {
            List<Double> zs = new ArrayList<>();
            List<Double> deviations = new ArrayList<>();
            List<Double> variances = new ArrayList<>();
            for (Source poll : polls) {
                String key = poll.id() + "|" + cand.id() + "|";
                Double z = byKey.get(key + Metric.Accuracy.Z.id());
                Double deviation = byKey.get(key + Metric.Accuracy.DEVIATION_PP.id());
                Double se = byKey.get(key + Metric.Accuracy.SE.id());
                if (z == null || deviation == null || se == null) {
                    continue;
                }
                zs.add(z);
                deviations.add(deviation);
                variances.add(100 * se * 100 * se);
            }
            if (zs.isEmpty()) {
                continue;
            }
            double z = Stouffer.z(zs.stream().mapToDouble(Double::doubleValue).toArray());
            out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.POOLED_Z, z));
            out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.POOLED_P, Stouffer.pValue(z)));
            out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.POOLED_POLLS, (double) zs.size()));
            if (zs.size() >= 2 && variances.stream().allMatch(x -> x > 0)) {
                RandomEffects.Result re = RandomEffects.of(deviations.stream().mapToDouble(Double::doubleValue).toArray(),
                        variances.stream().mapToDouble(Double::doubleValue).toArray());
                double[] ci = re.interval(params.confidence());
                out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.RE_DEVIATION_PP, re.mean()));
                out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.RE_DEVIATION_CI_LOW, ci[0]));
                out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.RE_DEVIATION_CI_HIGH, ci[1]));
                out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.RE_TAU2, re.tau2()));
                out.add(figure(null, finalRelease.id(), cand.id(), Metric.Agreement.RE_Q, re.q()));
            }
        }
        return out;
    }

    /**
     * @param compared the accuracy figures of every poll against the final release: each poll's design effect is the
     *                 one its own comparison used (estimated from station counts where it had them)
     */
    static List<Figure> pairs(ElectionPackage pkg, List<Source> polls, Map<String, Shares> shares, Source finalRelease,
                              List<Figure> compared, AnalysisParameters params) {
        Map<String, Double> used = new java.util.HashMap<>();
        for (Figure f : compared) {
            if (Figure.ACCURACY.equals(f.section()) && finalRelease.id().equals(f.reference()) && f.candidate() == null
                    && Metric.Accuracy.DEFF.names(f.metric()) && f.value() != null) {
                used.put(f.source(), f.value());
            }
        }
        List<Figure> out = new ArrayList<>();
        Shares official = shares.get(finalRelease.id());
        for (int x = 0; x < polls.size(); x++) {
            for (int y = x + 1; y < polls.size(); y++) {
                Source a = polls.get(x);
                Source b = polls.get(y);
                List<String> common = NationalAnalysis.common(pkg, shares.get(a.id()), official).stream()
                        .filter(c -> shares.get(b.id()).published().containsKey(c)).toList();
                if (common.size() < 2) {
                    continue;
                }
                double[] pa = shares.get(a.id()).renormalized(common);
                double[] pb = shares.get(b.id()).renormalized(common);
                double na = SampleSize.of(a, params).n();
                double nb = SampleSize.of(b, params).n();
                double da = used.getOrDefault(a.id(), params.deffFor(a));
                double db = used.getOrDefault(b.id(), params.deffFor(b));
                double[][] counts = new double[2][common.size()];
                for (int i = 0; i < common.size(); i++) {
                    double sa = ProportionTest.standardError(pa[i], na, da);
                    double sb = ProportionTest.standardError(pb[i], nb, db);
                    double z = ProportionTest.differenceZ(pa[i], sa, pb[i], sb);
                    out.add(figure(a.id(), b.id(), common.get(i), Metric.Agreement.PAIR_DIFFERENCE_PP, 100 * (pa[i] - pb[i])));
                    out.add(figure(a.id(), b.id(), common.get(i), Metric.Agreement.PAIR_Z, z));
                    out.add(figure(a.id(), b.id(), common.get(i), Metric.Agreement.PAIR_P, ProportionTest.pValue(z)));
                    counts[0][i] = pa[i] * na / da;
                    counts[1][i] = pb[i] * nb / db;
                }
                Homogeneity.Result h = Homogeneity.test(counts);
                out.add(figure(a.id(), b.id(), null, Metric.Agreement.PAIR_CHI2, h.chi2()));
                out.add(figure(a.id(), b.id(), null, Metric.Agreement.PAIR_DF, (double) h.df()));
                out.add(figure(a.id(), b.id(), null, Metric.Agreement.PAIR_CHI2_P, h.p()));
            }
        }
        return out;
    }

    private static Figure figure(String source, String reference, String candidate, Metric.Agreement metric,
                                 double value) {
        return Figure.of(metric, source, reference, Figure.NATIONAL, null, candidate, value);
    }
}
