package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.stats.Homogeneity;

/**
 * Applies the statistics to the national figures of a package: every exit poll against every national
 * official release, the sensitivity grid against the final release, and the agreement among the polls.
 */
public final class NationalAnalysis {

    /** Figures and the notes the analysis made about coverage. */
    public record Result(List<Figure> figures, List<DataIssue> issues) {
    }

    private NationalAnalysis() {
    }

    /**
     * @param rows      the loaded national row of each source that has one (sources without are skipped with an issue
     *                  raised earlier)
     * @param precision per poll, one unit of the last decimal it published, as a fraction (absent: 0, exact counts)
     * @param stations  per poll compared through the sum of its station counts, those station rows: its design
     *                  effects are estimated from them instead of assumed
     */
    public static Result run(ElectionPackage pkg, Map<String, ResultRow> rows, Map<String, Double> precision,
                             Map<String, List<ResultRow>> stations, AnalysisParameters params) {
        List<Figure> figures = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        Map<String, Shares> shares = new LinkedHashMap<>();
        for (Source s : pkg.sources()) {
            if (s.level() == Source.Level.NATIONAL && rows.containsKey(s.id())) {
                shares.put(s.id(), Shares.of(s, rows.get(s.id())));
            }
        }
        List<Source> releases = pkg.officialReleases().stream().filter(s -> shares.containsKey(s.id())).toList();
        List<Source> polls = pkg.exitPolls().stream().filter(s -> shares.containsKey(s.id())).toList();
        Source finalRelease = pkg.finalRelease();

        for (Source poll : polls) {
            SampleSize sample = SampleSize.of(poll, params);
            double deff = params.deffFor(poll);
            if (sample.assumed()) {
                issues.add(DataIssue.warning(IssueCode.ASSUMED_SAMPLE_SIZE, "sources.csv", poll.line(), "sample_size",
                        poll.id() + ": sample size not published (or not readable in sources.csv); n = " + SampleSize.fmt(sample.n()) + " " + sample.basis()));
            }
            Map<List<String>, java.util.Optional<PollDesign>> designs = new java.util.HashMap<>();
            for (Source release : releases) {
                List<String> common = common(pkg, shares.get(poll.id()), shares.get(release.id()));
                reportCoverage(pkg, poll, release, shares, common, issues);
                if (common.size() < 2) {
                    issues.add(DataIssue.error(IssueCode.NO_COMMON_CANDIDATES, poll.file(), null, null, poll.id() + " and "
                            + release.id() + " share fewer than two candidates; not compared"));
                    continue;
                }
                Shares ps = shares.get(poll.id());
                Shares rs = shares.get(release.id());
                if (common.stream().anyMatch(c -> ps.published().get(c) <= 0 || rs.published().get(c) <= 0)) {
                    issues.add(DataIssue.warning(IssueCode.ZERO_SHARE, poll.file(), null, null, poll.id() + " vs " + release.id()
                            + ": a candidate has a share of 0, so log-odds measures for it are undefined (left empty)"));
                }
                double u = precision.getOrDefault(poll.id(), 0.0);
                // the design depends on the poll and the candidates compared, not on the release: estimated (and any
                // failure noted) once per candidate set
                PollDesign design = designs.computeIfAbsent(common,
                        c -> java.util.Optional.ofNullable(design(poll, stations.get(poll.id()), c, issues))).orElse(null);
                List<Figure> compared = Comparison.compare(poll, ps, release, rs, common, sample, deff, u, design,
                        params);
                figures.addAll(compared);
                explainDependence(pkg, poll, release, ps, rs, common, u, compared, issues);
                if (release.id().equals(finalRelease.id())) {
                    figures.addAll(Sensitivity.grid(poll.id(), release.id(), ps.renormalized(common),
                            rs.renormalized(common), Sensitivity.sampleSizes(poll, sample, params), params.alpha()));
                }
            }
        }
        agreement(pkg, polls, shares, params, figures, issues);
        if (finalRelease != null && shares.containsKey(finalRelease.id())) {
            figures.addAll(PollAgreement.pooled(pkg, polls, figures, finalRelease, params));
            figures.addAll(PollAgreement.pairs(pkg, polls, shares, finalRelease, figures, params));
        }
        return new Result(figures, issues);
    }

    /** The poll's design effects from its station rows, or null (with a note) where they cannot be estimated. */
    private static PollDesign design(Source poll, List<ResultRow> stationRows, List<String> common,
                                     List<DataIssue> issues) {
        if (stationRows == null || stationRows.isEmpty()) {
            return null;
        }
        try {
            return PollDesign.estimate(stationRows, common);
        } catch (IllegalArgumentException e) {
            issues.add(DataIssue.warning(IssueCode.DEFF_NOT_ESTIMATED, poll.file(), null, null, poll.id() + ": design effects"
                    + " could not be estimated from its station rows (" + e.getMessage() + "); the assumed design effect"
                    + " is used"));
            return null;
        }
    }

    /** Names, in words, the reading of what the poll did not publish that would turn a verdict that depends on it. */
    private static void explainDependence(ElectionPackage pkg, Source poll, Source release, Shares ps, Shares rs,
                                          List<String> common, double precision, List<Figure> compared,
                                          List<DataIssue> issues) {
        double verdict = value(compared, Metric.Accuracy.VERDICT);
        if (verdict != Comparison.DEPENDS) {
            return;
        }
        boolean consistentAsRead = value(compared, Metric.Accuracy.VERDICT_CONSISTENT) == 1.0;
        String reading = Comparison.flippingReading(ps, common, precision, rs.renormalized(common), consistentAsRead,
                pkg::candidateName);
        issues.add(DataIssue.warning(IssueCode.VERDICT_DEPENDS_ON_UNPUBLISHED, poll.file(), null, null, poll.id() + " vs "
                + release.id() + ": the verdict depends on what the poll did not publish (its rounding"
                + (ps.residual() > 1e-12 ? String.format(java.util.Locale.ROOT,
                " and the %.2f pp it attributed to no candidate", 100 * ps.residual()) : "") + "). Read in proportion it "
                + (consistentAsRead ? "is consistent with sampling error; it would differ" : "differs beyond sampling"
                + " error; it would be consistent") + " if " + reading + "."));
    }

    private static double value(List<Figure> figures, Metric metric) {
        return figures.stream().filter(f -> f.candidate() == null && metric.names(f.metric()) && f.value() != null)
                .mapToDouble(Figure::value).findFirst().orElse(Double.NaN);
    }

    /** Candidates of candidates.csv that both sources report, in candidates.csv order. */
    static List<String> common(ElectionPackage pkg, Shares a, Shares b) {
        return pkg.candidates().stream().map(Candidate::id)
                .filter(id -> a.published().containsKey(id) && b.published().containsKey(id)).toList();
    }

    private static void reportCoverage(ElectionPackage pkg, Source poll, Source release, Map<String, Shares> shares,
                                       List<String> common, List<DataIssue> issues) {
        for (String c : shares.get(release.id()).published().keySet()) {
            if (!common.contains(c)) {
                issues.add(DataIssue.warning(IssueCode.CANDIDATE_NOT_IN_POLL, poll.file(), 1, null, poll.id()
                        + " does not report " + pkg.candidateName(c) + ", whom " + release.id()
                        + " reports; the comparison renormalizes over the candidates both report"));
            }
        }
        for (String c : shares.get(poll.id()).published().keySet()) {
            if (!common.contains(c)) {
                issues.add(DataIssue.warning(IssueCode.CANDIDATE_NOT_IN_RELEASE, release.file(), 1, null, release.id()
                        + " does not report " + pkg.candidateName(c) + ", whom " + poll.id()
                        + " reports; that share is treated as residual and allocated proportionally"));
            }
        }
    }

    private static void agreement(ElectionPackage pkg, List<Source> polls, Map<String, Shares> shares,
                                  AnalysisParameters params, List<Figure> figures, List<DataIssue> issues) {
        if (polls.size() < 2) {
            issues.add(DataIssue.info(IssueCode.NO_AGREEMENT_TEST, "sources.csv", null, null,
                    "fewer than two exit polls with national figures: no agreement test"));
            return;
        }
        List<String> common = pkg.candidates().stream().map(Candidate::id)
                .filter(id -> polls.stream().allMatch(p -> shares.get(p.id()).published().containsKey(id))).toList();
        if (common.size() < 2) {
            return;
        }
        double[][] counts = new double[polls.size()][];
        for (int i = 0; i < polls.size(); i++) {
            Source poll = polls.get(i);
            SampleSize sample = SampleSize.of(poll, params);
            double deff = params.deffFor(poll);
            double[] p = shares.get(poll.id()).renormalized(common);
            counts[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                counts[i][j] = p[j] * sample.n() / deff;
            }
        }
        Homogeneity.Result h = Homogeneity.test(counts);
        figures.add(agreementFigure(null, Metric.Agreement.HOMOGENEITY_CHI2, h.chi2()));
        figures.add(agreementFigure(null, Metric.Agreement.HOMOGENEITY_DF, (double) h.df()));
        figures.add(agreementFigure(null, Metric.Agreement.HOMOGENEITY_P, h.p()));
        figures.add(agreementFigure(null, Metric.Agreement.POLLS, (double) polls.size()));
        for (int j = 0; j < common.size(); j++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < polls.size(); i++) {
                double p = counts[i][j] / java.util.Arrays.stream(counts[i]).sum();
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            figures.add(agreementFigure(common.get(j), Metric.Agreement.POLL_SPREAD_PP, 100 * (max - min)));
        }
    }

    private static Figure agreementFigure(String candidate, Metric.Agreement metric, Double value) {
        return Figure.of(metric, null, null, Figure.NATIONAL, null, candidate, value);
    }
}
