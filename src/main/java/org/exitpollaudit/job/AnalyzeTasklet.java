package org.exitpollaudit.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.exitpollaudit.analysis.Figure;
import org.exitpollaudit.analysis.NationalAnalysis;
import org.exitpollaudit.analysis.StationAnalysis;
import org.exitpollaudit.calibration.Calibration;
import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.PublishedPrecision;
import org.exitpollaudit.ingest.RespondentAggregator;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.Table;
import org.exitpollaudit.reconcile.DataIssue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * Stage 4: every figure, computed from the staged rows and stored for the report. Respondent-level exit-poll files
 * are summed here per station, district and nation; from then on such a poll is a poll of counts whose n is its
 * number of respondents (unless sources.csv publishes another).
 */
@Component
public class AnalyzeTasklet implements Tasklet {

    static final String STAGE = "analyze";
    /** Fixed, so that the calibration figures are the same on every run of the same version. */
    static final long CALIBRATION_SEED = 20240207L;

    private static final Logger LOG = LoggerFactory.getLogger("exit-poll-audit");

    private final StagingRepository staging;

    public AnalyzeTasklet(StagingRepository staging) {
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        RunContext ctx = RunContext.of(chunk);
        PackageReader.Result read = PackageReader.read(ctx.input());
        ElectionPackage pkg = read.electionPackage();
        List<DataIssue> issues = new ArrayList<>();
        Map<String, ResultRow> national = new LinkedHashMap<>(NationalRows.load(staging, ctx.run(), pkg).rows());

        // official station-level releases are loaded one at a time by the station analysis; the rest here
        List<Source> below = pkg.sources().stream().filter(s -> s.level() == Source.Level.DISTRICT
                || s.level() == Source.Level.STATION && !s.isOfficial()).toList();
        long t0 = System.nanoTime();
        Map<String, List<ResultRow>> rows = staging.rows(ctx.run(), below.stream().map(Source::id).toList()).stream()
                .collect(Collectors.groupingBy(ResultRow::sourceId, LinkedHashMap::new, Collectors.toList()));
        t0 = lap("district and station rows loaded from staging", t0);

        List<Source> sources = new ArrayList<>();
        List<String> order = pkg.candidates().stream().map(Candidate::id).toList();
        for (Source s : pkg.sources()) {
            if (s.level() != Source.Level.RESPONDENT) {
                sources.add(s);
                continue;
            }
            RespondentAggregator.Result r;
            try (Table t = Table.open(pkg.resolve(s), s.file())) {
                r = RespondentAggregator.read(s, t, read.resolver(), order);
            }
            issues.addAll(r.issues());
            national.put(s.id(), r.national());
            rows.put(s.id(), r.stations().isEmpty() ? r.districts() : r.stations());
            sources.add(asNational(s, s.sampleSize() != null ? s.sampleSize() : (Long) r.respondents()));
        }
        ElectionPackage analysed = new ElectionPackage(pkg.root(), pkg.election(), pkg.candidates(), pkg.districts(),
                sources);

        Map<String, Long> rejected = staging.issues(ctx.run()).stream().filter(i -> "ROW_REJECTED".equals(i.code()))
                .collect(Collectors.groupingBy(DataIssue::file, Collectors.counting()));
        StationAnalysis.Result local = StationAnalysis.run(analysed, rows, id -> staging.rows(ctx.run(), List.of(id)),
                new LinkedHashMap<>(national), rejected, ctx.params());
        t0 = lap("station checks, forensics, reconciliation and local comparison", t0);

        // a package that publishes no national figures of its own (no national-level official release; a poll
        // whose organization has no national-level source) is compared nationally through the sums of its rows
        boolean officialNational = sources.stream().anyMatch(s -> s.isOfficial() && s.level() == Source.Level.NATIONAL);
        Set<String> pollsters = sources.stream().filter(s -> s.isExitPoll() && s.level() == Source.Level.NATIONAL)
                .map(Source::organization).collect(Collectors.toSet());
        List<Source> compared = new ArrayList<>();
        for (Source s : sources) {
            ResultRow sum = local.sums().get(s.id());
            boolean summed = (s.level() == Source.Level.DISTRICT || s.level() == Source.Level.STATION) && sum != null
                    && s.values() == Source.ValueType.VOTES && !national.containsKey(s.id())
                    && (s.isOfficial() ? !officialNational : !pollsters.contains(s.organization()));
            if (summed) {
                national.put(s.id(), sum);
                long respondents = Math.round(sum.valid() != null ? sum.valid() : sum.candidateSum());
                compared.add(asNational(s, s.isOfficial() || s.sampleSize() != null ? s.sampleSize() : (Long) respondents));
            } else {
                compared.add(s);
            }
        }
        Map<String, Double> precision = new LinkedHashMap<>();
        for (Source s : compared) {
            if (s.isExitPoll() && s.level() == Source.Level.NATIONAL && national.containsKey(s.id())) {
                precision.put(s.id(), PublishedPrecision.of(pkg, s, read.resolver()));
            }
        }
        // an exit poll is a cluster sample of stations: where the poll (or its organization, for a national topline
        // published beside its station counts) has station counts, its design effects are estimated from them
        Map<String, List<ResultRow>> byOrganization = new LinkedHashMap<>();
        for (Source s : sources) {
            List<ResultRow> own = rows.get(s.id());
            if (s.isExitPoll() && own != null && !own.isEmpty() && own.get(0).stationId() != null
                    && (s.values() == Source.ValueType.VOTES || s.level() == Source.Level.RESPONDENT)) {
                byOrganization.putIfAbsent(s.organization(), own);
            }
        }
        Map<String, List<ResultRow>> pollStations = new LinkedHashMap<>();
        for (Source s : compared) {
            if (s.isExitPoll() && s.level() == Source.Level.NATIONAL && byOrganization.containsKey(s.organization())) {
                pollStations.put(s.id(), byOrganization.get(s.organization()));
            }
        }
        NationalAnalysis.Result nationalResult = NationalAnalysis.run(new ElectionPackage(pkg.root(), pkg.election(),
                pkg.candidates(), pkg.districts(), compared), national, precision, pollStations, ctx.params());
        t0 = lap("national comparison", t0);

        List<Figure> figures = new ArrayList<>(nationalResult.figures());
        figures.addAll(local.figures());
        if (local.figures().stream().anyMatch(f -> Figure.FORENSICS.equals(f.section()))) {
            // how often the screening tests cry wolf, and how often they catch what they are meant for (Methods)
            figures.addAll(Calibration.figures(CALIBRATION_SEED, 40, 1000, ctx.params().alpha()));
            t0 = lap("calibration on simulated elections", t0);
        }
        issues.addAll(nationalResult.issues());
        issues.addAll(local.issues());
        staging.replaceFigures(ctx.run(), figures);
        staging.replaceFlags(ctx.run(), local.flags());
        staging.deleteIssues(ctx.run(), STAGE);
        staging.addIssues(ctx.run(), STAGE, issues);
        lap(figures.size() + " figures staged", t0);
        contribution.incrementWriteCount(figures.size());
        return RepeatStatus.FINISHED;
    }

    /** A district-, station- or respondent-level source as the national comparison sees it: its sum, in votes. */
    private static Source asNational(Source s, Long sampleSize) {
        return new Source(s.id(), s.kind(), s.organization(), s.publishedAt(), Source.Level.NATIONAL,
                Source.ValueType.VOTES, s.file(), sampleSize, s.stationsSampled(), s.districtsSampled(),
                s.stationsCounted(), s.countedPct(), s.finalRelease(), Source.ShareBase.VALID, s.url(), s.notes(),
                s.assumedSampleSize(), s.deff(), s.line());
    }

    private static long lap(String what, long since) {
        long now = System.nanoTime();
        LOG.info("  analyze: {} in {} ms", what, (now - since) / 1_000_000);
        return now;
    }
}
