package org.exitpollaudit.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.InputException;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.PublishedPrecision;
import org.exitpollaudit.ingest.RespondentAggregator;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * Every figure of a package from its loaded rows, in the order the analysis needs them: respondent files summed per
 * station, district and nation (from then on such a poll is a poll of counts whose n is its number of respondents,
 * unless sources.csv publishes another); the station-level analysis; the national comparison of every poll with
 * every release, through the sums of its rows for a source without national figures of its own. Nothing is
 * simulated here: how the tests behave on simulated elections is the calibration table shipped in the jar.
 */
public final class PackageAnalysis {

    /**
     * What the analysis of one run gives back (the station analysis's figures and the flagged stations went to the
     * caller as they were computed).
     *
     * @param nationalFigures the national comparison's figures, which come before the station analysis's in
     *                        figures.csv
     * @param issues          the notes of the analysis
     */
    public record Result(List<Figure> nationalFigures, List<DataIssue> issues) {
    }

    private PackageAnalysis() {
    }

    /**
     * @param national       the one national row of each national-level source that has one
     * @param below          the loaded rows of district-level sources and of station-level exit polls, by source id
     * @param officialBlocks reads the staged blocks of an official station-level release (a block at a time, to
     *                       bound memory)
     * @param staged         the issues the earlier stages recorded (the rows rejected at ingest among them)
     * @param afterReading   called with a respondent file's table once it has been read through (to check that the
     *                       file is still the one the run fingerprinted)
     * @param progress       told the name of each part as it finishes (for timing logs)
     * @param stations       given the station analysis's figures and flagged stations as they are computed, in
     *                       their order; its figures come after the result's (the national comparison's, computed
     *                       last from the stations' sums)
     */
    public static Result run(PackageReader.Result read, Map<String, ResultRow> national,
                             Map<String, List<ResultRow>> below, StationAnalysis.Blocks officialBlocks,
                             List<DataIssue> staged, AnalysisParameters params,
                             BiConsumer<Source, Table> afterReading, Consumer<String> progress,
                             StationAnalysis.Sink stations) {
        ElectionPackage pkg = read.electionPackage();
        Map<String, Long> rejectedByFile = staged.stream().filter(i -> i.is(IssueCode.ROW_REJECTED))
                .collect(Collectors.groupingBy(DataIssue::file, Collectors.counting()));
        List<DataIssue> issues = new ArrayList<>();
        Map<String, ResultRow> nationalRows = new LinkedHashMap<>(national);
        Map<String, List<ResultRow>> rows = new LinkedHashMap<>(below);
        List<Source> sources = respondentsSummed(read, nationalRows, rows, afterReading, issues);
        progress.accept("respondent files summed");
        ElectionPackage analysed = new ElectionPackage(pkg.root(), pkg.election(), pkg.candidates(), pkg.districts(),
                sources);
        Set<String> compared = new HashSet<>();
        StationAnalysis.Summary local = StationAnalysis.run(analysed, rows, officialBlocks,
                new LinkedHashMap<>(nationalRows), rejectedByFile, params, progress, StationAnalysis.Sink.of(figures -> {
                    // the sources compared (a source's figures come together: one set lookup per run of them)
                    String last = null;
                    for (Figure f : figures) {
                        if (!f.source().equals(last)) {
                            last = f.source();
                            compared.add(last);
                        }
                    }
                    stations.figures(figures);
                }, stations::flags));

        List<Source> nationalSources = comparedNationally(sources, local.sums(), nationalRows, issues);
        Map<String, Double> precision = new LinkedHashMap<>();
        for (Source s : nationalSources) {
            if (s.isExitPoll() && s.level() == Source.Level.NATIONAL && nationalRows.containsKey(s.id())) {
                precision.put(s.id(), PublishedPrecision.of(pkg, s, read.resolver()));
            }
        }
        NationalAnalysis.Result nationalResult = NationalAnalysis.run(new ElectionPackage(pkg.root(), pkg.election(),
                        pkg.candidates(), pkg.districts(), nationalSources), nationalRows, precision,
                pollStations(sources, nationalSources, rows), params);
        progress.accept("national comparison");

        List<Figure> figures = nationalResult.figures();
        figures.forEach(f -> compared.add(f.source()));
        issues.addAll(nationalResult.issues());
        issues.addAll(local.issues());
        requireAComparedPoll(pkg, compared, issues, staged);
        return new Result(figures, issues);
    }

    /**
     * A package none of whose exit polls could be compared (every row of every poll rejected, no candidate in
     * common with any release) is bad input, not a report: a workbook of no comparison would be published with
     * exit code 0 and read as an answer. The stop lists why each poll was left out, with at most
     * {@value #REASONS_PER_FILE} rejected rows per file (all of them are in the next run's report once it is fixed).
     */
    static void requireAComparedPoll(ElectionPackage pkg, Set<String> compared, List<DataIssue> issues,
                                     List<DataIssue> staged) {
        if (pkg.exitPolls().isEmpty() || pkg.exitPolls().stream().anyMatch(p -> compared.contains(p.id()))) {
            return;
        }
        List<DataIssue> problems = new ArrayList<>();
        problems.add(DataIssue.fatal(IssueCode.NO_POLL_COMPARED, PackageReader.SOURCES, null, null, "none of the "
                + pkg.exitPolls().size() + " exit polls could be compared with an official release; why:"));
        Set<String> pollFiles = pkg.exitPolls().stream().map(Source::file).collect(Collectors.toSet());
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (DataIssue i : java.util.stream.Stream.concat(staged.stream(), issues.stream()).toList()) {
            if (i.severity() == DataIssue.Severity.ERROR && i.file() != null && pollFiles.contains(i.file())
                    && perFile.merge(i.file(), 1, Integer::sum) <= REASONS_PER_FILE) {
                problems.add(i);
            }
        }
        perFile.forEach((file, n) -> {
            if (n > REASONS_PER_FILE) {
                problems.add(DataIssue.fatal(IssueCode.NO_POLL_COMPARED, file, null, null, "… and " + (n - REASONS_PER_FILE)
                        + " more errors in this file"));
            }
        });
        throw new InputException(problems);
    }

    private static final int REASONS_PER_FILE = 10;


    /** The package's sources with each respondent-level one replaced by its sum (its rows go into the maps). */
    private static List<Source> respondentsSummed(PackageReader.Result read, Map<String, ResultRow> national,
                                                  Map<String, List<ResultRow>> rows,
                                                  BiConsumer<Source, Table> afterReading, List<DataIssue> issues) {
        ElectionPackage pkg = read.electionPackage();
        List<String> order = pkg.candidates().stream().map(Candidate::id).toList();
        List<Source> sources = new ArrayList<>();
        for (Source s : pkg.sources()) {
            if (s.level() != Source.Level.RESPONDENT) {
                sources.add(s);
                continue;
            }
            RespondentAggregator.Result r;
            try (Table t = Table.open(pkg.resolve(s), s.file())) {
                r = RespondentAggregator.read(s, t, read.resolver(), order);
                afterReading.accept(s, t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            issues.addAll(r.issues());
            if (r.national() == null) {
                continue;
            }
            national.put(s.id(), r.national());
            rows.put(s.id(), r.stations().isEmpty() ? r.districts() : r.stations());
            sources.add(s.summedNationally(s.sampleSize() != null ? s.sampleSize() : (Long) r.respondents()));
        }
        return sources;
    }

    /**
     * The sources as the national comparison sees them: a package that publishes no national figures of its own (no
     * national-level official release; a poll whose organization has no national-level source) is compared through
     * the sums of its rows.
     */
    private static List<Source> comparedNationally(List<Source> sources, Map<String, ResultRow> sums,
                                                   Map<String, ResultRow> national, List<DataIssue> issues) {
        boolean officialNational = sources.stream().anyMatch(s -> s.isOfficial() && s.level() == Source.Level.NATIONAL);
        Set<String> pollsters = sources.stream().filter(s -> s.isExitPoll() && s.level() == Source.Level.NATIONAL)
                .map(Source::organization).collect(Collectors.toSet());
        List<Source> compared = new ArrayList<>();
        for (Source s : sources) {
            ResultRow sum = sums.get(s.id());
            boolean summed = (s.level() == Source.Level.DISTRICT || s.level() == Source.Level.STATION) && sum != null
                    && s.values() == Source.ValueType.VOTES && !national.containsKey(s.id())
                    && (s.isOfficial() ? !officialNational : !pollsters.contains(s.organization()));
            if (summed && sum.candidateSum() == 0) {
                // rows may be all zeros one by one (a station that did not open); their sum cannot be compared
                String why = s.id() + ": the " + s.level().name().toLowerCase(java.util.Locale.ROOT) + " rows add up to"
                        + " 0 votes for every candidate";
                if (s.isOfficial() && s.finalRelease()) {
                    throw new InputException(List.of(DataIssue.fatal(IssueCode.NO_FINAL_DATA, s.file(), null, null, why
                            + ": nothing to compare the polls with")));
                }
                issues.add(DataIssue.error(IssueCode.SOURCE_NOT_USED, s.file(), null, null, why + "; it is left out of the"
                        + " national comparison"));
                compared.add(s);
            } else if (summed) {
                national.put(s.id(), sum);
                long respondents = Math.round(sum.valid() != null ? sum.valid() : sum.candidateSum());
                compared.add(s.summedNationally(s.isOfficial() || s.sampleSize() != null ? s.sampleSize() : (Long) respondents));
            } else {
                compared.add(s);
            }
        }
        return compared;
    }

    /**
     * An exit poll is a cluster sample of stations: where the poll, or its organization for a national topline
     * published beside its station counts, has station counts, its design effects are estimated from them.
     */
    private static Map<String, List<ResultRow>> pollStations(List<Source> sources, List<Source> compared,
                                                             Map<String, List<ResultRow>> rows) {
        Map<String, List<ResultRow>> byOrganization = new LinkedHashMap<>();
        for (Source s : sources) {
            List<ResultRow> own = rows.get(s.id());
            if (s.isExitPoll() && own != null && !own.isEmpty() && own.get(0).stationId() != null
                    && s.values() == Source.ValueType.VOTES) {
                byOrganization.putIfAbsent(s.organization(), own);
            }
        }
        Map<String, List<ResultRow>> out = new LinkedHashMap<>();
        for (Source s : compared) {
            if (s.isExitPoll() && s.level() == Source.Level.NATIONAL && byOrganization.containsKey(s.organization())) {
                out.put(s.id(), byOrganization.get(s.organization()));
            }
        }
        return out;
    }
}
