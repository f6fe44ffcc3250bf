package org.exitpollaudit.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.District;
import org.exitpollaudit.election.Election;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a package's manifest files: {@code election.yaml}, {@code candidates.csv},
 * {@code districts.csv} (optional) and {@code sources.csv}. Every problem is collected; fatal ones are thrown
 * together as one {@link InputException}, the rest are returned as issues with the package.
 */
public final class PackageReader {

    public static final String ELECTION = "election.yaml";
    public static final String CANDIDATES = "candidates.csv";
    public static final String DISTRICTS = "districts.csv";
    public static final String SOURCES = "sources.csv";

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2})?)?");
    /** What a final (certified) release covers: everything. */
    private static final double COMPLETE_PCT = 100;
    private static final List<String> SOURCE_REQUIRED =
            List.of("source_id", "kind", "organization", "published_at", "level", "values", "file");

    /** The manifest and what reading it noted. */
    public record Result(ElectionPackage electionPackage, List<DataIssue> issues, CandidateResolver resolver) {
    }

    private final List<DataIssue> issues = new ArrayList<>();
    /** election.yaml's published totals, which every other count is held against (all null when it is unreadable). */
    private Election totals;

    private PackageReader() {
    }

    public static Result read(Path root) {
        return new PackageReader().readPackage(root.toAbsolutePath().normalize());
    }

    private Result readPackage(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InputException(DataIssue.fatal(IssueCode.NO_PACKAGE, root.toString(), null, null,
                    "is not a folder; --input must name an election package folder"));
        }
        Election election = readElection(root);
        List<Candidate> candidates = readCandidates(root);
        List<String> conflicts = new ArrayList<>();
        CandidateResolver resolver = CandidateResolver.build(candidates, conflicts);
        conflicts.forEach(c -> issues.add(DataIssue.fatal(IssueCode.AMBIGUOUS_SPELLING, CANDIDATES, null, "aliases", c)));
        totals = election != null ? election : new Election(null, null, null, null, null, null, null);
        List<District> districts = Files.exists(root.resolve(DISTRICTS)) ? readDistricts(root) : List.of();
        List<Source> sources = readSources(root);
        checkSourceSet(sources);
        List<DataIssue> fatal = issues.stream().filter(i -> i.severity() == DataIssue.Severity.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new InputException(fatal);
        }
        return new Result(new ElectionPackage(root, election, candidates, districts, sources), List.copyOf(issues),
                resolver);
    }

    private Election readElection(Path root) {
        Path file = root.resolve(ELECTION);
        if (!Files.exists(file)) {
            issues.add(DataIssue.fatal(IssueCode.MISSING_FILE, ELECTION, null, null, "file not found"));
            return null;
        }
        Map<?, ?> map;
        try (InputStream in = Files.newInputStream(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(1 << 20);
            // dates stay text, read strictly below: SnakeYAML's own timestamps are lenient (2024-02-30 is 1 March)
            Object doc = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                    options, new NoTimestamps()).load(in);
            map = doc instanceof Map<?, ?> m ? m : null;
        } catch (IOException | RuntimeException e) {
            issues.add(DataIssue.fatal(IssueCode.BAD_YAML, ELECTION, null, null, "cannot be read as YAML: "
                    + Cells.abbreviate(String.valueOf(e.getMessage()))));
            return null;
        }
        if (map == null) {
            issues.add(DataIssue.fatal(IssueCode.BAD_YAML, ELECTION, null, null, "must be a mapping of keys to values"));
            return null;
        }
        String id = yamlText(map, "id", true);
        if (id != null) {
            checkId(id, ELECTION, null, "id");
        }
        String name = yamlText(map, "name", true);
        LocalDate date = null;
        Object rawDate = map.get("date");
        if (rawDate instanceof Date d) {
            date = d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        } else if (rawDate != null) {
            try {
                date = LocalDate.parse(rawDate.toString().strip());
            } catch (DateTimeParseException e) {
                issues.add(DataIssue.fatal(IssueCode.BAD_DATE, ELECTION, null, "date", "'" + Cells.abbreviate(rawDate.toString())
                        + "' is not a date: " + dateProblem(rawDate.toString().strip())));
            }
        } else {
            issues.add(DataIssue.fatal(IssueCode.MISSING_KEY, ELECTION, null, "date", "the required key 'date' is missing"));
        }
        return new Election(id, name, date, yamlText(map, "country", false), yamlLong(map, "registered_voters"),
                yamlLong(map, "districts_total"), yamlLong(map, "stations_total"));
    }

    /** YAML's implicit resolvers less the timestamp one. */
    private static final class NoTimestamps extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    /** Why the text is not an ISO date: "no 30 February in 2024" rather than the parser's own words. */
    private static String dateProblem(String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return "write it as YYYY-MM-DD";
        }
        int year = Integer.parseInt(text.substring(0, 4));
        int month = Integer.parseInt(text.substring(5, 7));
        int day = Integer.parseInt(text.substring(8, 10));
        if (month < 1 || month > 12) {
            return "there is no month " + month;
        }
        java.time.YearMonth ym = java.time.YearMonth.of(year, month);
        if (day < 1 || day > ym.lengthOfMonth()) {
            return "there is no day " + day + " in " + ym.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                    Locale.ENGLISH) + " " + year + " (it has " + ym.lengthOfMonth() + " days)";
        }
        return "write it as YYYY-MM-DD, or YYYY-MM-DDThh:mm for a date-time";
    }

    /** The manifest's ids: {@code [a-z0-9-]+}, at most {@link Plausibility#MAX_ID_LENGTH} characters. */
    private boolean checkId(String id, String file, Integer line, String column) {
        if (!ID.matcher(id).matches()) {
            issues.add(DataIssue.fatal(IssueCode.BAD_ID, file, line, column, "'" + Cells.abbreviate(id)
                    + "' is not a valid id: use lower-case letters, digits and '-'"));
            return false;
        }
        String tooLong = Plausibility.idLength(id, Plausibility.MAX_ID_LENGTH);
        if (tooLong != null) {
            issues.add(DataIssue.fatal(IssueCode.ID_TOO_LONG, file, line, column, "'" + Cells.abbreviate(id) + "': " + tooLong
                    + " (ids name output folders, workbook sheets and the job's steps)"));
            return false;
        }
        return true;
    }

    private String yamlText(Map<?, ?> map, String key, boolean required) {
        Object v = map.get(key);
        if (v == null || v.toString().isBlank()) {
            if (required) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_KEY, ELECTION, null, key, "the required key '" + key + "' is missing"));
            }
            return null;
        }
        return v.toString().strip();
    }

    private Long yamlLong(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0
                && n.doubleValue() == Math.rint(n.doubleValue())) {
            String implausible = Plausibility.count(n.doubleValue(), null);
            if (implausible == null) {
                return n.longValue();
            }
            issues.add(DataIssue.error(IssueCode.IMPLAUSIBLE, ELECTION, null, key, implausible + "; ignored"));
            return null;
        }
        issues.add(DataIssue.error(IssueCode.BAD_NUMBER, ELECTION, null, key, "'" + Cells.abbreviate(v.toString())
                + "' is not a whole non-negative number; ignored"));
        return null;
    }

    /** Header name → index, lower-cased; reports missing required columns as fatal. */
    private Map<String, Integer> columns(Table t, String file, List<String> required) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < t.header().size(); i++) {
            String h = t.header().get(i).toLowerCase(Locale.ROOT);
            if (cols.putIfAbsent(h, i) != null) {
                issues.add(DataIssue.fatal(IssueCode.DUPLICATE_COLUMN, file, 1, t.header().get(i), "the column appears twice"));
            }
        }
        for (String r : required) {
            if (!cols.containsKey(r)) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_COLUMN, file, 1, r, "the required column '" + r
                        + "' is missing (header: " + Cells.abbreviate(String.join(",", t.header())) + ")"));
            }
        }
        return cols;
    }

    private static String cell(TableRow row, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        return i == null ? "" : row.cell(i).strip();
    }

    private List<TableRow> rows(Path root, String file, List<String> required, Map<String, Integer> colsOut) {
        try (Table t = Table.open(root.resolve(file), file)) {
            colsOut.putAll(columns(t, file, required));
            issues.addAll(t.notes());
            return Table.readAll(t);
        } catch (InputException e) {
            issues.addAll(e.problems());
            return List.of();
        } catch (IOException e) {
            issues.add(DataIssue.fatal(IssueCode.UNREADABLE_FILE, file, null, null, e.getMessage()));
            return List.of();
        }
    }

    private List<Candidate> readCandidates(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = rows(root, CANDIDATES, List.of("candidate_id", "name"), cols);
        List<Candidate> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TableRow r : rows) {
            String id = cell(r, cols, "candidate_id");
            String name = cell(r, cols, "name");
            if (!checkId(id, CANDIDATES, r.line(), "candidate_id")) {
                continue;
            }
            if (id.equals(Candidate.OTHER) || id.equals(Candidate.INVALID)) {
                issues.add(DataIssue.fatal(IssueCode.RESERVED_ID, CANDIDATES, r.line(), "candidate_id", "'" + id
                        + "' is reserved and needs no row"));
                continue;
            }
            if (Plausibility.RESERVED_COLUMNS.contains(id)) {
                issues.add(DataIssue.fatal(IssueCode.RESERVED_NAME, CANDIDATES, r.line(), "candidate_id", reserved(id)));
                continue;
            }
            if (!ids.add(id)) {
                issues.add(DataIssue.fatal(IssueCode.DUPLICATE_ID, CANDIDATES, r.line(), "candidate_id", "candidate '" + id
                        + "' is listed twice"));
                continue;
            }
            if (name.isEmpty()) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_VALUE, CANDIDATES, r.line(), "name", "a candidate needs a name"));
            }
            List<String> aliases = Arrays.stream(cell(r, cols, "aliases").split("\\|"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            reservedSpelling(r, "name", name);
            aliases.forEach(a -> reservedSpelling(r, "aliases", a));
            out.add(new Candidate(id, name, cell(r, cols, "party"), aliases));
        }
        if (out.isEmpty() && issues.stream().noneMatch(i -> CANDIDATES.equals(i.file()))) {
            issues.add(DataIssue.fatal(IssueCode.NO_CANDIDATES, CANDIDATES, null, null, "no candidates are listed"));
        }
        return out;
    }

    /**
     * A candidate spelled like a results file's own column would take that column (or lose it to the total, which
     * is matched first): every poll would then be missing the candidate, or the totals.
     */
    private void reservedSpelling(TableRow r, String column, String spelling) {
        String key = CandidateResolver.normalize(spelling);
        if (Plausibility.RESERVED_COLUMNS.contains(key)) {
            issues.add(DataIssue.fatal(IssueCode.RESERVED_NAME, CANDIDATES, r.line(), column, reserved(spelling)));
        }
    }

    private static String reserved(String spelling) {
        return "'" + Cells.abbreviate(spelling) + "' is the name of a results file's own column ("
                + String.join(", ", Plausibility.RESERVED_COLUMNS) + "); a candidate spelled so would be read as that"
                + " column. Give the candidate another id, name or alias (e.g. '" + spelling + "-candidate')";
    }

    private List<District> readDistricts(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = rows(root, DISTRICTS, List.of("district_id"), cols);
        List<District> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TableRow r : rows) {
            String id = cell(r, cols, "district_id");
            if (id.isEmpty() || !ids.add(id)) {
                issues.add(DataIssue.error(IssueCode.BAD_DISTRICT, DISTRICTS, r.line(), "district_id", id.isEmpty()
                        ? "empty district id; row rejected" : "district '" + Cells.abbreviate(id) + "' is listed twice; row rejected"));
                continue;
            }
            out.add(new District(id, cell(r, cols, "name"), cell(r, cols, "region"),
                    atMost(r, DISTRICTS, "registered_voters", wholeNumber(r, cols, DISTRICTS, "registered_voters"),
                            totals.registeredVoters(), "registered_voters"),
                    atMost(r, DISTRICTS, "stations", wholeNumber(r, cols, DISTRICTS, "stations"), totals.stationsTotal(),
                            "stations_total")));
        }
        return out;
    }

    private Long wholeNumber(TableRow r, Map<String, Integer> cols, String file, String col) {
        Double d = number(r, cols, file, col);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, file, r.line(), col, "'" + cell(r, cols, col)
                    + "' is not a whole number; ignored"));
            return null;
        }
        String implausible = Plausibility.count(d, null);
        if (implausible != null) {
            issues.add(DataIssue.error(IssueCode.IMPLAUSIBLE, file, r.line(), col, implausible + "; ignored"));
            return null;
        }
        return d.longValue();
    }

    /**
     * A part cannot exceed the whole election.yaml publishes (a district's voters, a poll's sample or stations):
     * such a value is an ERROR and is not used.
     */
    private Long atMost(TableRow r, String file, String col, Long value, Long total, String totalKey) {
        if (value == null || total == null || value <= total) {
            return value;
        }
        issues.add(DataIssue.error(IssueCode.IMPLAUSIBLE, file, r.line(), col, String.format(Locale.ROOT, "%,d is more than"
                + " the whole election's %,d (election.yaml %s); ignored", value, total, totalKey)));
        return null;
    }

    private Double number(TableRow r, Map<String, Integer> cols, String file, String col) {
        try {
            Double d = Cells.number(cell(r, cols, col));
            if (d != null && d < 0) {
                issues.add(DataIssue.error(IssueCode.NEGATIVE, file, r.line(), col, "negative value " + d + " ignored"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, file, r.line(), col, e.getMessage() + "; ignored"));
            return null;
        }
    }

    private List<Source> readSources(Path root) {
        Map<String, Integer> cols = new HashMap<>();
        List<TableRow> rows = rows(root, SOURCES, SOURCE_REQUIRED, cols);
        List<Source> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> fileOwner = new HashMap<>();
        for (TableRow r : rows) {
            int before = fatalCount();
            String id = cell(r, cols, "source_id");
            if (checkId(id, SOURCES, r.line(), "source_id") && !ids.add(id)) {
                issues.add(DataIssue.fatal(IssueCode.DUPLICATE_SOURCE, SOURCES, r.line(), "source_id", "source '" + id
                        + "' is listed twice"));
            }
            Source.Kind kind = enumValue(r, cols, "kind", Source.Kind.class, null);
            Source.Level level = enumValue(r, cols, "level", Source.Level.class, null);
            Source.ValueType values = enumValue(r, cols, "values", Source.ValueType.class, null);
            Source.ShareBase base = enumValue(r, cols, "share_base", Source.ShareBase.class, Source.ShareBase.VALID);
            String org = cell(r, cols, "organization");
            if (org.isEmpty()) {
                issues.add(DataIssue.fatal(IssueCode.MISSING_VALUE, SOURCES, r.line(), "organization", "who published it is required"));
            }
            String published = cell(r, cols, "published_at");
            if (!DATE_TIME.matcher(published).matches()) {
                issues.add(DataIssue.fatal(IssueCode.BAD_DATE, SOURCES, r.line(), "published_at", "'" + Cells.abbreviate(published)
                        + "' is not an ISO date or date-time (2024-02-07 or 2024-02-08T03:13)"));
            } else {
                publishedAt(r, published);
            }
            String file = checkedFile(root, r, cell(r, cols, "file"));
            if (file != null) {
                String prior = fileOwner.putIfAbsent(file, id);
                if (prior != null) {
                    issues.add(DataIssue.warning(IssueCode.SHARED_FILE, SOURCES, r.line(), "file", "sources '" + prior + "' and '"
                            + id + "' read the same file " + file));
                }
            }
            boolean isFinal = bool(r, cols, "final");
            if (kind == Source.Kind.EXIT_POLL && isFinal) {
                issues.add(DataIssue.error(IssueCode.FINAL_POLL, SOURCES, r.line(), "final", "an exit poll cannot be final; ignored"));
                isFinal = false;
            }
            if (values == Source.ValueType.VOTES && !cell(r, cols, "share_base").isEmpty()) {
                issues.add(DataIssue.warning(IssueCode.SHARE_BASE_IGNORED, SOURCES, r.line(), "share_base",
                        "share_base applies to values=percent only; ignored for counts"));
            }
            if (kind == Source.Kind.EXIT_POLL && level == Source.Level.STATION) {
                // allowed: station-level exit-poll results
            }
            if (kind == Source.Kind.OFFICIAL && level == Source.Level.RESPONDENT) {
                issues.add(DataIssue.fatal(IssueCode.BAD_LEVEL, SOURCES, r.line(), "level",
                        "respondent-level files are exit-poll microdata; an official source cannot have them"));
            }
            Long sample = sampleSize(r, cols, "sample_size");
            Double countedPct = number(r, cols, SOURCES, "counted_pct");
            if (countedPct != null && countedPct > 100) {
                issues.add(DataIssue.error(IssueCode.OVER_100, SOURCES, r.line(), "counted_pct", countedPct + " is over 100; ignored"));
                countedPct = null;
            }
            if (countedPct != null && isFinal && countedPct != COMPLETE_PCT) {
                issues.add(DataIssue.error(IssueCode.FINAL_INCOMPLETE, SOURCES, r.line(), "counted_pct", "the final (certified)"
                        + " release cannot have counted only " + countedPct + " %; ignored. If this is a partial"
                        + " release, mark it final=false and mark the certified result final=true"));
                countedPct = null;
            }
            Double deff = deff(r, cols);
            if (fatalCount() > before) {
                continue;
            }
            out.add(new Source(id, kind, org, published, level, values, file, sample,
                    atMost(r, SOURCES, "stations_sampled", wholeNumber(r, cols, SOURCES, "stations_sampled"),
                            totals.stationsTotal(), "stations_total"),
                    atMost(r, SOURCES, "districts_sampled", wholeNumber(r, cols, SOURCES, "districts_sampled"),
                            totals.districtsTotal(), "districts_total"),
                    atMost(r, SOURCES, "stations_counted", wholeNumber(r, cols, SOURCES, "stations_counted"),
                            totals.stationsTotal(), "stations_total"),
                    countedPct, isFinal, base, cell(r, cols, "url"), cell(r, cols, "notes"),
                    sampleSize(r, cols, "assumed_sample_size"), deff, r.line()));
        }
        return out;
    }

    /** A sample of people: at least 1, and no more than the voters registered. */
    private Long sampleSize(TableRow r, Map<String, Integer> cols, String col) {
        Long n = wholeNumber(r, cols, SOURCES, col);
        if (n != null && n == 0) {
            issues.add(DataIssue.error(IssueCode.BAD_NUMBER, SOURCES, r.line(), col, "a sample size of 0 is ignored"));
            return null;
        }
        return atMost(r, SOURCES, col, n, totals.registeredVoters(), "registered_voters");
    }

    /** The poll's design effect, or {@code null} (the job's --deff) when absent or unusable. */
    private Double deff(TableRow r, Map<String, Integer> cols) {
        Double deff = number(r, cols, SOURCES, "deff");
        if (deff == null) {
            // empty, or already reported (negative, not a number, out of range)
            return null;
        }
        String why = Plausibility.deff(deff);
        if (why != null) {
            issues.add(DataIssue.error(IssueCode.BAD_DEFF, SOURCES, r.line(), "deff", "'" + cell(r, cols, "deff") + "': " + why
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
                    + dateProblem(published)));
        }
    }

    private int fatalCount() {
        return (int) issues.stream().filter(i -> i.severity() == DataIssue.Severity.FATAL).count();
    }

    private boolean bool(TableRow r, Map<String, Integer> cols, String col) {
        String v = cell(r, cols, col).toLowerCase(Locale.ROOT);
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
        String v = cell(r, cols, col);
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

    private void checkSourceSet(List<Source> sources) {
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
