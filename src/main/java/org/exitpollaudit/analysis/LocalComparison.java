package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.reconcile.DataIssue;
import org.exitpollaudit.stats.GoodnessOfFit;
import org.exitpollaudit.stats.Holm;
import org.exitpollaudit.stats.WithinPrecinctError;

/**
 * Exit polls that publish district or station figures, compared unit by unit with the official figures of the
 * same unit (section {@code district}). Per unit: shares, deviations, Pearson X² of the poll's counts against
 * the official shares, Holm-adjusted across the poll's units, and the Edison/Mitofsky within-precinct error WPE and
 * ln α. Within one station the respondents are a sample of that station's voters, so no design effect applies;
 * for districts (clusters of stations) the job's design effect does.
 */
final class LocalComparison {

    record Result(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags) {
    }

    private LocalComparison() {
    }

    static Result run(ElectionPackage pkg, Map<String, List<ResultRow>> rows, List<String> candidates,
                      AnalysisParameters params) {
        List<Figure> out = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Source stationRef = reference(pkg, rows, Source.Level.STATION);
        Source districtRef = reference(pkg, rows, Source.Level.DISTRICT);
        int size = stationRef == null ? 16 : 2 * rows.get(stationRef.id()).size();
        Map<StationKey, ResultRow> officialStations = new HashMap<>(size);
        Map<String, ResultRow> officialStationsById = new HashMap<>(size);
        if (stationRef != null) {
            for (ResultRow r : rows.get(stationRef.id())) {
                officialStations.put(StationKey.of(r), r);
                officialStationsById.merge(r.stationId(), r, (a, b) -> null);
            }
        }
        Map<String, ResultRow> officialDistricts = new HashMap<>();
        String districtRefId = null;
        if (districtRef != null) {
            rows.get(districtRef.id()).forEach(r -> officialDistricts.put(r.districtId(), r));
            districtRefId = districtRef.id();
        } else if (stationRef != null) {
            StationAnalysis.Totals.byDistrict(rows.get(stationRef.id())).forEach((d, t) -> officialDistricts.put(d,
                    new ResultRow(stationRef.id(), 0, d, null, t.registered(), t.ballots(), t.invalid(), t.valid(), null,
                            null, t.votes())));
            districtRefId = stationRef.id();
        }
        for (Source poll : pkg.exitPolls()) {
            List<ResultRow> units = rows.get(poll.id());
            if (units == null || units.isEmpty()) {
                continue;
            }
            List<Unit> compared = new ArrayList<>();
            for (ResultRow u : units) {
                boolean station = u.stationId() != null;
                ResultRow ref = station ? officialStations.getOrDefault(StationKey.of(u),
                        u.districtId() == null ? officialStationsById.get(u.stationId()) : null)
                        : officialDistricts.get(u.districtId());
                if (ref == null) {
                    issues.add(DataIssue.warning("UNIT_NOT_IN_OFFICIAL", poll.file(), u.line() > 0 ? u.line() : null,
                            station ? "station_id" : "district_id", poll.id() + ": " + (station ? "station " + u.stationId()
                            : "district " + u.districtId()) + " has no official figures to compare with"));
                    continue;
                }
                Unit unit = Unit.of(poll, u, ref, candidates, station, params);
                if (unit != null) {
                    compared.add(unit);
                }
            }
            emit(poll, station(compared) ? (stationRef == null ? null : stationRef.id()) : districtRefId, compared, out,
                    flags, params);
        }
        return new Result(out, issues, flags);
    }

    private static boolean station(List<Unit> units) {
        return !units.isEmpty() && units.get(0).station;
    }

    /** The official file of a level to compare with: the final one if it is of that level, else the first. */
    private static Source reference(ElectionPackage pkg, Map<String, List<ResultRow>> rows, Source.Level level) {
        Source first = null;
        for (Source s : pkg.officialReleases()) {
            if (s.level() == level && s.values() == Source.ValueType.VOTES && rows.containsKey(s.id())) {
                if (s.finalRelease()) {
                    return s;
                }
                first = first == null ? s : first;
            }
        }
        return first;
    }

    private static void emit(Source poll, String ref, List<Unit> units, List<Figure> out, List<StationFlag> flags,
                             AnalysisParameters params) {
        double[] p = units.stream().mapToDouble(u -> u.pValue).toArray();
        double[] holm = Holm.adjust(p);
        double wpeSum = 0;
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
                out.add(fig(poll, ref, level, id, cand, "poll_share", u.p[c]));
                out.add(fig(poll, ref, level, id, cand, "official_share", u.v[c]));
                out.add(fig(poll, ref, level, id, cand, "deviation_pp", 100 * (u.p[c] - u.v[c])));
            }
            out.add(fig(poll, ref, level, id, null, "n", u.n));
            out.add(fig(poll, ref, level, id, null, "n_assumed", u.nAssumed ? 1 : 0));
            out.add(fig(poll, ref, level, id, null, "chi2", u.chi2));
            out.add(fig(poll, ref, level, id, null, "chi2_p", u.pValue));
            out.add(fig(poll, ref, level, id, null, "p_holm", holm[i]));
            out.add(fig(poll, ref, level, id, null, "wpe", u.wpe));
            out.add(fig(poll, ref, level, id, null, "ln_alpha", u.lnAlpha));
            boolean f = holm[i] < params.alpha();
            out.add(fig(poll, ref, level, id, null, "flagged", f ? 1 : 0));
            wpeSum += u.wpe;
            if (Double.isFinite(u.lnAlpha)) {
                lnSum += u.lnAlpha;
                lnSq += u.lnAlpha * u.lnAlpha;
                lnN++;
            }
            if (f) {
                flagged++;
                if (u.station) {
                    flags.add(new StationFlag(poll.id(), poll.file(), u.line, u.district, u.id, null, null, null,
                            String.format(Locale.ROOT, "exit poll %s differs from the count here (WPE %+.1f pp, p_holm %.2g)",
                                    poll.id(), u.wpe, holm[i])));
                }
            }
        }
        String level = station(units) ? Figure.LEVEL_STATION : Figure.LEVEL_DISTRICT;
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, level + "s_compared", units.size()));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, level + "s_flagged", flagged));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, "wpe_mean", units.isEmpty() ? Double.NaN : wpeSum / units.size()));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, "ln_alpha_mean", lnN == 0 ? Double.NaN : lnSum / lnN));
        out.add(fig(poll, ref, Figure.NATIONAL, null, null, "ln_alpha_sd", lnN < 2 ? Double.NaN
                : Math.sqrt((lnSq - lnSum * lnSum / lnN) / (lnN - 1))));
    }

    private static Figure fig(Source poll, String ref, String level, String unit, String candidate, String metric,
                              double value) {
        return new Figure(Figure.DISTRICT, poll.id(), ref, level, unit, candidate, metric, value);
    }

    /** One compared unit. */
    private record Unit(String id, String district, int line, boolean station, List<String> candidates, double[] p,
                        double[] v, double n, boolean nAssumed, double chi2, double pValue, double wpe, double lnAlpha) {

        static Unit of(Source poll, ResultRow u, ResultRow ref, List<String> all, boolean station,
                       AnalysisParameters params) {
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
            double n = assumed ? params.respondentsPerStation() : ps;
            double deff = station ? 1 : (poll.deff() != null ? poll.deff() : params.deff());
            double chi2 = GoodnessOfFit.pearson(p, v, n) / deff;
            // the official winner and runner-up of the unit
            int a = Comparison.argMax(v, -1);
            int b = Comparison.argMax(v, a);
            return new Unit(station ? u.stationId() : u.districtId(), u.districtId(), u.line(), station, common, p, v, n,
                    assumed, chi2, GoodnessOfFit.pValue(chi2, common.size() - 1),
                    WithinPrecinctError.wpe(p[a], p[b], v[a], v[b]), WithinPrecinctError.lnAlpha(p[a], p[b], v[a], v[b]));
        }
    }
}
