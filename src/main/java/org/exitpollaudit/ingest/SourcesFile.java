package org.exitpollaudit.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

import static org.exitpollaudit.ingest.PackageReader.SOURCES;

/**
 * Reads {@code sources.csv}: one row per release or poll, with its file, level, unit and sample; checks that each
 * file is inside the package, and that the set of sources has exactly one final release and at least one poll.
 */
final class SourcesFile {

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2})?)?");
    /** What a final (certified) release covers: everything. */
    private static final double COMPLETE_PCT = 100;
    private static final List<String> SOURCE_REQUIRED =
            List.of("source_id", "kind", "organization", "published_at", "level", "values", "file");

    private final List<DataIssue> issues;
    private final ManifestCells cells;
    /** election.yaml's totals, which a poll's sample and stations cannot exceed. */
    private final Election totals;

    SourcesFile(List<DataIssue> issues, ManifestCells cells, Election totals) {
        this.issues = issues;
        this.cells = cells;
        this.totals = totals;
    }

    List<Source> read(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = cells.rows(root, SOURCES, SOURCE_REQUIRED, cols);
        List<Source> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> fileOwner = new HashMap<>();
        for (TableRow r : rows) {
            int before = cells.fatalCount();
            Source source = source(root, r, cols, ids, fileOwner);
            // a row with a fatal problem is listed with it, not used
            if (cells.fatalCount() == before) {
                out.add(source);
            }
        }
        return out;
    }

    /**
     * One row as a source, its problems added to the issues. The columns are checked in a fixed order, which is the
     * order of their issues in data-issues.csv.
     *
     * @param ids       the source ids of the rows before (an id listed twice is fatal)
     * @param fileOwner each file read so far and the first source that reads it (a file read twice is a warning)
     */
    private Source source(Path root, TableRow r, Map<String, Integer> cols, Set<String> ids,
                          Map<String, String> fileOwner) {
        String id = ManifestCells.cell(r, cols, "source_id");
        if (cells.checkId(id, SOURCES, r.line(), "source_id") && !ids.add(id)) {
            issues.add(DataIssue.fatal(IssueCode.DUPLICATE_SOURCE, SOURCES, r.line(), "source_id", "source '" + id
                    + "' is listed twice"));
        }
        Source.Kind kind = enumValue(r, cols, "kind", Source.Kind.class, null);
        Source.Level level = enumValue(r, cols, "level", Source.Level.class, null);
        Source.ValueType values = enumValue(r, cols, "values", Source.ValueType.class, null);
        Source.ShareBase base = enumValue(r, cols, "share_base", Source.ShareBase.class, Source.ShareBase.VALID);
        String org = ManifestCells.cell(r, cols, "organization");
        if (org.isEmpty()) {
            issues.add(DataIssue.fatal(IssueCode.MISSING_VALUE, SOURCES, r.line(), "organization", "who published it is required"));
        }
        String published = ManifestCells.cell(r, cols, "published_at");
        if (!DATE_TIME.matcher(published).matches()) {
            issues.add(DataIssue.fatal(IssueCode.BAD_DATE, SOURCES, r.line(), "published_at", "'" + Cells.abbreviate(published)
                    + "' is not an ISO date or date-time (2024-02-07 or 2024-02-08T03:13)"));
        } else {
            publishedAt(r, published);
        }
        String file = checkedFile(root, r, ManifestCells.cell(r, cols, "file"));
        if (file != null) {
            String prior = fileOwner.putIfAbsent(file, id);
            if (prior != null) {
                issues.add(DataIssue.warning(IssueCode.SHARED_FILE, SOURCES, r.line(), "file", "sources '" + prior + "' and '"
                        + id + "' read the same file " + file));
            }
        }
        boolean isFinal = isFinal(r, cols, kind);
        if (values == Source.ValueType.VOTES && !ManifestCells.cell(r, cols, "share_base").isEmpty()) {
            issues.add(DataIssue.warning(IssueCode.SHARE_BASE_IGNORED, SOURCES, r.line(), "share_base",
                    "share_base applies to values=percent only; ignored for counts"));
        }
        if (kind == Source.Kind.OFFICIAL && level == Source.Level.RESPONDENT) {
            issues.add(DataIssue.fatal(IssueCode.BAD_LEVEL, SOURCES, r.line(), "level",
                    "respondent-level files are exit-poll microdata; an official source cannot have them"));
        }
        Long sample = sampleSize(r, cols, "sample_size");
        Double countedPct = countedPct(r, cols, isFinal);
        Double deff = deff(r, cols);
        Long stationsSampled = cells.atMost(r, SOURCES, "stations_sampled", cells.wholeNumber(r, cols, SOURCES,
                "stations_sampled"), totals.stationsTotal(), "stations_total");
        Long districtsSampled = cells.atMost(r, SOURCES, "districts_sampled", cells.wholeNumber(r, cols, SOURCES,
                "districts_sampled"), totals.districtsTotal(), "districts_total");
        Long stationsCounted = cells.atMost(r, SOURCES, "stations_counted", cells.wholeNumber(r, cols, SOURCES,
                "stations_counted"), totals.stationsTotal(), "stations_total");
        Long assumed = sampleSize(r, cols, "assumed_sample_size");
        return new Source(id, kind, level, values, base, file,
                new Source.Published(org, published, ManifestCells.cell(r, cols, "url"),
                        ManifestCells.cell(r, cols, "notes"), r.line()),
                new Source.Sample(sample, stationsSampled, districtsSampled, assumed, deff),
                new Source.Coverage(stationsCounted, countedPct, isFinal));
    }

    /** Column {@code final}: an exit poll cannot be the final release. */
    private boolean isFinal(TableRow r, Map<String, Integer> cols, Source.Kind kind) {
        boolean isFinal = bool(r, cols, "final");
        if (kind == Source.Kind.EXIT_POLL && isFinal) {
            issues.add(DataIssue.error(IssueCode.FINAL_POLL, SOURCES, r.line(), "final", "an exit poll cannot be final; ignored"));
            return false;
        }
        return isFinal;
    }

    /** Column {@code counted_pct}: at most 100, and 100 for the final (certified) release; otherwise ignored. */
    private Double countedPct(TableRow r, Map<String, Integer> cols, boolean isFinal) {
        Double countedPct = cells.number(r, cols, SOURCES, "counted_pct");
        if (countedPct != null && countedPct > 100) {
            issues.add(DataIssue.error(IssueCode.OVER_100, SOURCES, r.line(), "counted_pct", countedPct + " is over 100; ignored"));
            return null;
        }
        if (countedPct != null && isFinal && countedPct != COMPLETE_PCT) {
            issues.add(DataIssue.error(IssueCode.FINAL_INCOMPLETE, SOURCES, r.line(), "counted_pct", "the final (certified)"
                    + " release cannot have counted only " + countedPct + " %; ignored. If this is a partial"
                    + " release, mark it final=false and mark the certified result final=true"));
            return null;
        }
        return countedPct;
    }

    /** A sample of people: at least 1, and no more than the voters registered. */
    private Long sampleSize(TableRow r, Map<String, Integer> cols, String col) {
        Long n = cells.wholeNumber(r, cols, SOURCES, col);
        if (n != null && n == 0) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, SOURCES, r.line(), col, "a sample size of 0 is ignored"));
            return null;
        }
        return cells.atMost(r, SOURCES, col, n, totals.registeredVoters(), "registered_voters");
    }

    /** The poll's design effect, or {@code null} (the job's --deff) when absent or unusable. */
    private Double deff(TableRow r, Map<String, Integer> cols) {
        Double deff = cells.number(r, cols, SOURCES, "deff");
        if (deff == null) {
            // empty, or already reported (negative, not a number, out of range)
            return null;
        }
        String why = Plausibility.deff(deff);
        if (why != null) {
            issues.add(DataIssue.error(IssueCode.BAD_DEFF, SOURCES, r.line(), "deff", "'" + ManifestCells.cell(r, cols, "deff") + "': " + why
                    + "; ignored, the job's --deff is used"));
            return null;
        }
        if (deff < 1) {
            issues.add(DataIssue.warning(IssueCode.DEFF_BELOW_1, SOURCES, r.line(), "deff", "a design effect of " + deff
                    + " claims a clustered sample more precise than a simple random one"));
        }
        return deff;
    }

    /** published_at must be a real day (and time): 2024-02-30 matches the pattern but is no date. */
    private void publishedAt(TableRow r, String published) {
        try {
            if (published.length() == 10) {
                LocalDate.parse(published);
            } else {
                LocalDateTime.parse(published.replace(' ', 'T'));
            }
        } catch (DateTimeParseException e) {
            issues.add(DataIssue.fatal(IssueCode.BAD_DATE, SOURCES, r.line(), "published_at", "'" + published + "' is not a date: "
                    + ElectionFile.dateProblem(published)));
        }
    }

    private boolean bool(TableRow r, Map<String, Integer> cols, String col) {
        String v = ManifestCells.cell(r, cols, col).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "", "false", "no", "0" -> false;
            default -> {
                issues.add(DataIssue.fatal(IssueCode.BAD_BOOLEAN, SOURCES, r.line(), col, "'" + Cells.abbreviate(v)
                        + "' is not true or false"));
                yield false;
            }
        };
    }

    private <E extends Enum<E>> E enumValue(TableRow r, Map<String, Integer> cols, String col, Class<E> type, E dflt) {
        String v = ManifestCells.cell(r, cols, col);
        if (v.isEmpty() && dflt != null) {
            return dflt;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        String allowed = String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        issues.add(DataIssue.fatal(IssueCode.BAD_VALUE, SOURCES, r.line(), col, "'" + Cells.abbreviate(v)
                + "' is not one of: " + allowed));
        return dflt;
    }

    /** The file must be a relative path inside the package, to a file that exists. */
    private String checkedFile(Path root, TableRow r, String file) {
        if (file.isEmpty()) {
            issues.add(DataIssue.fatal(IssueCode.MISSING_VALUE, SOURCES, r.line(), "file", "the data file's path is required"));
            return null;
        }
        Path p;
        try {
            p = root.resolve(file).normalize();
        } catch (RuntimeException e) {
            issues.add(DataIssue.fatal(IssueCode.BAD_PATH, SOURCES, r.line(), "file", "'" + Cells.abbreviate(file) + "' is not a valid path"));
            return null;
        }
        if (Path.of(file).isAbsolute() || !p.startsWith(root)) {
            issues.add(DataIssue.fatal(IssueCode.PATH_ESCAPES, SOURCES, r.line(), "file", "'" + Cells.abbreviate(file)
                    + "' is outside the package; files must be given relative to the package folder"));
            return null;
        }
        try {
            if (!Files.isRegularFile(p) || !p.toRealPath().startsWith(root.toRealPath())) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_FILE, SOURCES, r.line(), "file", "'" + Cells.abbreviate(file)
                        + "' does not exist in the package"));
                return null;
            }
        } catch (IOException e) {
            issues.add(DataIssue.fatal(IssueCode.MISSING_FILE, SOURCES, r.line(), "file", "'" + Cells.abbreviate(file)
                    + "' cannot be read: " + e.getMessage()));
            return null;
        }
        return root.relativize(p).toString().replace('\\', '/');
    }

    void checkSet(List<Source> sources) {
        if (issues.stream().anyMatch(i -> SOURCES.equals(i.file()) && i.severity() == DataIssue.Severity.FATAL)) {
            return;
        }
        List<Source> finals = sources.stream().filter(s -> s.isOfficial() && s.finalRelease()).toList();
        if (finals.isEmpty()) {
            issues.add(DataIssue.fatal(IssueCode.NO_FINAL, SOURCES, null, "final", "no official source is marked final=true;"
                    + " mark the certified result so polls can be compared with it"));
        } else if (finals.size() > 1) {
            issues.add(DataIssue.fatal(IssueCode.SEVERAL_FINAL, SOURCES, finals.get(1).line(), "final", "more than one official"
                    + " source is marked final: " + String.join(", ", finals.stream().map(Source::id).toList())
                    + "; exactly one certified result is allowed"));
        } else if (finals.get(0).level() != Source.Level.NATIONAL
                && sources.stream().noneMatch(s -> s.isOfficial() && s.level() == Source.Level.NATIONAL)) {
            issues.add(DataIssue.warning(IssueCode.FINAL_NOT_NATIONAL, SOURCES, finals.get(0).line(), "level",
                    "the package has no national-level official release: the national comparison uses the sums of the"
                            + " district or station rows of each release (stations whose rows were rejected are missing from them)"));
        }
        if (sources.stream().noneMatch(Source::isExitPoll)) {
            issues.add(DataIssue.fatal(IssueCode.NO_POLLS, SOURCES, null, "kind", "no exit_poll source: there is nothing to compare"));
        }
    }
}
