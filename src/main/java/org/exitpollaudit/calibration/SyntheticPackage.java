package org.exitpollaudit.calibration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Writes a {@link SyntheticElection} as an election package (docs/input-format.md), for benchmarks and for anyone
 * who wants to see the job on an election of a given size: the final release and two partial releases at station
 * level, and exit polls each with a national topline (percent, published n) and a station file (respondents per
 * candidate at the stations it sampled).
 */
public final class SyntheticPackage {

    /** What to write. */
    public record Spec(long seed, int stations, int districts, int candidates, int polls, int sampledStations,
                       int respondentsPerStation) {

        /**
         * What the {@code benchmark} command generates (docs/benchmark.md): at its default 1,000,000 stations, the
         * size of a large country's station-level release, 12 candidates and five polls of 2,000 stations, in
         * {@code districts} districts (0: one per 2,000 stations; fewer per station to scale the stations alone).
         */
        public static Spec benchmark(int stations, int districts) {
            return new Spec(20240207L, stations, districts > 0 ? districts : defaultDistricts(stations), 12, 5,
                    Math.min(2000, stations), 30);
        }

        /** The benchmark's districts when none are asked for: one per 2,000 stations. */
        public static int defaultDistricts(int stations) {
            return Math.max(1, stations / 2000);
        }

        /** Support of the candidates: the leader 45 %, the other 55 % falling off by a factor 0.6 per rank. */
        double[] shares() {
            double[] s = new double[candidates];
            s[0] = 0.45;
            for (int j = 1; j < candidates; j++) {
                s[j] = 0.55 * 0.4 * Math.pow(0.6, j - 1);
            }
            return s;
        }
    }

    /** Share of stations each partial release has counted. */
    static final double[] PARTIAL = {0.4, 0.8};

    private SyntheticPackage() {
    }

    /** Writes the package into {@code dir} (created; existing files are replaced). */
    public static void write(Spec spec, Path dir) throws IOException {
        SyntheticElection e = SyntheticElection.generate(SyntheticElection.Config.clean(spec.seed())
                .withStations(spec.stations(), spec.districts()).withShares(spec.shares()));
        Files.createDirectories(dir.resolve("official"));
        Files.createDirectories(dir.resolve("exit-polls"));
        long registered = 0;
        for (SyntheticElection.Station s : e.stations()) {
            registered += s.registered();
        }
        write(dir.resolve("election.yaml"), List.of(
                "# Synthetic election written by exit-poll-audit's benchmark (seed " + spec.seed() + ").",
                "id: synthetic-" + spec.stations(),
                "name: Synthetic election, " + spec.stations() + " stations, " + spec.candidates() + " candidates",
                "date: 2024-01-01",
                "country: ZZ",
                "registered_voters: " + registered,
                "districts_total: " + spec.districts(),
                "stations_total: " + spec.stations()));
        List<String> candidates = new ArrayList<>(List.of("candidate_id,name,party,aliases"));
        List<String> districts = new ArrayList<>(List.of("district_id,name,region,registered_voters,stations"));
        for (int j = 0; j < spec.candidates(); j++) {
            candidates.add("c" + (j + 1) + ",Candidate " + (j + 1) + ",Party " + (j + 1) + ",");
        }
        for (int d = 0; d < spec.districts(); d++) {
            districts.add("d" + (d + 1) + ",District " + (d + 1) + ",,,");
        }
        write(dir.resolve("candidates.csv"), candidates);
        write(dir.resolve("districts.csv"), districts);
        String header = "district_id,station_id,registered,ballots_cast,invalid,valid," + String.join(",",
                candidates.subList(1, candidates.size()).stream().map(c -> c.substring(0, c.indexOf(','))).toList());
        List<String> sources = new ArrayList<>(List.of("source_id,kind,organization,published_at,level,values,file,"
                + "sample_size,stations_sampled,districts_sampled,stations_counted,counted_pct,final,share_base,url,notes"));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(spec.seed() + 7);
        double[] order = new double[e.stations().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = rng.nextDouble();
        }
        for (int r = 0; r <= PARTIAL.length; r++) {
            double share = r < PARTIAL.length ? PARTIAL[r] : 1;
            String id = r < PARTIAL.length ? "prelim-" + (r + 1) : "final";
            String file = "official/" + id + ".csv";
            int counted = 0;
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8)) {
                w.write(header);
                w.write('\n');
                StringBuilder line = new StringBuilder(128);
                for (int i = 0; i < order.length; i++) {
                    if (order[i] >= share) {
                        continue;
                    }
                    SyntheticElection.Station s = e.stations().get(i);
                    line.setLength(0);
                    line.append(s.district()).append(',').append(s.id()).append(',').append(s.registered()).append(',')
                            .append(s.ballots()).append(',').append(s.invalid()).append(',').append(s.valid());
                    for (long v : s.votes()) {
                        line.append(',').append(v);
                    }
                    w.append(line).append('\n');
                    counted++;
                }
            }
            sources.add("cec-" + id + ",official,Synthetic Election Commission,2024-01-0" + (r + 2) + ",station,votes,"
                    + file + ",,,," + counted + "," + fmt(100.0 * counted / order.length) + "," + (r == PARTIAL.length)
                    + ",valid,,");
        }
        for (int k = 1; k <= spec.polls(); k++) {
            List<SyntheticElection.PollStation> sample = e.poll(spec.seed() + 100 + k, spec.sampledStations(),
                    spec.respondentsPerStation(), 0);
            long[] total = new long[spec.candidates()];
            List<String> rows = new ArrayList<>(List.of(header));
            for (SyntheticElection.PollStation ps : sample) {
                StringBuilder line = new StringBuilder(ps.district()).append(',').append(ps.id()).append(",,,,");
                long n = 0;
                for (int j = 0; j < total.length; j++) {
                    total[j] += ps.answers()[j];
                    n += ps.answers()[j];
                }
                line.append(n);
                for (long a : ps.answers()) {
                    line.append(',').append(a);
                }
                rows.add(line.toString());
            }
            long n = 0;
            for (long t : total) {
                n += t;
            }
            StringBuilder topline = new StringBuilder();
            for (int j = 0; j < total.length; j++) {
                topline.append(j == 0 ? "" : ",").append(fmt(100.0 * total[j] / n));
            }
            String id = "poll" + k;
            write(dir.resolve("exit-polls/" + id + ".csv"), List.of(header.substring(header.indexOf("c1")), topline.toString()));
            write(dir.resolve("exit-polls/" + id + "-stations.csv"), rows);
            sources.add(id + ",exit_poll,Pollster " + k + ",2024-01-01T20:00,national,percent,exit-polls/" + id + ".csv,"
                    + n + "," + sample.size() + ",,,,,valid,,national topline of " + id + "-stations");
            sources.add(id + "-stations,exit_poll,Pollster " + k + ",2024-01-01T20:00,station,votes,exit-polls/" + id
                    + "-stations.csv," + n + "," + sample.size() + ",,,,,valid,,respondents per candidate at each sampled station");
        }
        write(dir.resolve("sources.csv"), sources);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
