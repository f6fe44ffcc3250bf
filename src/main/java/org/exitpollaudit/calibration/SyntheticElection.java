package org.exitpollaudit.calibration;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A seeded synthetic election: polling stations with realistic heterogeneity of size (log-normal electorates),
 * turnout (logit-normal around district means) and candidate support (district and station log-normal
 * perturbations of national shares), counted honestly (binomial turnout, binomial invalid ballots, multinomial
 * votes); exit polls drawn from it by cluster sampling (stations with probability proportional to size, a fixed
 * number of respondents each, drawn from that station's actual votes). Optional anomalies are injected where
 * asked: ballot stuffing in a share of stations, fabricated whole-percent turnout and leader share in a share of
 * stations, and a poll biased towards the leader.
 * <p>Honest elections can also have station types (urban and rural) that differ both in turnout and in the leader's
 * support, so that turnout and the leader's share correlate within every district although every vote is counted as
 * cast: the null that a turnout–leader test must survive in real countries.
 * <p>The same seed gives the same election, so calibration tables and benchmarks are reproducible; an election
 * without station types draws no random number for them, so its stations are the same whether or not other
 * configurations use types.
 */
public final class SyntheticElection {

    /**
     * What to generate. Shares are the candidates' national support (they are normalised). {@code urbanFraction}
     * of the stations are urban, the rest rural; {@code typeEffect} (0 = no station types) is added to a rural
     * station's logit turnout and log support of the leader and subtracted from an urban one's.
     */
    public record Config(long seed, int stations, int districts, double[] shares, double meanRegistered,
                         double sizeSigma, double turnout, double districtSd, double stationSd, double invalidRate,
                         double stuffedFraction, double roundedFraction, double urbanFraction, double typeEffect) {

        /** A mid-sized clean election: 2,000 stations in 20 districts, four candidates. */
        public static Config clean(long seed) {
            return new Config(seed, 2000, 20, new double[] {0.52, 0.28, 0.13, 0.07}, 1200, 0.6, 0.62, 0.25, 0.25,
                    0.015, 0, 0, 0, 0);
        }

        public Config withSeed(long s) {
            return new Config(s, stations, districts, shares, meanRegistered, sizeSigma, turnout, districtSd, stationSd,
                    invalidRate, stuffedFraction, roundedFraction, urbanFraction, typeEffect);
        }

        public Config withStations(int n, int d) {
            return new Config(seed, n, d, shares, meanRegistered, sizeSigma, turnout, districtSd, stationSd, invalidRate,
                    stuffedFraction, roundedFraction, urbanFraction, typeEffect);
        }

        /** The same election with other candidates' national support (the first is the leader). */
        public Config withShares(double[] support) {
            return new Config(seed, stations, districts, support, meanRegistered, sizeSigma, turnout, districtSd,
                    stationSd, invalidRate, stuffedFraction, roundedFraction, urbanFraction, typeEffect);
        }

        public Config withStuffing(double fraction) {
            return new Config(seed, stations, districts, shares, meanRegistered, sizeSigma, turnout, districtSd,
                    stationSd, invalidRate, fraction, roundedFraction, urbanFraction, typeEffect);
        }

        public Config withRounding(double fraction) {
            return new Config(seed, stations, districts, shares, meanRegistered, sizeSigma, turnout, districtSd,
                    stationSd, invalidRate, stuffedFraction, fraction, urbanFraction, typeEffect);
        }

        /** Honest station types: {@code urban} of the stations urban, the rest rural, apart by 2 · effect. */
        public Config withStationTypes(double urban, double effect) {
            return new Config(seed, stations, districts, shares, meanRegistered, sizeSigma, turnout, districtSd,
                    stationSd, invalidRate, stuffedFraction, roundedFraction, urban, effect);
        }
    }

    /** One station's protocol. {@code votes} in candidate order. */
    public record Station(String district, String id, long registered, long ballots, long invalid, long[] votes) {
        public long valid() {
            long v = 0;
            for (long x : votes) {
                v += x;
            }
            return v;
        }
    }

    /** One sampled station of an exit poll: respondents per candidate. */
    public record PollStation(String district, String id, long[] answers) {
    }

    private final Config config;
    private final List<Station> stations;

    private SyntheticElection(Config config, List<Station> stations) {
        this.config = config;
        this.stations = stations;
    }

    public Config config() {
        return config;
    }

    public List<Station> stations() {
        return stations;
    }

    public static SyntheticElection generate(Config c) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(c.seed());
        NormalDistribution.Sampler z = NormalDistribution.of(0, 1).createSampler(rng);
        int k = c.shares().length;
        double[] logShares = new double[k];
        for (int j = 0; j < k; j++) {
            logShares[j] = Math.log(c.shares()[j]);
        }
        double[][] districtShift = new double[c.districts()][k];
        double[] districtTurnout = new double[c.districts()];
        for (int d = 0; d < c.districts(); d++) {
            districtTurnout[d] = logit(c.turnout()) + c.districtSd() * z.sample();
            for (int j = 0; j < k; j++) {
                districtShift[d][j] = c.districtSd() * z.sample();
            }
        }
        List<Station> out = new ArrayList<>(c.stations());
        for (int i = 0; i < c.stations(); i++) {
            int d = i % c.districts();
            long registered = Math.max(50, Math.round(c.meanRegistered() * Math.exp(c.sizeSigma() * z.sample()
                    - c.sizeSigma() * c.sizeSigma() / 2)));
            // rural stations vote more and more for the leader than urban ones, honestly (drawn only when asked,
            // so that elections without types keep their random numbers)
            double type = c.typeEffect() == 0 ? 0 : rng.nextDouble() < c.urbanFraction() ? -c.typeEffect() : c.typeEffect();
            double t = expit(districtTurnout[d] + type + c.stationSd() * z.sample());
            long ballots = binomial(rng, registered, t);
            long invalid = binomial(rng, ballots, c.invalidRate());
            double[] p = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                p[j] = Math.exp(logShares[j] + districtShift[d][j] + c.stationSd() * z.sample() + (j == 0 ? type : 0));
                sum += p[j];
            }
            for (int j = 0; j < k; j++) {
                p[j] /= sum;
            }
            long[] votes = multinomial(rng, ballots - invalid, p);
            if (c.stuffedFraction() > 0 && rng.nextDouble() < c.stuffedFraction()) {
                // stuffing: a share of the non-voters' ballots goes to the leader
                long extra = binomial(rng, registered - ballots, 0.5 + 0.4 * rng.nextDouble());
                ballots += extra;
                votes[0] += extra;
            }
            if (c.roundedFraction() > 0 && rng.nextDouble() < c.roundedFraction()) {
                // fabricated: turnout and the leader's share set to whole percents, the rest scaled to fit
                long roundBallots = Math.round(registered * Math.rint(100.0 * ballots / registered) / 100);
                long found = roundBallots - invalid;
                long leader = Math.round((found + invalid) * Math.rint(100.0 * votes[0] / Math.max(1, ballots)) / 100);
                leader = Math.min(leader, found);
                long others = 0;
                for (int j = 1; j < k; j++) {
                    others += votes[j];
                }
                long rest = found - leader;
                long assigned = 0;
                for (int j = 1; j < k; j++) {
                    votes[j] = others == 0 ? 0 : (j == k - 1 ? rest - assigned : Math.round((double) votes[j] * rest / others));
                    assigned += votes[j];
                }
                votes[0] = leader;
                ballots = roundBallots;
            }
            out.add(new Station("d" + (d + 1), "s" + (i + 1), registered, ballots, invalid, votes));
        }
        return new SyntheticElection(c, out);
    }

    /**
     * An exit poll: {@code sampled} stations drawn with probability proportional to size by systematic sampling (a
     * random start, then every total/sampled valid votes along the list, as exit polls select precincts),
     * {@code perStation} respondents each from the station's actual votes; {@code leaderBias} multiplies the odds
     * of a respondent naming the leader (0 = an honest poll). A station larger than the interval is taken once.
     */
    public List<PollStation> poll(long seed, int sampled, int perStation, double leaderBias) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double total = 0;
        for (Station st : stations) {
            total += st.valid();
        }
        double step = total / Math.max(1, Math.min(sampled, stations.size()));
        double next = rng.nextDouble() * step;
        double acc = 0;
        List<PollStation> out = new ArrayList<>();
        for (Station st : stations) {
            acc += st.valid();
            if (acc <= next) {
                continue;
            }
            while (next < acc) {
                next += step;
            }
            double[] p = new double[st.votes().length];
            double v = st.valid();
            for (int j = 0; j < p.length; j++) {
                p[j] = st.votes()[j] / v;
            }
            if (leaderBias != 0) {
                double odds = p[0] / (1 - p[0]) * (1 + leaderBias);
                double lead = odds / (1 + odds);
                for (int j = 1; j < p.length; j++) {
                    p[j] = p[j] * (1 - lead) / (1 - p[0]);
                }
                p[0] = lead;
            }
            out.add(new PollStation(st.district(), st.id(), multinomial(rng, perStation, p)));
        }
        return out;
    }

    static long binomial(UniformRandomProvider rng, long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        return BinomialDistribution.of((int) n, p).createSampler(rng).sample();
    }

    static long[] multinomial(UniformRandomProvider rng, long n, double[] p) {
        long[] out = new long[p.length];
        long left = n;
        double mass = 1;
        for (int j = 0; j < p.length - 1 && left > 0; j++) {
            double q = mass <= 0 ? 0 : Math.min(1, p[j] / mass);
            out[j] = binomial(rng, left, q);
            left -= out[j];
            mass -= p[j];
        }
        out[p.length - 1] += left;
        return out;
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
