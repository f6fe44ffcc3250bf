package org.exitpollaudit.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The vocabulary of figures.csv: every metric the analysis writes, by section, as a constant. Code that makes a
 * figure ({@link Figure#of}) or looks one up names the constant, so a misspelt metric does not compile; the Methods
 * sheet defines each constant once and {@code MetricVocabularyTest} checks that it does, that docs/figures.md names
 * each, and that every metric of a real report is one of these.
 *
 * <p>A family ({@link #family()}, id starting with {@code *}) stands for metrics named after a test or candidate:
 * {@code Forensics.P_HOLM} is {@code integer_p_holm}, {@code last_digit_<candidate>_p_holm} and so on.
 */
public interface Metric {

    /** The figures.csv section: accuracy, agreement, sensitivity, district, forensics or reconciliation. */
    String section();

    /** The metric as written in figures.csv; for a family, {@code *} and the suffix its members share. */
    String id();

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
        POLL_SHARE_PUBLISHED("poll_share_published"),
        POLL_SHARE("poll_share"),
        OFFICIAL_SHARE("official_share"),
        DEVIATION_PP("deviation_pp"),
        RELATIVE_DEVIATION("relative_deviation"),
        SE("se"),
        CI_LOW("ci_low"),
        CI_HIGH("ci_high"),
        Z("z"),
        P_VALUE("p_value"),
        P_HOLM("p_holm"),
        SIGNIFICANT("significant"),
        LOG_ODDS_RATIO("log_odds_ratio"),
        LOG_ODDS_RATIO_SE("log_odds_ratio_se"),
        N("n"),
        N_ASSUMED("n_assumed"),
        DEFF("deff"),
        N_EFF("n_eff"),
        K("k"),
        RESIDUAL_SHARE("residual_share"),
        OTHER_SHARE_PUBLISHED("other_share_published"),
        INVALID_SHARE_PUBLISHED("invalid_share_published"),
        CHI2("chi2"),
        CHI2_RS("chi2_rs"),
        CHI2_DF("chi2_df"),
        CHI2_P("chi2_p"),
        G2("g2"),
        B("b"),
        B_W("b_w"),
        MOSTELLER_M3("mosteller_m3"),
        MOSTELLER_M5("mosteller_m5"),
        MTK_A("mtk_a"),
        MTK_A_SE("mtk_a_se"),
        MAX_ABS_DEVIATION_PP("max_abs_deviation_pp"),
        WINNER_AGREES("winner_agrees"),
        N_CRITICAL("n_critical"),
        VERDICT_CONSISTENT("verdict_consistent"),
        VERDICT("verdict"),
        PRECISION_PP("precision_pp"),
        DEVIATION_MIN("deviation_min"),
        DEVIATION_MAX("deviation_max"),
        CHI2_RS_MIN("chi2_rs_min"),
        CHI2_RS_MAX("chi2_rs_max"),
        CHI2_CRITICAL("chi2_critical"),
        DEVIATION_CI_LOW("deviation_ci_low"),
        DEVIATION_CI_HIGH("deviation_ci_high"),
        MDE_PP("mde_pp"),
        MARGIN_ERROR("margin_error"),
        MARGIN_ERROR_SE("margin_error_se"),
        MARGIN_ERROR_CI_LOW("margin_error_ci_low"),
        MARGIN_ERROR_CI_HIGH("margin_error_ci_high"),
        TOLERANCE("tolerance"),
        COINCIDES("coincides"),
        COINCIDES_ALL_READINGS("coincides_all_readings"),
        DEFF_CRITICAL("deff_critical"),
        DEFF_ESTIMATED("deff_estimated"),
        STATIONS("stations"),
        DEFF_A2("deff_a2"),
        CHI2_RS2("chi2_rs2"),
        CHI2_RS2_DF("chi2_rs2_df"),
        CHI2_RS2_P("chi2_rs2_p"),
        N_CRITICAL_LOW("n_critical_low"),
        N_CRITICAL_HIGH("n_critical_high"),
        DEFF_CRITICAL_LOW("deff_critical_low"),
        DEFF_CRITICAL_HIGH("deff_critical_high"),
        B_NULL_MEAN("b_null_mean"),
        B_NULL_SD("b_null_sd"),
        B_W_NULL_MEAN("b_w_null_mean"),
        B_W_NULL_SD("b_w_null_sd"),
        B_P("b_p"),
        B_W_P("b_w_p");

        private final String id;

        Accuracy(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.ACCURACY;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Section {@code agreement}: the polls against each other and pooled. */
    enum Agreement implements Metric {
        HOMOGENEITY_CHI2("homogeneity_chi2"),
        HOMOGENEITY_DF("homogeneity_df"),
        HOMOGENEITY_P("homogeneity_p"),
        POLL_SPREAD_PP("poll_spread_pp"),
        POLLS("polls"),
        POOLED_Z("pooled_z"),
        POOLED_P("pooled_p"),
        POOLED_POLLS("pooled_polls"),
        RE_DEVIATION_PP("re_deviation_pp"),
        RE_DEVIATION_CI_LOW("re_deviation_ci_low"),
        RE_DEVIATION_CI_HIGH("re_deviation_ci_high"),
        RE_TAU2("re_tau2"),
        RE_Q("re_q"),
        PAIR_DIFFERENCE_PP("pair_difference_pp"),
        PAIR_Z("pair_z"),
        PAIR_P("pair_p"),
        PAIR_CHI2("pair_chi2"),
        PAIR_DF("pair_df"),
        PAIR_CHI2_P("pair_chi2_p");

        private final String id;

        Agreement(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.AGREEMENT;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Section {@code sensitivity}: the verdict over a grid of sample sizes and design effects. */
    enum Sensitivity implements Metric {
        N("n"),
        DEFF("deff"),
        CHI2_P("chi2_p"),
        VERDICT_CONSISTENT("verdict_consistent");

        private final String id;

        Sensitivity(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.SENSITIVITY;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Section {@code district}: district-level and station-level comparison of polls that publish them. */
    enum District implements Metric {
        POLL_SHARE("poll_share"),
        OFFICIAL_SHARE("official_share"),
        DEVIATION_PP("deviation_pp"),
        N("n"),
        N_ASSUMED("n_assumed"),
        CHI2("chi2"),
        CHI2_P("chi2_p"),
        P_HOLM("p_holm"),
        WPE("wpe"),
        LN_ALPHA("ln_alpha"),
        NATIONAL_PAIR_RANK("national_pair_rank"),
        WPE_MEAN("wpe_mean"),
        LN_ALPHA_MEAN("ln_alpha_mean"),
        LN_ALPHA_SD("ln_alpha_sd"),
        STATIONS_COMPARED("stations_compared"),
        DISTRICTS_COMPARED("districts_compared"),
        STATIONS_FLAGGED("stations_flagged"),
        DISTRICTS_FLAGGED("districts_flagged"),
        DISPERSION_UNITS("dispersion_units"),
        PAIR_Z("pair_z"),
        PAIR_T("pair_t"),
        PAIR_P("pair_p"),
        PAIR_P_HOLM("pair_p_holm"),
        FLAGGED("flagged"),
        DISPERSION("dispersion");

        private final String id;

        District(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.DISTRICT;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Section {@code forensics}: screening of official station-level releases. */
    enum Forensics implements Metric {
        STATIONS_WITH_FIGURES("stations_with_figures"),
        TURNOUT_PCT("turnout_pct"),
        LEADER_SHARE_PCT("leader_share_pct"),
        INTEGER_EITHER_EXCESS("integer_either_excess"),
        INTEGER_EITHER_EXPECTED("integer_either_expected"),
        INTEGER_EITHER_OBSERVED("integer_either_observed"),
        INTEGER_EITHER_P("integer_either_p"),
        INTEGER_EITHER_Z("integer_either_z"),
        INTEGER_LEADER_EXPECTED("integer_leader_expected"),
        INTEGER_LEADER_OBSERVED("integer_leader_observed"),
        INTEGER_STATIONS_INCLUDED("integer_stations_included"),
        INTEGER_TURNOUT_EXPECTED("integer_turnout_expected"),
        INTEGER_TURNOUT_OBSERVED("integer_turnout_observed"),
        TURNOUT_LEADER_R("turnout_leader_r"),
        TURNOUT_LEADER_P("turnout_leader_p"),
        TURNOUT_SLOPE("turnout_slope"),
        TURNOUT_SLOPE_SE("turnout_slope_se"),
        TURNOUT_SLOPE_SHARE("turnout_slope_share"),
        TURNOUT_SLOPE_LEADER_EXCESS("turnout_slope_leader_excess"),
        TURNOUT_SLOPE_OTHERS("turnout_slope_others"),
        TURNOUT_SLOPE_OTHERS_SE("turnout_slope_others_se"),
        TURNOUT_SLOPE_OTHERS_SHARE("turnout_slope_others_share"),
        TURNOUT_SLOPE_STATIONS("turnout_slope_stations"),
        STATIONS_TURNOUT_AND_LEADER_95("stations_turnout_and_leader_95"),
        DISTRICTS_SCREENED("districts_screened"),
        DISTRICTS_INTEGER_SIGNIFICANT("districts_integer_significant"),
        DISTRICTS_TURNOUT_LEADER_SIGNIFICANT("districts_turnout_leader_significant"),
        BENFORD2_N("benford2_n"),
        BENFORD2_MEAN("benford2_mean"),
        BENFORD2_CHI2("benford2_chi2"),
        BENFORD2_P("benford2_p"),
        LAST_DIGIT_N("last_digit_n"),
        LAST_DIGIT_CHI2("last_digit_chi2"),
        LAST_DIGIT_P("last_digit_p"),
        P_HOLM("*_p_holm"),
        FLAGGED_TESTS("flagged_tests"),
        TURNOUT_HISTOGRAM_TENTHS("turnout_histogram_tenths"),
        LEADER_SHARE_HISTOGRAM_TENTHS("leader_share_histogram_tenths"),
        FINGERPRINT_STATIONS("fingerprint_stations");

        private final String id;

        Forensics(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.FORENSICS;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Section {@code reconciliation}: station sums against district and national figures. */
    enum Reconciliation implements Metric {
        REGISTERED_STATION_SUM("registered_station_sum"),
        VOTES_STATION_SUM("votes_station_sum"),
        REGISTERED_REFERENCE("registered_reference"),
        VOTES_REFERENCE("votes_reference"),
        REGISTERED_GAP("registered_gap"),
        VOTES_GAP("votes_gap"),
        REGISTERED_GAP_SHARE("registered_gap_share"),
        VOTES_GAP_SHARE("votes_gap_share"),
        VALID_STATION_SUM("valid_station_sum"),
        VALID_REFERENCE("valid_reference"),
        VALID_GAP("valid_gap"),
        VALID_GAP_SHARE("valid_gap_share"),
        STATIONS_LOADED("stations_loaded"),
        STATIONS_REJECTED("stations_rejected"),
        STATIONS_EXPECTED("stations_expected"),
        STATIONS_MISSING("stations_missing");

        private final String id;

        Reconciliation(String id) {
            this.id = id;
        }

        @Override
        public String section() {
            return Figure.RECONCILIATION;
        }

        @Override
        public String id() {
            return id;
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
