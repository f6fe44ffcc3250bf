package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.VoteTotals;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Everything below national level: per-station consistency (duplicates rejected, arithmetic flagged), the forensic
 * screening of each official station-level release, the reconciliation of station sums with district and national
 * figures, and the district-by-district and station-by-station comparison of exit polls that publish them.
 */
public final class StationAnalysis {

    /** Figures, issues and flagged stations. */
    /**
     * @param sums national sums of each district- or station-level source that has rows (registered, ballots,
     *             invalid, valid and each candidate over its units), for packages that publish no national figures
     */
    public record Result(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                         Map<String, ResultRow> sums) {
    }

    /** One official station-level release: its results, the rows that passed the checks and their sums. */
    private record Release(Result result, List<ResultRow> kept, Totals totals) {
    }

    private StationAnalysis() {
    }

    /**
     * @param rows       staged rows of every district- and station-level source except the official station-level
     *                   releases, by source id (file order)
     * @param stations   loads the staged rows of one official station-level release (they can be large, so they are
     *                   read one release at a time and only the reference for the local comparison is kept)
     * @param national   the national row of each national source
     * @param rejected   rows rejected at ingest, by source file
     */
    public static Result run(ElectionPackage pkg, Map<String, List<ResultRow>> rows,
                             Function<String, List<ResultRow>> stations, Map<String, ResultRow> national,
                             Map<String, Long> rejected, AnalysisParameters params) {
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
        List<Source> releases = pkg.officialReleases().stream().filter(s -> s.level() == Source.Level.STATION).toList();
        Source reference = releases.stream().filter(s -> s.values() == Source.ValueType.VOTES)
                .min(Comparator.comparing(s -> !s.finalRelease())).orElse(null);
        // the reference last, so that only one release is in memory at a time; results in package order
        List<Source> order = new ArrayList<>(releases);
        if (reference != null) {
            order.remove(reference);
            order.add(reference);
        }
        Map<String, ResultRow> sums = new LinkedHashMap<>();
        clean.forEach((id, r) -> sums.put(id, sum(id, Totals.of(r))));
        Map<String, Result> bySource = new HashMap<>();
        // the releases repeat most stations: their screenings share the memos of the exact probabilities
        Forensics.Memos memos = new Forensics.Memos();
        for (Source s : order) {
            List<ResultRow> loaded = stations.apply(s.id());
            if (loaded == null || loaded.isEmpty()) {
                continue;
            }
            Release one = release(pkg, s, loaded, clean, national, rejected, candidates, params, memos);
            bySource.put(s.id(), one.result());
            sums.put(s.id(), sum(s.id(), one.totals()));
            if (s == reference) {
                clean.put(s.id(), one.kept());
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (Source s : releases) {
            Result one = bySource.get(s.id());
            if (one != null) {
                figures.addAll(one.figures());
                issues.addAll(one.issues());
                flags.addAll(one.flags());
            }
        }
        LocalComparison.Result local = LocalComparison.run(pkg, clean, candidates, finalVotes(pkg, national, sums),
                params);
        figures.addAll(local.figures());
        issues.addAll(local.issues());
        flags.addAll(local.flags());
        return new Result(figures, issues, flags, sums);
    }

    /**
     * The final release's national figures by candidate (its national row, else the sum of its district or station
     * rows); {@code null} when there is no final release with figures.
     */
    private static Map<String, Double> finalVotes(ElectionPackage pkg, Map<String, ResultRow> national,
                                                  Map<String, ResultRow> sums) {
        for (Source s : pkg.officialReleases()) {
            if (s.finalRelease()) {
                ResultRow r = national.containsKey(s.id()) ? national.get(s.id()) : sums.get(s.id());
                return r == null ? null : r.candidates();
            }
        }
        return null;
    }

    /** A source's rows summed to one national row (line 0). */
    private static ResultRow sum(String id, Totals t) {
        return new ResultRow(id, 0, null, null, t.registered(), t.ballots(), t.invalid(), t.valid(), null, null,
                t.votes());
    }

    /** Checks, forensics and reconciliation of one official station-level release. */
    private static Release release(ElectionPackage pkg, Source s, List<ResultRow> loaded,
                                  Map<String, List<ResultRow>> clean, Map<String, ResultRow> national,
                                  Map<String, Long> rejected, List<String> candidates, AnalysisParameters params,
                                  Forensics.Memos memos) {
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        List<ResultRow> kept = StationChecks.run(s, loaded, issues, flags);
        Totals totals = Totals.of(kept);
        String leader = leader(totals.votes(), candidates);
        if (leader != null) {
            long rejectedRows = rejected.getOrDefault(s.file(), 0L)
                    + issues.stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).count();
            // the reconciliation with district and national figures does not depend on the screening: it runs on
            // another core meanwhile, and its figures and issues are added after the screening's, so that
            // figures.csv and the data-issue log list them in one order whichever finishes first
            List<DataIssue> levelIssues = new ArrayList<>();
            CompletableFuture<List<Figure>> level = CompletableFuture.supplyAsync(() -> LevelReconciliation.run(pkg, s,
                    kept, totals, clean, national, rejectedRows, candidates, levelIssues));
            Forensics.Result f = Forensics.run(s.id(), s.file(), ResultColumns.of(s.id(), kept),
                    IntStream.range(0, kept.size()).toArray(), candidates, leader, params.alpha(), memos);
            figures.addAll(f.figures());
            flags.addAll(f.flags());
            figures.addAll(level.join());
            issues.addAll(levelIssues);
        }
        return new Release(new Result(figures, issues, flags, Map.of()), kept, totals);
    }

    /** The candidate with the most votes. */
    static String leader(Map<String, Double> votes, List<String> candidates) {
        return candidates.stream().filter(votes::containsKey)
                .max((a, b) -> Double.compare(votes.get(a), votes.get(b))).orElse(null);
    }

    /** Sums of a set of rows: registered, ballots, invalid, valid and each candidate (missing figures count 0). */
    record Totals(double registered, double ballots, double invalid, double valid, Map<String, Double> votes,
                  int units) {
        static Totals of(List<ResultRow> rows) {
            double reg = 0;
            double bal = 0;
            double inv = 0;
            double val = 0;
            VoteTotals votes = new VoteTotals();
            for (ResultRow r : rows) {
                reg += nz(r.registered());
                bal += nz(r.ballotsCast());
                inv += nz(r.invalid());
                val += r.valid() != null ? r.valid() : r.candidateSum() + nz(r.other());
                votes.add(r.candidates());
            }
            return new Totals(reg, bal, inv, val, votes.totals(), rows.size());
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
