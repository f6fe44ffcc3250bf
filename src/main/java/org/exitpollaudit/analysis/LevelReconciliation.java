package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Station sums against the higher levels of the same election (section {@code reconciliation}): against the final
 * national protocol, against district-level official files and against {@code districts.csv} and
 * {@code election.yaml}. A gap is reference − station sum: what the station files leave unexplained (for example
 * remote electronic voting and stations abroad), shown per candidate, never netted away.
 */
final class LevelReconciliation {

    private LevelReconciliation() {
    }

    /**
     * @param sums  the sums of the release's station rows that passed the checks, nationally and by district
     * @param clean the checked rows of the district-level files, by source id
     */
    static List<Figure> run(ElectionPackage pkg, Source stationSource, Totals.WithDistricts sums,
                            Map<String, List<ResultRow>> clean, Map<String, ResultRow> national, long rejected,
                            List<String> candidates, List<DataIssue> issues) {
        Totals sum = sums.all();
        List<Figure> out = new ArrayList<>();
        String src = stationSource.id();
        Source fin = pkg.finalRelease();
        ResultRow finalRow = national.get(fin.id());
        put(out, src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_LOADED, sum.units());
        put(out, src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_REJECTED, rejected);
        Long expected = pkg.election().stationsTotal();
        if (expected == null && !pkg.districts().isEmpty() && pkg.districts().stream().allMatch(d -> d.stations() != null)) {
            expected = pkg.districts().stream().mapToLong(District::stations).sum();
        }
        if (expected != null) {
            put(out, src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_EXPECTED, expected);
            put(out, src, null, Figure.NATIONAL, null, null, Metric.Reconciliation.STATIONS_MISSING, expected - sum.units() - rejected);
        }
        Double registeredRef = finalRow != null && finalRow.registered() != null ? finalRow.registered()
                : pkg.election().registeredVoters() == null ? null : pkg.election().registeredVoters().doubleValue();
        gap(out, src, registeredRef == null ? null : fin.id(), Figure.NATIONAL, null, null, Metric.Gap.REGISTERED,
                sum.registered(), registeredRef);
        if (finalRow != null && fin.values() == Source.ValueType.VOTES && fin.level() == Source.Level.NATIONAL) {
            StringBuilder unexplained = new StringBuilder();
            for (String c : candidates) {
                Double ref = finalRow.candidates().get(c);
                Double s = sum.votes().get(c);
                if (ref == null || s == null) {
                    continue;
                }
                gap(out, src, fin.id(), Figure.NATIONAL, null, c, Metric.Gap.VOTES, s, ref);
                // a candidate whose stations add up to the final result leaves nothing unexplained
                if (ref - s != 0) {
                    unexplained.append(unexplained.length() > 0 ? ", " : "").append(pkg.candidateName(c)).append(' ')
                            .append(StationAnalysis.fmt(ref - s));
                }
            }
            if (finalRow.valid() != null) {
                gap(out, src, fin.id(), Figure.NATIONAL, null, null, Metric.Gap.VALID, sum.valid(), finalRow.valid());
            }
            if (unexplained.length() > 0) {
                issues.add(DataIssue.warning(IssueCode.LEVEL_GAP, stationSource.file(), null, null, "the " + sum.units()
                        + " loaded stations of " + src + " leave these votes of the final result (" + fin.id()
                        + ") unexplained: " + unexplained + " (final − station sum; for example remote electronic"
                        + " voting, stations abroad, stations without figures)"));
            }
        }

        // per district: districts.csv and any district-level official file
        Map<String, Totals> byDistrict = sums.byDistrict();
        Map<String, District> known = StationAnalysis.districts(pkg);
        for (Map.Entry<String, Totals> e : byDistrict.entrySet()) {
            String d = e.getKey();
            Totals t = e.getValue();
            put(out, src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Reconciliation.STATIONS_LOADED, t.units());
            District meta = known.get(d);
            if (meta != null && meta.stations() != null) {
                put(out, src, null, Figure.LEVEL_DISTRICT, d, null, Metric.Reconciliation.STATIONS_EXPECTED, meta.stations());
            }
            if (meta != null && meta.registeredVoters() != null) {
                gap(out, src, "districts.csv", Figure.LEVEL_DISTRICT, d, null, Metric.Gap.REGISTERED, t.registered(),
                        meta.registeredVoters().doubleValue());
            }
        }
        for (Source ds : pkg.officialReleases()) {
            if (ds.level() != Source.Level.DISTRICT || ds.values() != Source.ValueType.VOTES || !clean.containsKey(ds.id())) {
                continue;
            }
            for (ResultRow dr : clean.get(ds.id())) {
                Totals t = byDistrict.get(dr.districtId());
                for (String c : candidates) {
                    Double ref = dr.candidates().get(c);
                    if (ref != null) {
                        gap(out, src, ds.id(), Figure.LEVEL_DISTRICT, dr.districtId(), c, Metric.Gap.VOTES,
                                t == null ? 0 : t.votes().getOrDefault(c, 0.0), ref);
                    }
                }
            }
        }
        return out;
    }

    private static void gap(List<Figure> out, String src, String ref, String level, String unit, String candidate,
                            Metric.Gap what, double stationSum, Double reference) {
        put(out, src, ref, level, unit, candidate, what.stationSum(), stationSum);
        if (reference != null) {
            put(out, src, ref, level, unit, candidate, what.reference(), reference);
            put(out, src, ref, level, unit, candidate, what.gap(), reference - stationSum);
            put(out, src, ref, level, unit, candidate, what.gapShare(), reference != 0 ? (reference - stationSum) / reference
                    : Double.NaN);
        }
    }

    private static void put(List<Figure> out, String src, String ref, String level, String unit, String candidate,
                            Metric.Reconciliation metric, double value) {
        out.add(Figure.of(metric, src, ref, level, unit, candidate, value));
    }
}
