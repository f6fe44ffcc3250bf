package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.exitpollaudit.reconcile.StationFlag;
import org.exitpollaudit.stats.GoodnessOfFit;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.QuasiBinomial;
import org.exitpollaudit.stats.WithinPrecinctError;

/**
 * Exit polls that publish district or station figures, compared unit by unit with the official figures of the
 * same unit (section {@code district}). Per unit: shares, deviations, Pearson X² of the poll's counts against
 * the official shares (Holm-adjusted across the poll's units), and the Edison/Mitofsky within-precinct error WPE and
 * ln α. WPE and ln α are taken on one pair for every unit, the national winner and runner-up of the final release,
 * so that their means over units average one quantity. A unit is flagged when the split of that pair stands out
 * from the poll's own spread (quasi-binomial dispersion, {@link QuasiBinomial}; Holm over the units): the
 * within-precinct errors of real exit polls vary far more than binomial sampling allows (interviewer effects,
 * refusals that differ by station), so a test against pure binomial error flags honest stations of any large
 * poll. The X² stays as a description of each unit.
 */
final class LocalComparison {

    /** Fewest units with a split of the national pair for their spread to be judged (φ of fewer is too rough). */
    static final int MIN_UNITS_FOR_FLAGS = 10;

    record Result(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags) {
    }

    /**
     * The official station-level release station polls are compared with: rows of it that passed the checks
     * (indices into {@code table}, ascending; no two with the same district and station id), at least those of every
     * station a poll names ({@link #polledStations}), and the sums of all its checked rows, nationally and by district.
     */
    record OfficialStations(Source source, ResultColumns table, int[] rows, Totals.WithDistricts sums) {

        /** The checked rows of a whole release, with their sums. */
        OfficialStations(Source source, ResultColumns table, int[] rows) {
            this(source, table, rows, Totals.withDistricts(table, rows));
        }
    }

    private LocalComparison() {
    }

    /**
     * @param rows          the checked rows of the district-level official files and of the exit polls' district and
     *                      station files, by source id
     * @param stations      the official stations to compare station polls with; {@code null} when there are none
     * @param nationalVotes the final release's national votes (or percents) by candidate, which name the national
     *                      winner and runner-up; {@code null} to take them from the compared official units' sums
     */
    static Result run(ElectionPackage pkg, Map<String, List<ResultRow>> rows, OfficialStations stations,
                      List<String> candidates, Map<String, Double> nationalVotes, AnalysisParameters params) {
        List<Figure> out = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Source stationRef = stations == null ? null : stations.source();
        Source districtRef = districtReference(pkg, rows);
        StationIndex officialStations = StationIndex.of(stations, polledStations(pkg, rows));
        Map<String, ResultRow> officialDistricts = new HashMap<>();
        String districtRefId = null;
        if (districtRef != null) {
            rows.get(districtRef.id()).forEach(r -> officialDistricts.put(r.districtId(), r));
            districtRefId = districtRef.id();
        } else if (stationRef != null) {
            stations.sums().byDistrict().forEach((d, t) -> officialDistricts.put(d,
                    new ResultRow(stationRef.id(), 0, d, null, t.registered(), t.ballots(), t.invalid(), t.valid(), null,
                            null, t.votes())));
            districtRefId = stationRef.id();
        }
        String[] pair = pair(nationalVotes != null ? nationalVotes : referenceTotals(rows, stations, districtRef),
                candidates);
        for (Source poll : pkg.exitPolls()) {
            List<ResultRow> units = rows.get(poll.id());
            if (units == null || units.isEmpty()) {
                continue;
            }
            List<Unit> compared = new ArrayList<>();
            int unmatched = 0;
            for (ResultRow u : units) {
                boolean station = u.stationId() != null;
                ResultRow ref = station ? officialStations.find(u) : officialDistricts.get(u.districtId());
                if (ref == null) {
                    unmatched++;
                    issues.add(DataIssue.warning(IssueCode.UNIT_NOT_IN_OFFICIAL, poll.file(), u.line() > 0 ? u.line() : null,
                            station ? "station_id" : "district_id", poll.id() + ": " + (station ? "station " + u.stationId()
                            : "district " + u.districtId()) + " has no official figures to compare with"));
                    continue;
                }
                Unit unit = Unit.of(poll, u, ref, candidates, pair, units.size(), station, params);
                if (unit != null) {
                    compared.add(unit);
                }
            }
            if (compared.isEmpty()) {
                // not one unit compared (station ids written another way, another district list): said once, as a
                // source left out, rather than as a comparison of no units
                boolean station = units.get(0).stationId() != null;
                String what = station ? "stations" : "districts";
                String why = unmatched == units.size()
                        ? (station ? "their ids must be written as in the official station-level file"
                        + (stationRef == null ? ", and the package has none" : " (" + stationRef.file() + ")")
                        : "their ids must be those of the official district figures")
                        : String.format(Locale.ROOT, "%,d are not in the official figures, the other %,d have fewer than"
                        + " two candidates with votes in both", unmatched, units.size() - unmatched);
                issues.add(DataIssue.error(IssueCode.SOURCE_NOT_USED, poll.file(), null, null, String.format(Locale.ROOT,
                        "%s: none of its %,d %s could be compared with the official figures (%s); it is left out of the"
                        + " %s comparison", poll.id(), units.size(), what, why,
                        station ? "station-by-station" : "district-by-district")));
                continue;
            }
            emit(poll, station(compared) ? (stationRef == null ? null : stationRef.id()) : districtRefId, compared, out,
                    flags, params, pair);
        }
        return new Result(out, issues, flags);
    }

    private static boolean station(List<Unit> units) {
        return !units.isEmpty() && units.get(0).station;
    }

    /** The official district-level file to compare with: the final one if it is district-level, else the first. */
    private static Source districtReference(ElectionPackage pkg, Map<String, List<ResultRow>> rows) {
        Source first = null;
        for (Source s : pkg.officialReleases()) {
            if (s.level() == Source.Level.DISTRICT && s.values() == Source.ValueType.VOTES && rows.containsKey(s.id())) {
                if (s.finalRelease()) {
                    return s;
                }
                first = first == null ? s : first;
            }
        }
        return first;
    }

    /** The station ids that the exit polls' station rows name. */
    static Set<String> polledStations(ElectionPackage pkg, Map<String, List<ResultRow>> rows) {
        Set<String> out = new HashSet<>();
        for (Source poll : pkg.exitPolls()) {
            for (ResultRow u : rows.getOrDefault(poll.id(), List.of())) {
                if (u.stationId() != null) {
                    out.add(u.stationId());
                }
            }
        }
        return out;
    }

    /**
     * The official rows of the stations that polls name, found in one pass over the release: an index of a few
     * thousand polled stations rather than of every station. A poll row is matched by its district and station id;
     * a poll row without a district by its station id alone, where that id is not shared by two official stations.
     */
    private record StationIndex(ResultColumns table, Map<StationKey, Integer> byKey, Map<String, Integer> byId) {

        /** The mark of a station id shared by several official stations, while the index is built. */
        private static final int AMBIGUOUS = -1;

        static StationIndex of(OfficialStations stations, Set<String> polled) {
            Map<StationKey, Integer> byKey = new HashMap<>();
            Map<String, Integer> byId = new HashMap<>();
            if (stations == null) {
                return new StationIndex(null, byKey, byId);
            }
            ResultColumns t = stations.table();
            for (int i : polled.isEmpty() ? new int[0] : stations.rows()) {
                String id = t.station(i);
                if (id == null || !polled.contains(id)) {
                    continue;
                }
                byKey.put(new StationKey(t.district(i), id), i);
                // an id two or more official stations share names none of them
                byId.merge(id, i, (a, b) -> AMBIGUOUS);
            }
            byId.values().removeIf(i -> i == AMBIGUOUS);
            return new StationIndex(t, byKey, byId);
        }

        /** The official row of a poll's station row; {@code null} when there is none. */
        ResultRow find(ResultRow u) {
            Integer i = byKey.getOrDefault(StationKey.of(u), u.districtId() == null ? byId.get(u.stationId()) : null);
            return i == null ? null : table.row(i);
        }
    }

    /** The national winner and runner-up: the two candidates with the most votes, ties to the earlier listed. */
    static String[] pair(Map<String, Double> votes, List<String> candidates) {
        String a = null;
        String b = null;
        for (String c : candidates) {
            Double v = votes == null ? null : votes.get(c);
            if (v == null) {
                continue;
            }
            if (a == null || v > votes.get(a)) {
                b = a;
                a = c;
            } else if (b == null || v > votes.get(b)) {
                b = c;
            }
        }
        return new String[] {a, b};
    }

    /** The summed votes of the official units compared with, where the final release names no pair. */
    private static Map<String, Double> referenceTotals(Map<String, List<ResultRow>> rows, OfficialStations stations,
                                                      Source districtRef) {
        if (districtRef != null) {
            return Totals.of(rows.get(districtRef.id())).votes();
        }
        return stations == null ? Map.of() : stations.sums().all().votes();
    }

    /**
     * Respondents behind one unit of a percent file, which publishes shares only. A station: the poll's respondents
     * per station, N / S (N = sample_size, else assumed_sample_size; S = stations_sampled, else the stations the file
     * lists), else the job's respondents-per-station. A district: N / D over the D districts the file lists, N =
     * sample_size, else assumed_sample_size, else respondents-per-station × stations_sampled; respondents-per-station
     * (one station) when none of these is known. Always an assumption (the split is not published).
     */
    static double percentUnitN(Source poll, int unitsInFile, boolean station, AnalysisParameters params) {
        Long published = poll.sampleSize() != null ? poll.sampleSize() : poll.assumedSampleSize();
        Long stations = poll.stationsSampled() != null && poll.stationsSampled() > 0 ? poll.stationsSampled() : null;
        if (station) {
            return published == null ? params.respondentsPerStation()
                    : published / (double) (stations != null ? stations : unitsInFile);
        }
        if (published != null) {
            return published / (double) unitsInFile;
        }
        return stations == null ? params.respondentsPerStation()
                : params.respondentsPerStation() * stations / unitsInFile;
    }

    private static void emit(Source poll, String ref, List<Unit> units, List<Figure> out, List<StationFlag> flags,
                             AnalysisParameters params, String[] pair) {
        double[] p = units.stream().mapToDouble(u -> u.pValue).toArray();
        double[] holm = Holm.adjust(p);
        double[] z = units.stream().mapToDouble(u -> u.pairZ).toArray();
        int judged = QuasiBinomial.units(z);
        double phi = judged >= MIN_UNITS_FOR_FLAGS ? QuasiBinomial.dispersion(z) : Double.NaN;
        double[] t = QuasiBinomial.scaled(z, phi);
        double[] tp = judged >= MIN_UNITS_FOR_FLAGS ? QuasiBinomial.twoSidedP(t, judged) : t;
        double[] tHolm = Holm.adjust(tp);
        double wpeSum = 0;
        int wpeN = 0;
        double lnSum = 0;
        double lnSq = 0;
        int lnN = 0;
        int flagged = 0;
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            String level = u.station ? Figure.LEVEL_STATION : Figure.LEVEL_DISTRICT;
            String id = u.station ? (u.district == null ? "" : u.district + "/") + u.id : u.id;
            for (int c = 0; c < u.candidates.size(); c++) {
                String cand = u.candidates.get(c);
                out.add(fig(poll, ref, level, id, cand, Metric.District.POLL_SHARE, u.p[c]));
                out.add(fig(poll, ref, level, id, cand, Metric.District.OFFICIAL_SHARE, u.v[c]));
                out.add(fig(poll, ref, level, id, cand, Metric.District.DEVIATION_PP, 100 * (u.p[c] - u.v[c])));
            }
            out.add(fig(poll, ref, level, id, null, Metric.District.N, u.n));
            out.add(fig(poll, ref, level, id, null, Metric.District.N_ASSUMED, u.nAssumed ? 1 : 0));
            out.add(fig(poll, ref, level, id, null, Metric.District.CHI2, u.chi2));
            out.add(fig(poll, ref, level, id, null, Metric.District.CHI2_P, u.pValue));
            out.add(fig(poll, ref, level, id, null, Metric.District.P_HOLM, holm[i]));
            out.add(fig(poll, ref, level, id, null, Metric.District.WPE, u.wpe));
            out.add(fig(poll, ref, level, id, null, Metric.District.LN_ALPHA, u.lnAlpha));
            out.add(fig(poll, ref, level, id, null, Metric.District.PAIR_Z, z[i]));
            out.add(fig(poll, ref, level, id, null, Metric.District.PAIR_T, t[i]));
            out.add(fig(poll, ref, level, id, null, Metric.District.PAIR_P, tp[i]));
            out.add(fig(poll, ref, level, id, null, Metric.District.PAIR_P_HOLM, tHolm[i]));
            boolean f = tHolm[i] < params.alpha();
            out.add(fig(poll, ref, level, id, null, Metric.District.FLAGGED, f ? 1 : 0));
            if (Double.isFinite(u.wpe)) {
                wpeSum += u.wpe;
                wpeN++;
            }
            if (Double.isFinite(u.lnAlpha)) {
                lnSum += u.lnAlpha;
                lnSq += u.lnAlpha * u.lnAlpha;
                lnN++;
            }
            if (f) {
                flagged++;
                if (u.station) {
                    flags.add(new StationFlag(poll.id(), poll.file(), u.line, u.district, u.id, null, null, null,
                            String.format(Locale.ROOT, "exit poll %s stands out from its other stations here (ln α %+.2f,"
                                    + " z / √φ %+.1f, p_holm %.2g; WPE %+.1f pp)", poll.id(), u.lnAlpha, t[i], tHolm[i],
                                    u.wpe)));
                }
            }
        }
        boolean stations = station(units);
        if (pair[0] != null && pair[1] != null) {
            out.add(fig(poll, ref, Figure.NATIONAL, null, pair[0], Metric.District.NATIONAL_PAIR_RANK, 1));
            out.add(fig(poll, ref, Figure.NATIONAL, null, pair[1], Metric.District.NATIONAL_PAIR_RANK, 2));
        }
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, stations ? Metric.District.STATIONS_COMPARED
                : Metric.District.DISTRICTS_COMPARED, units.size()));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, stations ? Metric.District.STATIONS_FLAGGED
                : Metric.District.DISTRICTS_FLAGGED, flagged));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, Metric.District.WPE_MEAN, wpeN == 0 ? Double.NaN : wpeSum / wpeN));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, Metric.District.LN_ALPHA_MEAN, lnN == 0 ? Double.NaN : lnSum / lnN));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, Metric.District.LN_ALPHA_SD, lnN < 2 ? Double.NaN
                : Math.sqrt((lnSq - lnSum * lnSum / lnN) / (lnN - 1))));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, Metric.District.DISPERSION, phi));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, Metric.District.DISPERSION_UNITS, judged));
    }

    private static Figure fig(Source poll, String ref, String level, String unit, String candidate,
                              Metric.District metric, double value) {
        return Figure.of(metric, poll.id(), ref, level, unit, candidate, value);
    }

    /** One compared unit. */
    private record Unit(String id, String district, int line, boolean station, List<String> candidates, double[] p,
                        double[] v, double n, boolean nAssumed, double chi2, double pValue, double wpe, double lnAlpha,
                        double pairZ) {

        static Unit of(Source poll, ResultRow u, ResultRow ref, List<String> all, String[] pair, int unitsInFile,
                       boolean station, AnalysisParameters params) {
            List<String> common = all.stream().filter(c -> u.candidates().containsKey(c) && ref.candidates().containsKey(c))
                    .toList();
            double ps = common.stream().mapToDouble(c -> u.candidates().get(c)).sum();
            double vs = common.stream().mapToDouble(c -> ref.candidates().get(c)).sum();
            if (common.size() < 2 || ps <= 0 || vs <= 0) {
                return null;
            }
            double[] p = common.stream().mapToDouble(c -> u.candidates().get(c) / ps).toArray();
            double[] v = common.stream().mapToDouble(c -> ref.candidates().get(c) / vs).toArray();
            boolean assumed = poll.values() == Source.ValueType.PERCENT;
            double n = assumed ? percentUnitN(poll, unitsInFile, station, params) : ps;
            double deff = station ? 1 : params.deffFor(poll);
            double chi2 = GoodnessOfFit.pearson(p, v, n) / deff;
            // the national winner and runner-up, the same pair in every unit (NaN where the unit lacks one of them)
            int a = common.indexOf(pair[0]);
            int b = common.indexOf(pair[1]);
            double wpe = a < 0 || b < 0 ? Double.NaN : WithinPrecinctError.wpe(p[a], p[b], v[a], v[b]);
            double lnAlpha = a < 0 || b < 0 ? Double.NaN : WithinPrecinctError.lnAlpha(p[a], p[b], v[a], v[b]);
            // the split of the pair among the unit's respondents, against the count's split
            double z = a < 0 || b < 0 ? Double.NaN : QuasiBinomial.pairZ(n * p[a], n * p[b], v[a] / (v[a] + v[b]));
            return new Unit(station ? u.stationId() : u.districtId(), u.districtId(), u.line(), station, common, p, v, n,
                    assumed, chi2, GoodnessOfFit.pValue(chi2, common.size() - 1), wpe, lnAlpha, z);
        }
    }
}
