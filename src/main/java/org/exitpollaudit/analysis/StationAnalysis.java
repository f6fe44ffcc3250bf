package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultColumns;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Everything below national level: per-station consistency (duplicates rejected, arithmetic flagged), the forensic
 * screening of each official station-level release, the reconciliation of station sums with district and national
 * figures, and the district-by-district and station-by-station comparison of exit polls that publish them.
 */
public final class StationAnalysis {

    /**
     * Figures, issues and flagged stations.
     *
     * @param sums national sums of each district- or station-level source that has rows (registered, ballots,
     *             invalid, valid and each candidate over its units), for packages that publish no national figures
     */
    public record Result(List<Figure> figures, List<DataIssue> issues, List<StationFlag> flags,
                         Map<String, ResultRow> sums) {
    }

    /**
     * One official station-level release: its results, its sums, and for the reference of the local comparison the
     * rows that passed the checks (for another release {@code null}, so that its table can go).
     */
    private record Release(Result result, Totals totals, LocalComparison.OfficialStations kept) {
    }

    private StationAnalysis() {
    }

    /**
     * @param rows     staged rows of every district- and station-level source except the official station-level
     *                 releases, by source id (file order); these files are small
     * @param stations loads the staged table of one official station-level release (they can be large, so they are
     *                 read one release at a time and only the reference for the local comparison is kept)
     * @param national the national row of each national source
     * @param rejected rows rejected at ingest, by source file
     * @param progress told the name of each part as it finishes (for timing logs)
     */
    public static Result run(ElectionPackage pkg, Map<String, List<ResultRow>> rows,
                             Function<String, ResultColumns> stations, Map<String, ResultRow> national,
                             Map<String, Long> rejected, AnalysisParameters params, Consumer<String> progress) {
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        Map<String, List<ResultRow>> clean = new LinkedHashMap<>();
        for (Source s : pkg.sources()) {
            List<ResultRow> r = rows.get(s.id());
            if (r != null) {
                clean.put(s.id(), StationChecks.run(s, r, issues, flags));
            }
        }
        progress.accept("district and poll rows checked");
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
        LocalComparison.OfficialStations referenceStations = null;
        // the releases repeat most stations: their screenings share the memos of the exact probabilities
        Forensics.Memos memos = new Forensics.Memos();
        for (Source s : order) {
            // loaded inside release(): no variable here holds a release's table while the next one loads
            Release one = release(pkg, s, stations, s == reference, clean, national, rejected, candidates, params,
                    memos, progress);
            if (one == null) {
                continue;
            }
            bySource.put(s.id(), one.result());
            sums.put(s.id(), sum(s.id(), one.totals()));
            if (s == reference) {
                referenceStations = one.kept();
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
        LocalComparison.Result local = LocalComparison.run(pkg, clean, referenceStations, candidates,
                finalVotes(pkg, national, sums), params);
        figures.addAll(local.figures());
        issues.addAll(local.issues());
        flags.addAll(local.flags());
        progress.accept("local comparison");
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

    /**
     * Checks, reconciliation and forensics of one official station-level release; {@code null} when it has no rows.
     *
     * @param keep whether to keep the checked rows (the reference of the local comparison)
     */
    private static Release release(ElectionPackage pkg, Source s, Function<String, ResultColumns> stations,
                                   boolean keep, Map<String, List<ResultRow>> clean, Map<String, ResultRow> national,
                                   Map<String, Long> rejected, List<String> candidates, AnalysisParameters params,
                                   Forensics.Memos memos, Consumer<String> progress) {
        ResultColumns table = stations.apply(s.id());
        if (table == null || table.size() == 0) {
            return null;
        }
        progress.accept(s.id() + ": " + table.size() + " rows loaded");
        List<DataIssue> issues = new ArrayList<>();
        List<StationFlag> flags = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        int[] kept = StationChecks.run(s, table, issues, flags);
        Totals.WithDistricts sums = Totals.withDistricts(table, kept);
        String leader = leader(sums.all().votes(), candidates);
        progress.accept(s.id() + ": checks and sums");
        if (leader != null) {
            long rejectedRows = rejected.getOrDefault(s.file(), 0L)
                    + issues.stream().filter(i -> i.is(IssueCode.ROW_REJECTED)).count();
            // the screening's figures come first, then the reconciliation's (figures.csv keeps one order)
            List<DataIssue> levelIssues = new ArrayList<>();
            List<Figure> level = LevelReconciliation.run(pkg, s, sums, clean, national, rejectedRows, candidates,
                    levelIssues);
            progress.accept(s.id() + ": reconciliation");
            Forensics.Result f = Forensics.run(s.id(), s.file(), table, kept, candidates, leader, params.alpha(),
                    memos);
            figures.addAll(f.figures());
            flags.addAll(f.flags());
            figures.addAll(level);
            issues.addAll(levelIssues);
            progress.accept(s.id() + ": forensics");
        }
        return new Release(new Result(figures, issues, flags, Map.of()), sums.all(),
                keep ? new LocalComparison.OfficialStations(s, table, kept) : null);
    }

    /** The candidate with the most votes. */
    static String leader(Map<String, Double> votes, List<String> candidates) {
        return candidates.stream().filter(votes::containsKey)
                .max((a, b) -> Double.compare(votes.get(a), votes.get(b))).orElse(null);
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
