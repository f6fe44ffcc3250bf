package org.exitpollaudit.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.exitpollaudit.election.Election;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import static org.exitpollaudit.ingest.PackageReader.ELECTION;

/** Reads {@code election.yaml}: the election's id, name and date and the totals every other count is held against. */
final class ElectionFile {

    private final List<DataIssue> issues;
    private final ManifestCells cells;

    ElectionFile(List<DataIssue> issues, ManifestCells cells) {
        this.issues = issues;
        this.cells = cells;
    }

    Election read(Path root) {
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
            cells.checkId(id, ELECTION, null, "id");
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
    static String dateProblem(String text) {
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
}
