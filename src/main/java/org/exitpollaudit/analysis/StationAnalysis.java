package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.reconcile.DataIssue;

/**
 * Everything below national level: per-station consistency (duplicates rejected, arithmetic flagged), the forensic
 * screening of each official station-level release, the reconciliation of station sums with district and national
 * figures, and the district-by-district and station-by-station comparison of exit polls that publish them.
 */
public final class StationAnalysis {

    /** Figures, issues and flagged stations. */
    public record Result(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags) {
    }

    private StationAnalysis() {
    }

    /**
     * @param rows       staged rows of every district- and station-level source, by source id (file order)
     * @param national   the national row of each national source
     * @param rejected   rows rejected at ingest, by source file
     */
    public static Result run(ElectionPackage pkg, Map<String, List<ResultRow>> rows, Map<String, ResultRow> national,
                             Map<String, Long> rejected, AnalysisParameters params) {
        List<Figure> figures = new ArrayList<>();
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Map<String, List<ResultRow>> clean = new LinkedHashMap<>();
        for (Source s : pkg.sources()) {
            List<ResultRow> r = rows.get(s.id());
            if (r != null) {
                clean.put(s.id(), StationChecks.run(s, r, issues, flags));
            }
        }
        List<String> candidates = pkg.candidates().stream().map(Candidate::id).toList();
        for (Source s : pkg.officialReleases()) {
            if (s.level() != Source.Level.STATION || !clean.containsKey(s.id())) {
                continue;
            }
            List<ResultRow> stations = clean.get(s.id());
            String leader = leader(stations, candidates);
            if (leader == null) {
                continue;
            }
            Forensics.Result f = Forensics.run(s.id(), s.file(), stations, candidates, leader, params.alpha());
            figures.addAll(f.figures());
            flags.addAll(f.flags());
            long duplicates = issues.stream().filter(i -> "ROW_REJECTED".equals(i.code()) && s.file().equals(i.file()))
                    .count();
            figures.addAll(LevelReconciliation.run(pkg, s, stations, clean, national,
                    rejected.getOrDefault(s.file(), 0L) + duplicates, candidates, issues));
        }
        LocalComparison.Result local = LocalComparison.run(pkg, clean, candidates, params);
        figures.addAll(local.figures());
        issues.addAll(local.issues());
        flags.addAll(local.flags());
        return new Result(figures, issues, flags);
    }

    /** The candidate with the most votes over the given rows. */
    static String leader(List<ResultRow> rows, List<String> candidates) {
        Map<String, Double> total = new HashMap<>();
        for (ResultRow r : rows) {
            r.candidates().forEach((c, v) -> total.merge(c, v, Double::sum));
        }
        return candidates.stream().filter(total::containsKey)
                .max((a, b) -> Double.compare(total.get(a), total.get(b))).orElse(null);
    }

    /** Sums of a set of rows: registered, ballots, invalid, valid and each candidate (missing figures count 0). */
    record Totals(double registered, double ballots, double invalid, double valid, Map<String, Double> votes,
                  int units) {
        static Totals of(List<ResultRow> rows) {
            double reg = 0;
            double bal = 0;
            double inv = 0;
            double val = 0;
            Map<String, Double> votes = new LinkedHashMap<>();
            for (ResultRow r : rows) {
                reg += nz(r.registered());
                bal += nz(r.ballotsCast());
                inv += nz(r.invalid());
                val += r.valid() != null ? r.valid() : r.candidateSum() + nz(r.other());
                r.candidates().forEach((c, v) -> votes.merge(c, v, Double::sum));
            }
            return new Totals(reg, bal, inv, val, votes, rows.size());
        }

        static Map<String, Totals> byDistrict(List<ResultRow> rows) {
            Map<String, List<ResultRow>> by = new LinkedHashMap<>();
            for (ResultRow r : rows) {
                if (r.districtId() != null) {
                    by.computeIfAbsent(r.districtId(), d -> new ArrayList<>()).add(r);
                }
            }
            Map<String, Totals> out = new LinkedHashMap<>();
            by.forEach((d, r) -> out.put(d, of(r)));
            return out;
        }
    }

    static double nz(Double d) {
        return d == null ? 0 : d;
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    static Map<String, District> districts(ElectionPackage pkg) {
        Map<String, District> out = new LinkedHashMap<>();
        pkg.districts().forEach(d -> out.put(d.id(), d));
        return out;
    }
}
