package org.exitpollaudit.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * The calibration table: for each test × scenario × size, how many simulated trials it rejected at 5 %, with the
 * Clopper–Pearson 95 % interval of the rate. {@link CalibrateCommand} writes it; the jar ships one
 * ({@link #RESOURCE}, with how it was made in {@link #META_RESOURCE}), which the Methods sheet shows, so that no run
 * simulates anything.
 *
 * @param meta how the table was made: {@code seed}, {@code generated} (UTC), {@code replications} (elections per
 *             forensic cell), {@code samples} (polls per verdict-rule cell), {@code alpha}, {@code command},
 *             {@code seconds}
 */
public record CalibrationTable(Map<String, String> meta, List<Row> rows) {

    public static final String RESOURCE = "/calibration/calibration.csv";
    public static final String META_RESOURCE = "/calibration/calibration.properties";

    /** The metadata keys, in the order they are written. */
    public static final List<String> META_KEYS = List.of("seed", "generated", "replications", "samples", "alpha",
            "command", "seconds");

    static final String[] HEADER = {"test", "scenario", "description", "election_stations", "poll_stations",
            "respondents", "design_effect", "deff_assumed", "leader_odds", "replications", "trials", "rejections",
            "rate", "ci95_low", "ci95_high"};

    /**
     * One cell. Sizes that do not apply are null: election_stations for the national verdict rule (drawn from the
     * national shares), the poll columns for the forensic tests. {@code trials} is the number of tests made (one
     * per replication, fewer where a test needs counts a small election lacks; for the station exit-poll test one
     * per polled station).
     */
    public record Row(String test, String scenario, String description, Integer electionStations, Integer pollStations,
                      Integer respondents, Double designEffect, Double deffAssumed, Double leaderOdds,
                      int replications, int trials, int rejections, double ciLow, double ciHigh) {

        /** A row with its Clopper–Pearson 95 % interval computed (Commons Statistics). */
        public static Row of(String test, String scenario, String description, Integer electionStations,
                             Integer pollStations, Integer respondents, Double designEffect, Double deffAssumed,
                             Double leaderOdds, int replications, Calibration.Rate rate) {
            Interval ci = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(rate.trials(), rate.rejections(), 0.05);
            return new Row(test, scenario, description, electionStations, pollStations, respondents, designEffect,
                    deffAssumed, leaderOdds, replications, rate.trials(), rate.rejections(), ci.getLowerBound(),
                    ci.getUpperBound());
        }

        public double rate() {
            return trials == 0 ? Double.NaN : rejections / (double) trials;
        }
    }

    /** The table shipped in the jar. */
    public static CalibrationTable shipped() {
        try (InputStream csv = CalibrationTable.class.getResourceAsStream(RESOURCE);
             InputStream props = CalibrationTable.class.getResourceAsStream(META_RESOURCE)) {
            if (csv == null || props == null) {
                throw new IllegalStateException("the calibration table " + RESOURCE + " is missing from the jar;"
                        + " regenerate it with the calibrate command (docs/figures.md)");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(props, StandardCharsets.UTF_8));
            Map<String, String> meta = new LinkedHashMap<>();
            for (String key : META_KEYS) {
                meta.put(key, p.getProperty(key));
            }
            return new CalibrationTable(meta, read(new InputStreamReader(csv, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> read(Reader in) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader(HEADER).setSkipHeaderRecord(true).get().parse(in)) {
            rows.add(new Row(r.get("test"), r.get("scenario"), r.get("description"), integer(r.get("election_stations")),
                    integer(r.get("poll_stations")), integer(r.get("respondents")), number(r.get("design_effect")),
                    number(r.get("deff_assumed")), number(r.get("leader_odds")), Integer.parseInt(r.get("replications")),
                    Integer.parseInt(r.get("trials")), Integer.parseInt(r.get("rejections")),
                    Double.parseDouble(r.get("ci95_low")), Double.parseDouble(r.get("ci95_high"))));
        }
        return rows;
    }

    /** Writes the table to {@code csv} and its metadata to the .properties file beside it. */
    public void write(Path csv) throws IOException {
        Path dir = csv.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            out.printRecord((Object[]) HEADER);
            for (Row r : rows) {
                out.printRecord(r.test(), r.scenario(), r.description(), text(r.electionStations()),
                        text(r.pollStations()), text(r.respondents()), text(r.designEffect()), text(r.deffAssumed()),
                        text(r.leaderOdds()), r.replications(), r.trials(), r.rejections(), r.rate(), r.ciLow(),
                        r.ciHigh());
            }
        }
        StringBuilder props = new StringBuilder("# How calibration.csv was made (read by the Methods sheet)\n");
        for (String key : META_KEYS) {
            // values are plain text: escape what Properties.load would read as escapes or continuations
            props.append(key).append('=').append(meta.getOrDefault(key, "").replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(metaPath(csv), props.toString(), StandardCharsets.UTF_8);
    }

    /** calibration.csv → calibration.properties, beside it. */
    public static Path metaPath(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + ".properties");
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static Integer integer(String s) {
        return s.isEmpty() ? null : Integer.valueOf(s);
    }

    private static Double number(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }
}
