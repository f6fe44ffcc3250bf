package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The vocabulary of figures.csv: every metric the analysis writes, by section, as a constant. Code that makes a
 * figure ({@link Figure#of}) or looks one up names the constant, so a misspelt metric does not compile; the Methods
 * sheet defines each constant once and {@code MetricVocabularyTest} checks that it does and that every name on the
 * sheet is a constant, that docs/figures.md's tables define each constant in its section and nothing else, and that
 * every metric of a real report is one of these.
 *
 * <p>A family ({@link #family()}, id starting with {@code *}) stands for metrics named after a test or candidate:
 * {@code Forensics.P_HOLM} is {@code integer_p_holm}, {@code last_digit_<candidate>_p_holm} and so on.
 */
public interface Metric {

    /** The figures.csv section: accuracy, agreement, sensitivity, district, forensics or reconciliation. */
    String section();

    /**
     * The metric as written in figures.csv: the constant's name in lower case; for a family, {@code *} and the suffix
     * its members share.
     */
    default String id() {
        return MetricIds.of(this);
    }

    /** The constant's name (every metric is an enum constant). */
    String name();

    /** Whether this stands for several metrics named after a test or a candidate. */
    default boolean family() {
        return id().startsWith("*");
    }

    /** The member of a family named after {@code prefix} ({@code integer} → {@code integer_p_holm}). */
    default String member(String prefix) {
        if (!family()) {
            throw new IllegalStateException(id() + " is one metric, not a family");
        }
        return prefix + id().substring(1);
    }

    /** Whether figures.csv's {@code metric} is this one (or, for a family, one of its members). */
    default boolean names(String metric) {
        return family() ? metric.endsWith(id().substring(1)) && metric.length() > id().length() - 1
                : metric.equals(id());
    }

    /** Every metric of every section, in section and definition order. */
    static List<Metric> all() {
        List<Metric> out = new ArrayList<>();
        out.addAll(List.of(Accuracy.values()));
        out.addAll(List.of(Agreement.values()));
        out.addAll(List.of(Sensitivity.values()));
        out.addAll(List.of(District.values()));
        out.addAll(List.of(Forensics.values()));
        out.addAll(List.of(Reconciliation.values()));
        return out;
    }

    /** The metric a figure of {@code section} named {@code metric} is, or {@code null} if none is. */
    static Metric of(String section, String metric) {
        Metric family = null;
        for (Metric m : all()) {
            if (m.section().equals(section) && m.names(metric)) {
                if (!m.family()) {
                    return m;
                }
                family = m;
            }
        }
        return family;
    }

    /** Section {@code accuracy}: one poll against one release, nationally. */
    enum Accuracy implements Metric {
        POLL_SHARE_PUBLISHED,
        POLL_SHARE,
        OFFICIAL_SHARE,
        DEVIATION_PP,
        RELATIVE_DEVIATION,
        SE,
        CI_LOW,
        CI_HIGH,
        Z,
        P_VALUE,
        P_HOLM,
        SIGNIFICANT,
        LOG_ODDS_RATIO,
        LOG_ODDS_RATIO_SE,
        N,
        N_ASSUMED,
        DEFF,
        N_EFF,
        K,
        RESIDUAL_SHARE,
        OTHER_SHARE_PUBLISHED,
        INVALID_SHARE_PUBLISHED,
        CHI2,
        CHI2_RS,
        CHI2_DF,
        CHI2_P,
        G2,
        B,
        B_W,
        MOSTELLER_M3,
        MOSTELLER_M5,
        MTK_A,
        MTK_A_SE,
        MAX_ABS_DEVIATION_PP,
        WINNER_AGREES,
        N_CRITICAL,
        VERDICT_CONSISTENT,
        VERDICT,
        PRECISION_PP,
        DEVIATION_MIN,
        DEVIATION_MAX,
        CHI2_RS_MIN,
        CHI2_RS_MAX,
        CHI2_CRITICAL,
        DEVIATION_CI_LOW,
        DEVIATION_CI_HIGH,
        MDE_PP,
        MARGIN_ERROR,
        MARGIN_ERROR_SE,
        MARGIN_ERROR_CI_LOW,
        MARGIN_ERROR_CI_HIGH,
        TOLERANCE,
        COINCIDES,
        COINCIDES_ALL_READINGS,
        DEFF_CRITICAL,
        DEFF_ESTIMATED,
        STATIONS,
        DEFF_A2,
        CHI2_RS2,
        CHI2_RS2_DF,
        CHI2_RS2_P,
        N_CRITICAL_LOW,
        N_CRITICAL_HIGH,
        DEFF_CRITICAL_LOW,
        DEFF_CRITICAL_HIGH,
        B_NULL_MEAN,
        B_NULL_SD,
        B_W_NULL_MEAN,
        B_W_NULL_SD,
        B_P,
        B_W_P;


        @Override
        public String section() {
            return Figure.ACCURACY;
        }
    }

    /** Section {@code agreement}: the polls against each other and pooled. */
    enum Agreement implements Metric {
        HOMOGENEITY_CHI2,
        HOMOGENEITY_DF,
        HOMOGENEITY_P,
        POLL_SPREAD_PP,
        POLLS,
        POOLED_Z,
        POOLED_P,
        POOLED_POLLS,
        RE_DEVIATION_PP,
        RE_DEVIATION_CI_LOW,
        RE_DEVIATION_CI_HIGH,
        RE_TAU2,
        RE_Q,
        PAIR_DIFFERENCE_PP,
        PAIR_Z,
        PAIR_P,
        PAIR_CHI2,
        PAIR_DF,
        PAIR_CHI2_P;


        @Override
        public String section() {
            return Figure.AGREEMENT;
        }
    }

    /** Section {@code sensitivity}: the verdict over a grid of sample sizes and design effects. */
    enum Sensitivity implements Metric {
        N,
        DEFF,
        CHI2_P,
        VERDICT_CONSISTENT;


        @Override
        public String section() {
            return Figure.SENSITIVITY;
        }
    }

    /** Section {@code district}: district-level and station-level comparison of polls that publish them. */
    enum District implements Metric {
        POLL_SHARE,
        OFFICIAL_SHARE,
        DEVIATION_PP,
        N,
        N_ASSUMED,
        CHI2,
        CHI2_P,
        P_HOLM,
        WPE,
        LN_ALPHA,
        NATIONAL_PAIR_RANK,
        WPE_MEAN,
        LN_ALPHA_MEAN,
        LN_ALPHA_SD,
        STATIONS_COMPARED,
        DISTRICTS_COMPARED,
        STATIONS_FLAGGED,
        DISTRICTS_FLAGGED,
        DISPERSION_UNITS,
        PAIR_Z,
        PAIR_T,
        PAIR_P,
        PAIR_P_HOLM,
        FLAGGED,
        DISPERSION;


        @Override
        public String section() {
            return Figure.DISTRICT;
        }
    }

    /** Section {@code forensics}: screening of official station-level releases. */
    enum Forensics implements Metric {
        STATIONS_WITH_FIGURES,
        TURNOUT_PCT,
        LEADER_SHARE_PCT,
        INTEGER_EITHER_EXCESS,
        INTEGER_EITHER_EXPECTED,
        INTEGER_EITHER_OBSERVED,
        INTEGER_EITHER_P,
        INTEGER_EITHER_Z,
        INTEGER_LEADER_EXPECTED,
        INTEGER_LEADER_OBSERVED,
        INTEGER_STATIONS_INCLUDED,
        INTEGER_TURNOUT_EXPECTED,
        INTEGER_TURNOUT_OBSERVED,
        TURNOUT_LEADER_R,
        TURNOUT_LEADER_P,
        TURNOUT_SLOPE,
        TURNOUT_SLOPE_SE,
        TURNOUT_SLOPE_SHARE,
        TURNOUT_SLOPE_LEADER_EXCESS,
        TURNOUT_SLOPE_OTHERS,
        TURNOUT_SLOPE_OTHERS_SE,
        TURNOUT_SLOPE_OTHERS_SHARE,
        TURNOUT_SLOPE_STATIONS,
        STATIONS_TURNOUT_AND_LEADER_95,
        DISTRICTS_SCREENED,
        DISTRICTS_INTEGER_SIGNIFICANT,
        DISTRICTS_TURNOUT_LEADER_SIGNIFICANT,
        BENFORD2_N,
        BENFORD2_MEAN,
        BENFORD2_CHI2,
        BENFORD2_P,
        LAST_DIGIT_N,
        LAST_DIGIT_CHI2,
        LAST_DIGIT_P,
        P_HOLM {
            @Override
            public String id() {
                return "*_p_holm";
            }
        },
        FLAGGED_TESTS,
        TURNOUT_HISTOGRAM_TENTHS,
        LEADER_SHARE_HISTOGRAM_TENTHS,
        FINGERPRINT_STATIONS;


        @Override
        public String section() {
            return Figure.FORENSICS;
        }
    }

    /** Section {@code reconciliation}: station sums against district and national figures. */
    enum Reconciliation implements Metric {
        REGISTERED_STATION_SUM,
        VOTES_STATION_SUM,
        REGISTERED_REFERENCE,
        VOTES_REFERENCE,
        REGISTERED_GAP,
        VOTES_GAP,
        REGISTERED_GAP_SHARE,
        VOTES_GAP_SHARE,
        VALID_STATION_SUM,
        VALID_REFERENCE,
        VALID_GAP,
        VALID_GAP_SHARE,
        STATIONS_LOADED,
        STATIONS_REJECTED,
        STATIONS_EXPECTED,
        STATIONS_MISSING;


        @Override
        public String section() {
            return Figure.RECONCILIATION;
        }
    }

    /** What a station sum is held against in section reconciliation, with the four metrics of that comparison. */
    enum Gap {
        REGISTERED(Reconciliation.REGISTERED_STATION_SUM, Reconciliation.REGISTERED_REFERENCE,
                Reconciliation.REGISTERED_GAP, Reconciliation.REGISTERED_GAP_SHARE),
        VOTES(Reconciliation.VOTES_STATION_SUM, Reconciliation.VOTES_REFERENCE, Reconciliation.VOTES_GAP,
                Reconciliation.VOTES_GAP_SHARE),
        VALID(Reconciliation.VALID_STATION_SUM, Reconciliation.VALID_REFERENCE, Reconciliation.VALID_GAP,
                Reconciliation.VALID_GAP_SHARE);

        private final Reconciliation stationSum;
        private final Reconciliation reference;
        private final Reconciliation gap;
        private final Reconciliation gapShare;

        Gap(Reconciliation stationSum, Reconciliation reference, Reconciliation gap, Reconciliation gapShare) {
            this.stationSum = stationSum;
            this.reference = reference;
            this.gap = gap;
            this.gapShare = gapShare;
        }

        public Reconciliation stationSum() {
            return stationSum;
        }

        public Reconciliation reference() {
            return reference;
        }

        public Reconciliation gap() {
            return gap;
        }

        public Reconciliation gapShare() {
            return gapShare;
        }
    }
}
