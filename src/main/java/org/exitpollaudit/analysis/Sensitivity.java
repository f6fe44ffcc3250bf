package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.stats.GoodnessOfFit;

/**
 * How a poll's verdict against a release depends on the two things a published poll often leaves open:
 * its sample size and its design effect. X² is linear in n, so X²_RS(n, deff) = X²(1) · n / deff and the grid
 * needs no re-computation of shares; the verdict rule is the one of {@link Comparison}. Section {@code sensitivity}, unit {@code n=<n>|deff=<deff>}.
 */
public final class Sensitivity {

    /** Design effects shown: none (simple random sample) to heavy clustering. */
    public static final double[] DEFFS = {1.0, 1.5, 1.7, 2.0, 2.5, 3.0, 4.0, 5.0};
    /** Respondents per station shown when only the number of stations is known. */
    public static final double[] PER_STATION = {10, 20, 30, 40, 60, 80, 100};
    /** Multiples of n shown otherwise. */
    public static final double[] MULTIPLES = {0.1, 0.25, 0.5, 1, 2, 4};

    private Sensitivity() {
    }

    /** The sample sizes the grid shows for a poll: always including the n the run used. */
    public static List<Double> sampleSizes(Source poll, SampleSize used, AnalysisParameters params) {
        TreeSet<Double> ns = new TreeSet<>();
        ns.add(used.n());
        if (poll.sampleSize() == null && poll.assumedSampleSize() == null && poll.stationsSampled() != null) {
            for (double r : PER_STATION) {
                ns.add(poll.stationsSampled() * r);
            }
        } else {
            for (double m : MULTIPLES) {
                ns.add((double) Math.round(used.n() * m));
            }
        }
        return new ArrayList<>(ns);
    }

    /**
     * The verdict rule of {@link Comparison} at the point estimate (the design-corrected X² does not reject at alpha)
     * at each (n, deff) of the grid, for renormalized poll shares p and official shares v.
     */
    public static List<Figure> grid(String poll, String release, double[] p, double[] v, List<Double> ns, double alpha) {
        int df = p.length - 1;
        double chi2PerRespondent = GoodnessOfFit.pearson(p, v, 1);
        List<Figure> out = new ArrayList<>();
        for (double size : ns) {
            for (double deff : DEFFS) {
                String unit = "n=" + SampleSize.fmt(size) + "|deff=" + SampleSize.fmt(deff);
                double chi2P = GoodnessOfFit.pValue(chi2PerRespondent * size / deff, df);
                boolean consistent = chi2P >= alpha;
                out.add(Figure.of(Metric.Sensitivity.N, poll, release, Figure.NATIONAL, unit, null, size));
                out.add(Figure.of(Metric.Sensitivity.DEFF, poll, release, Figure.NATIONAL, unit, null, deff));
                out.add(Figure.of(Metric.Sensitivity.CHI2_P, poll, release, Figure.NATIONAL, unit, null, chi2P));
                out.add(Figure.of(Metric.Sensitivity.VERDICT_CONSISTENT, poll, release, Figure.NATIONAL, unit, null,
                        consistent ? 1.0 : 0.0));
            }
        }
        return out;
    }
}
