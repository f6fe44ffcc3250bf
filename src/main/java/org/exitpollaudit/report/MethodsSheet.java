package org.exitpollaudit.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.exitpollaudit.analysis.Metric;
import org.exitpollaudit.analysis.SampleSize;
import org.exitpollaudit.calibration.Calibration;
import org.exitpollaudit.calibration.CalibrationTable;
import org.exitpollaudit.election.Source;

/** Methods: what each figure means, the conventions, the defaults and their sources, and this run's assumptions. */
final class MethodsSheet {

    static final String NAME = "Methods";

    /**
     * A definition as shown to analysts (same text as docs/figures.md): the metrics it defines, the label the sheet
     * shows for them (shorthand such as "homogeneity_chi2, _df, _p" that MetricVocabularyTest holds to the list).
     */
    record Definition(List<Metric> metrics, String metric, String definition, String reference) {
        Definition {
            if (metrics.isEmpty() || metrics.stream().map(Metric::section).distinct().count() != 1) {
                throw new IllegalArgumentException("a definition covers metrics of one section: " + metric);
            }
        }

        /** A definition headed by its metrics' names, as they are. */
        Definition(List<Metric> metrics, String definition, String reference) {
            this(metrics, String.join(", ", metrics.stream().map(Metric::id).toList()), definition, reference);
        }

        String section() {
            return metrics.get(0).section();
        }
    }

    static final List<Definition> DEFINITIONS = List.of(
            new Definition(List.of(Metric.Accuracy.POLL_SHARE_PUBLISHED),
                    "The poll's share as published, as a fraction (of valid votes, or of all ballots where share_base = ballots).", ""),
            new Definition(List.of(Metric.Accuracy.POLL_SHARE),
                    "p_i: the poll's share renormalized over the candidates both sources report (residual allocated proportionally).", ""),
            new Definition(List.of(Metric.Accuracy.OFFICIAL_SHARE),
                    "v_i: the official share of valid votes over the same candidates (from votes where given, else renormalized percents).", ""),
            new Definition(List.of(Metric.Accuracy.DEVIATION_PP),
                    "100 (p_i − v_i), percentage points.", ""),
            new Definition(List.of(Metric.Accuracy.RELATIVE_DEVIATION),
                    "(p_i − v_i) / v_i.", ""),
            new Definition(List.of(Metric.Accuracy.SE),
                    "√(deff · p_i (1 − p_i) / n).", "Kish (1965), Survey Sampling"),
            new Definition(List.of(Metric.Accuracy.CI_LOW, Metric.Accuracy.CI_HIGH),
                    "95 % Wilson score interval of p_i with the effective sample size n / deff.", "Wilson (1927); Newcombe (1998) Stat Med 17:857"),
            new Definition(List.of(Metric.Accuracy.Z, Metric.Accuracy.P_VALUE),
                    "z = (p_i − v_i) / √(deff · v_i (1 − v_i) / n); two-sided normal p-value.", "Agresti (2013) Categorical Data Analysis, 3rd ed., ch. 1; Kish (1965) for deff"),
            new Definition(List.of(Metric.Accuracy.P_HOLM),
                    "Holm's step-down adjustment of p_value over the candidates of one comparison.", "Holm (1979) Scand J Stat 6:65"),
            new Definition(List.of(Metric.Accuracy.SIGNIFICANT),
                    "1 if p_holm < 0.05.", ""),
            new Definition(List.of(Metric.Accuracy.LOG_ODDS_RATIO),
                    "A'_i = ln[(p_i/(1−p_i)) / (v_i/(1−v_i))]; 0 = no bias.", "Arzheimer & Evans (2014) Political Analysis 22(1):31–44"),
            new Definition(List.of(Metric.Accuracy.LOG_ODDS_RATIO_SE),
                    "√(deff / (n p_i (1 − p_i))).", "Arzheimer & Evans (2014)"),
            new Definition(List.of(Metric.Accuracy.N, Metric.Accuracy.N_ASSUMED, Metric.Accuracy.DEFF,
                    Metric.Accuracy.N_EFF, Metric.Accuracy.K),
                    "Sample size used (1 in n_assumed when not published), design effect, n / deff, number of candidates compared.", ""),
            new Definition(List.of(Metric.Accuracy.RESIDUAL_SHARE),
                    "1 − sum of the poll's published shares (candidates, other and invalid).", ""),
            new Definition(List.of(Metric.Accuracy.OTHER_SHARE_PUBLISHED, Metric.Accuracy.INVALID_SHARE_PUBLISHED),
                    "The poll's published 'other' and 'invalid' shares, where it reports them.", ""),
            new Definition(List.of(Metric.Accuracy.CHI2),
                    "Pearson X² of observed p_i n against expected v_i n, df = k − 1.", "Pearson (1900)"),
            new Definition(List.of(Metric.Accuracy.CHI2_RS, Metric.Accuracy.CHI2_DF, Metric.Accuracy.CHI2_P),
                    "X² / deff (first-order Rao–Scott correction with a common design effect); upper-tail p on k − 1 df.", "Rao & Scott (1981) JASA 76:221"),
            new Definition(List.of(Metric.Accuracy.G2),
                    "Likelihood-ratio G² = 2 Σ o_i ln(o_i / E_i), before the deff correction.", "Wilks (1938) Ann Math Stat 9:60; Agresti (2013) ch. 1"),
            new Definition(List.of(Metric.Accuracy.B, Metric.Accuracy.B_W),
                    "B = mean |A'_i|; B_w = Σ v_i |A'_i|.", "Arzheimer & Evans (2014); Stata package surveybias"),
            new Definition(List.of(Metric.Accuracy.MOSTELLER_M3),
                    "Mean over candidates of |100 (p_i − v_i)|.", "Mosteller et al. (1949), measure 3"),
            new Definition(List.of(Metric.Accuracy.MOSTELLER_M5),
                    "|(p_a − p_b) − (v_a − v_b)| · 100; a, b = official winner and runner-up.", "Mosteller et al. (1949), measure 5"),
            new Definition(List.of(Metric.Accuracy.MTK_A, Metric.Accuracy.MTK_A_SE),
                    "A = ln[(p_a/p_b)/(v_a/v_b)]; SE = √(deff (1/(n p_a) + 1/(n p_b))).", "Martin, Traugott & Kennedy (2005) POQ 69:342"),
            new Definition(List.of(Metric.Accuracy.MAX_ABS_DEVIATION_PP),
                    "Largest |deviation_pp| over the candidates.", ""),
            new Definition(List.of(Metric.Accuracy.WINNER_AGREES),
                    "1 if the poll's leader is the official winner.", ""),
            new Definition(List.of(Metric.Accuracy.N_CRITICAL),
                    "The n above which chi2_rs would reject at 5 % (X² grows linearly in n): n · χ²₀.₉₅(k−1) / chi2_rs.", "the Rao & Scott (1981) test above, inverted"),
            new Definition(List.of(Metric.Accuracy.VERDICT_CONSISTENT),
                    "1 if chi2_rs does not reject at 5 % at the point estimate (proportional reading of the published poll).", ""),
            new Definition(List.of(Metric.Accuracy.VERDICT),
                    "The verdict rule over every admissible reading: 1 consistent with sampling error (chi2_rs_max ≤ χ²₀.₉₅(k−1)), 0 differs beyond sampling error (chi2_rs_min > χ²₀.₉₅(k−1)), −1 depends on what the poll did not publish (its rounding, its unattributed share); the data issue VERDICT_DEPENDS_ON_UNPUBLISHED names the reading that turns it.", "Rao & Scott (1981) JASA 76:221"),
            new Definition(List.of(Metric.Accuracy.PRECISION_PP),
                    "u: one unit of the last decimal the poll published (0.1 pp for '92.4'); 0 for vote counts.", ""),
            new Definition(List.of(Metric.Accuracy.DEVIATION_MIN, Metric.Accuracy.DEVIATION_MAX),
                    "Lowest and highest 100 (q_i − v_i) over the admissible readings q: each published share anywhere within ±u/2, the unattributed rest given in any proportion to any candidate.", "docs/figures.md"),
            new Definition(List.of(Metric.Accuracy.CHI2_RS_MIN, Metric.Accuracy.CHI2_RS_MAX,
                    Metric.Accuracy.CHI2_CRITICAL),
                    "Lowest and highest chi2_rs over the admissible readings (minimum: exact convex projection; maximum: at a vertex), and χ²₀.₉₅(k−1).", "Boyd & Vandenberghe (2004) Convex Optimization §5.5.3"),
            new Definition(List.of(Metric.Accuracy.DEVIATION_CI_LOW, Metric.Accuracy.DEVIATION_CI_HIGH),
                    "95 % interval of the deviation: deviation_pp ∓ 1.959964 · 100 · se.", "Normal (Wald) interval with the design effect: Kish (1965)"),
            new Definition(List.of(Metric.Accuracy.MDE_PP),
                    "Minimum detectable deviation: the smallest deviation of this candidate (pp) that the chi2_rs test detects with 80 % power at 5 %, however the others absorb it: √(λ deff v(1−v)/n), λ the noncentrality at which a χ²(k − 1) test has 80 % power (7.85 for two candidates, 13.62 for seven).", "Cohen (1988) Statistical Power Analysis, ch. 7"),
            new Definition(List.of(Metric.Accuracy.MARGIN_ERROR, Metric.Accuracy.MARGIN_ERROR_SE,
                    Metric.Accuracy.MARGIN_ERROR_CI_LOW, Metric.Accuracy.MARGIN_ERROR_CI_HIGH),
                    "Signed error on the winner–runner-up margin, 100 [(p_a − p_b) − (v_a − v_b)], a/b = the release's winner and runner-up; SE 100 √(deff (p_a + p_b − (p_a − p_b)²)/n); 95 % interval.", "Mitofsky (1991) POQ 55:105; Edison/Mitofsky (2005)"),
            new Definition(List.of(Metric.Accuracy.TOLERANCE, Metric.Accuracy.COINCIDES),
                    "δ (pp) and 1 if the 90 % intervals (± 1.644854 SE) of margin_error and of every deviation lie inside ±δ at the point estimate: equivalence by two one-sided tests. One δ for the margin and for each share (figures contract). Default 2 pp, a convention: US exit polls' mean error on the margin was about 2 points in ordinary years (−2.2, −2.2, −1.8 in 1988, 1996, 2000) and 5 to 6.5 in bad ones (1992, 2004), as tabulated by Edison/Mitofsky (2005, p. 31; quoted, not re-read here); well-run European exit polls err by about 0.5 to 1 point per party. On the margin, 2 pp is strict.", "Schuirmann (1987) J Pharmacokin Biopharm 15:657; Edison/Mitofsky (2005)"),
            new Definition(List.of(Metric.Accuracy.COINCIDES_ALL_READINGS),
                    "1 if the poll coincides within ±δ for every admissible reading of its rounding and unattributed share (each equivalence bound is concave in the reading; its largest value found by golden-section search).", "Kiefer (1953) Proc AMS 4:502"),
            new Definition(List.of(Metric.Accuracy.DEFF_CRITICAL),
                    "The design effect above which chi2_rs would stop rejecting at the point estimate: X² / χ²₀.₉₅(k−1).", "the Rao & Scott (1981) test above, inverted"),
            new Definition(List.of(Metric.Accuracy.DEFF_ESTIMATED, Metric.Accuracy.STATIONS, Metric.Accuracy.DEFF_A2,
                    Metric.Accuracy.CHI2_RS2, Metric.Accuracy.CHI2_RS2_DF, Metric.Accuracy.CHI2_RS2_P),
                    "1 if the design effects were estimated from the poll's station counts (then deff is δ̄, the mean generalised design effect, with P at the official shares, or at the poll's own where the release gives a candidate no vote; each candidate's deff is its own); the stations in the estimate; â², the squared coefficient of variation of the generalised design effects; the second-order statistic X² / (δ̄ (1 + â²)) on (k − 1)/(1 + â²) df and its p.", "Rao & Scott (1984) Ann Stat 12:46; Kish (1965) §6.3"),
            new Definition(List.of(Metric.Accuracy.N_CRITICAL_LOW, Metric.Accuracy.N_CRITICAL_HIGH,
                    Metric.Accuracy.DEFF_CRITICAL_LOW, Metric.Accuracy.DEFF_CRITICAL_HIGH),
                    "Where the three-valued verdict turns: consistent for every reading below n_critical_low and above deff_critical_high; differs for every reading above n_critical_high and below deff_critical_low; depends in between.", "the Rao & Scott (1981) test above, inverted over the admissible readings"),
            new Definition(List.of(Metric.Accuracy.B_NULL_MEAN, Metric.Accuracy.B_NULL_SD,
                    Metric.Accuracy.B_W_NULL_MEAN, Metric.Accuracy.B_W_NULL_SD),
                    "Mean and SD of B and B_w for an unbiased poll of the same n, deff and shares (delta method; E|X_i X_j| of correlated normals).", "Kamat (1953) Biometrika 40:116"),
            new Definition(List.of(Metric.Accuracy.B_P, Metric.Accuracy.B_W_P),
                    "Share of 20,000 simulated unbiased polls (seed 20140101) with B (B_w) at least the observed value.", ""),
            new Definition(List.of(Metric.Agreement.HOMOGENEITY_CHI2, Metric.Agreement.HOMOGENEITY_DF,
                    Metric.Agreement.HOMOGENEITY_P),
                    "homogeneity_chi2, _df, _p", "Pearson test of homogeneity on the polls × candidates table of effective counts p_i · n / deff.", "Pearson (1900); Fisher (1922) JRSS 85:87 (df)"),
            new Definition(List.of(Metric.Agreement.POLL_SPREAD_PP),
                    "Per candidate: largest minus smallest poll share (renormalized over the candidates all polls report), pp.", ""),
            new Definition(List.of(Metric.Agreement.POLLS),
                    "Number of exit polls in the test.", ""),
            new Definition(List.of(Metric.Agreement.POOLED_Z, Metric.Agreement.POOLED_P, Metric.Agreement.POOLED_POLLS),
                    "Per candidate, against the final release: Stouffer's Σ z_j / √m over the m polls that report the candidate; two-sided p. It tests that every poll's deviation is zero; a large |z| can come from one poll alone, so whether the polls err in one direction is read from each poll's z and from re_deviation and τ².", "Stouffer et al. (1949) The American Soldier, vol. 1"),
            new Definition(List.of(Metric.Agreement.RE_DEVIATION_PP, Metric.Agreement.RE_DEVIATION_CI_LOW,
                    Metric.Agreement.RE_DEVIATION_CI_HIGH, Metric.Agreement.RE_TAU2, Metric.Agreement.RE_Q),
                    "DerSimonian–Laird random-effects summary of the polls' deviations from the final release (pp), with the Hartung–Knapp 95 % interval (t on m − 1 df, variance scale truncated at 1), the between-poll variance τ² (pp²) and Cochran's Q.", "DerSimonian & Laird (1986) Control Clin Trials 7:177; Knapp & Hartung (2003) Stat Med 22:2693"),
            new Definition(List.of(Metric.Agreement.PAIR_DIFFERENCE_PP, Metric.Agreement.PAIR_Z,
                    Metric.Agreement.PAIR_P, Metric.Agreement.PAIR_CHI2, Metric.Agreement.PAIR_DF,
                    Metric.Agreement.PAIR_CHI2_P),
                    "Two polls against each other (source, reference): difference per candidate, z with both polls' standard errors, and the pair's homogeneity test.", "Agresti (2013) ch. 3 (difference of independent proportions); Pearson (1900)"),
            new Definition(List.of(Metric.Sensitivity.N, Metric.Sensitivity.DEFF, Metric.Sensitivity.CHI2_P,
                    Metric.Sensitivity.VERDICT_CONSISTENT),
                    "For each poll against the final release, the verdict rule (chi2_rs alone) at the point estimate on a grid of n (unit 'n=…|deff=…') and design effects 1 to 5.", ""),
            new Definition(List.of(Metric.District.POLL_SHARE, Metric.District.OFFICIAL_SHARE,
                    Metric.District.DEVIATION_PP),
                    "Per district or station (level, unit) of an exit poll that publishes them: shares over the candidates both report, and their difference.", ""),
            new Definition(List.of(Metric.District.N, Metric.District.N_ASSUMED),
                    "Respondents in the unit: counted (respondent and vote files); for percent files derived and assumed: a station N / stations_sampled (or the stations listed), a district N / the districts listed, N = sample_size, assumed_sample_size or respondents-per-station × stations_sampled; respondents-per-station when none is known.", ""),
            new Definition(List.of(Metric.District.CHI2, Metric.District.CHI2_P, Metric.District.P_HOLM),
                    "Descriptive: Pearson X² of the poll's counts against the unit's official shares (÷ deff for districts, none within a station), Holm over the poll's units. It assumes pure binomial error, which real exit polls exceed, so it is not the flag.", "Pearson (1900); Holm (1979)"),
            new Definition(List.of(Metric.District.WPE, Metric.District.LN_ALPHA, Metric.District.NATIONAL_PAIR_RANK),
                    "Within-precinct error 100 [(p_a − p_b) − (v_a − v_b)] and ln α = ln[(p_a/p_b)/(v_a/v_b)], with a, b = the national winner and runner-up of the final release in every unit (national_pair_rank 1, 2), so that averages over units average one quantity. National rows: means and the SD of ln α.", "Edison/Mitofsky (2005) Evaluation of the 2004 Exit Polls; Liddle (2005)"),
            new Definition(List.of(Metric.District.WPE_MEAN, Metric.District.LN_ALPHA_MEAN, Metric.District.LN_ALPHA_SD,
                    Metric.District.STATIONS_COMPARED, Metric.District.STATIONS_FLAGGED,
                    Metric.District.DISTRICTS_COMPARED, Metric.District.DISTRICTS_FLAGGED,
                    Metric.District.DISPERSION_UNITS),
                    "National rows of the local comparison: mean WPE and ln α over the poll's units, the SD of ln α, the units compared and flagged, and the units the dispersion φ was estimated from.", ""),
            new Definition(List.of(Metric.District.PAIR_Z, Metric.District.PAIR_T, Metric.District.PAIR_P,
                    Metric.District.PAIR_P_HOLM, Metric.District.FLAGGED, Metric.District.DISPERSION),
                    "The pair's split against the count's: z = (x_a − m π₀)/√(m π₀(1 − π₀)), m = x_a + x_b, π₀ = v_a/(v_a + v_b). The poll's dispersion φ = Σz²/N over its N units (quasi-binomial: variance φ × binomial, measuring how much more its units vary than sampling allows); t = z/√φ, two-sided p on Student's t with N df, Holm over the units; flagged if p_holm < 0.05. Needs ≥ 10 units. Simulated honest over-dispersed polls: 3–6 % of polls with any flag (a pure binomial test flags many stations).", "McCullagh & Nelder (1989) Generalized Linear Models, 2nd ed., §4.5"),
            new Definition(List.of(Metric.Forensics.STATIONS_WITH_FIGURES, Metric.Forensics.TURNOUT_PCT,
                    Metric.Forensics.LEADER_SHARE_PCT),
                    "Stations of the release with every figure; ballots cast / registered; leader's votes / ballots found (valid + invalid).", ""),
            new Definition(List.of(Metric.Forensics.INTEGER_EITHER_EXCESS, Metric.Forensics.INTEGER_EITHER_EXPECTED,
                    Metric.Forensics.INTEGER_EITHER_OBSERVED, Metric.Forensics.INTEGER_EITHER_P,
                    Metric.Forensics.INTEGER_EITHER_Z, Metric.Forensics.INTEGER_LEADER_EXPECTED,
                    Metric.Forensics.INTEGER_LEADER_OBSERVED, Metric.Forensics.INTEGER_STATIONS_INCLUDED,
                    Metric.Forensics.INTEGER_TURNOUT_EXPECTED, Metric.Forensics.INTEGER_TURNOUT_OBSERVED),
                    "integer_*", "Stations with turnout or the leader's share within ±0.05 pp of a whole percent (found > 0, registered ≥ 100, both ≤ 99 %): observed; expected exactly under binomial resampling of each station; excess; z; one-sided p.", "Kobak, Shpilkin & Pshenichnikov (2016) Ann Appl Stat 10:54; Lindeberg (1922) Math Z 15:211 (normal z)"),
            new Definition(List.of(Metric.Forensics.TURNOUT_LEADER_R, Metric.Forensics.TURNOUT_LEADER_P),
                    "Descriptive: correlation of turnout and the leader's share across stations, centred on district means; one-sided p by Fisher's z against zero correlation. Ballot stuffing raises both together, but so can honest differences between towns and villages, so it is not counted in flagged_tests.", "Myagkov, Ordeshook & Shakin (2009) The Forensics of Election Fraud; Fisher (1921) Metron 1:3 (z)"),
            new Definition(List.of(Metric.Forensics.TURNOUT_SLOPE, Metric.Forensics.TURNOUT_SLOPE_SE,
                    Metric.Forensics.TURNOUT_SLOPE_SHARE, Metric.Forensics.TURNOUT_SLOPE_LEADER_EXCESS,
                    Metric.Forensics.TURNOUT_SLOPE_OTHERS, Metric.Forensics.TURNOUT_SLOPE_OTHERS_SE,
                    Metric.Forensics.TURNOUT_SLOPE_OTHERS_SHARE),
                    "turnout_slope, _se, _share; turnout_slope_leader_excess; turnout_slope_others, _se, _share", "Shpilkin's regression over stations with ≥ 100 registered: OLS slope of a candidate's votes / registered on turnout, White's HC0 SE, and its share Σ votes / Σ ballots cast. If voters split alike at every turnout, slope = share; added ballots for the leader push its slope above its share (excess) and the others' towards 0. An effect size, not a test against zero correlation.", "Kobak, Shpilkin & Pshenichnikov (2016) Significance 13(4):20 and Ann Appl Stat 10:54; White (1980) Econometrica 48:817"),
            new Definition(List.of(Metric.Forensics.TURNOUT_SLOPE_STATIONS),
                    "Stations in the turnout-slope regressions (registered ≥ 100, every figure given).", ""),
            new Definition(List.of(Metric.Forensics.STATIONS_TURNOUT_AND_LEADER_95, Metric.Forensics.DISTRICTS_SCREENED,
                    Metric.Forensics.DISTRICTS_INTEGER_SIGNIFICANT,
                    Metric.Forensics.DISTRICTS_TURNOUT_LEADER_SIGNIFICANT),
                    "Stations (≥ 100 registered) with turnout and leader share both ≥ 95 %; districts with station rows; of them, those with the integer test / the turnout–leader correlation significant after Holm over the districts.", ""),
            new Definition(List.of(Metric.Forensics.BENFORD2_N, Metric.Forensics.BENFORD2_MEAN,
                    Metric.Forensics.BENFORD2_CHI2, Metric.Forensics.BENFORD2_P),
                    "benford2_n, _mean, _chi2, _p", "Second significant digit of each candidate's station counts ≥ 10 against Benford's law (mean 4.187), X² on 9 df; needs ≥ 60 counts. Reported, not counted in flagged_tests: honest binomial counts do not follow Benford's law, so its false-positive rate is above 5 % at 1,000 stations (calibration below) and, in our simulations of 90,000 clean stations, it rejected every election for every candidate.", "Mebane (2006); Deckert, Myagkov & Ordeshook (2011) Political Analysis 19:245"),
            new Definition(List.of(Metric.Forensics.LAST_DIGIT_N, Metric.Forensics.LAST_DIGIT_CHI2,
                    Metric.Forensics.LAST_DIGIT_P),
                    "last_digit_n, _chi2, _p", "Last digit of counts ≥ 10 against its exact expectation under binomial resampling of each count (uniform for large counts), X² on 9 df.", "Beber & Scacco (2012) Political Analysis 20:211"),
            new Definition(List.of(Metric.Forensics.P_HOLM, Metric.Forensics.FLAGGED_TESTS),
                    "Per district: each test's p adjusted by Holm over the districts; the number of counted tests (integer, last digit; 2BL and the turnout–leader correlation excluded) with p_holm < 0.05.", ""),
            new Definition(List.of(Metric.Forensics.TURNOUT_HISTOGRAM_TENTHS,
                    Metric.Forensics.LEADER_SHARE_HISTOGRAM_TENTHS),
                    "Stations per 0.1-point bin centred on the tenths (unit = centre; 60.0 holds 59.95 to 60.05), so that whole-percent spikes show.", "Kobak, Shpilkin & Pshenichnikov (2016) Ann Appl Stat 10:54"),
            new Definition(List.of(Metric.Forensics.FINGERPRINT_STATIONS),
                    "Stations per 1 × 1 point cell of turnout × leader share (unit 'turnout=t|leader=l').", "Klimek, Yegorov, Hanel & Thurner (2012) PNAS 109:16469"),
            new Definition(List.of(Metric.Reconciliation.REGISTERED_STATION_SUM,
                    Metric.Reconciliation.VOTES_STATION_SUM, Metric.Reconciliation.REGISTERED_REFERENCE,
                    Metric.Reconciliation.VOTES_REFERENCE, Metric.Reconciliation.REGISTERED_GAP,
                    Metric.Reconciliation.VOTES_GAP, Metric.Reconciliation.REGISTERED_GAP_SHARE,
                    Metric.Reconciliation.VOTES_GAP_SHARE, Metric.Reconciliation.VALID_STATION_SUM,
                    Metric.Reconciliation.VALID_REFERENCE, Metric.Reconciliation.VALID_GAP,
                    Metric.Reconciliation.VALID_GAP_SHARE),
                    "*_station_sum, *_reference, *_gap, *_gap_share", "Sum over the loaded stations, the higher-level figure (final protocol, district file, districts.csv, election.yaml), reference − sum and its share of the reference; stations loaded / rejected / expected / missing.", ""),
            new Definition(List.of(Metric.Reconciliation.STATIONS_LOADED, Metric.Reconciliation.STATIONS_REJECTED,
                    Metric.Reconciliation.STATIONS_EXPECTED, Metric.Reconciliation.STATIONS_MISSING),
                    "Station rows loaded and rejected for the release; stations the election has (election.yaml stations_total or districts.csv); expected minus loaded.", ""));

    private MethodsSheet() {
    }

    static void write(XSSFWorkbook wb, Styles styles, ReportData data) {
        SheetWriter w = new SheetWriter(wb.createSheet(NAME), styles);
        w.title("Methods: what each figure means");
        w.text(w.row(), 0, "Conventions", styles.subtitle);
        for (String line : List.of(
                "Shares are fractions of valid votes over the candidates that both the poll and the official release report."
                        + " A poll's published shares are renormalized over those candidates: undecided, other and undisclosed"
                        + " residuals are allocated proportionally, and the residual itself is reported (residual_share).",
                "Sources whose percents are of all ballots (share_base = ballots, invalid included) are converted to shares of"
                        + " valid votes by the same renormalization. Official shares come from vote counts where given.",
                "n is the poll's sample size: published, or ASSUMED (flagged everywhere, with the assumption stated below).",
                "deff, the design effect of a sample clustered by polling station, inflates every variance; n_eff = n / deff.",
                "One rule decides the verdict: the design-corrected χ² (X² / deff) at 5 %, for every reading of the poll that its"
                        + " rounding and unattributed share allow. 'Consistent with sampling error' holds for every reading; 'differs"
                        + " beyond sampling error' for every reading (the gap is larger than chance alone would produce at this n and"
                        + " deff; it does not say which side is wrong); otherwise the verdict depends on what the poll did not publish."
                        + " The per-candidate tests with Holm's correction only show which candidates drive a rejection.",
                "'Coincides within ±δ' is a different question, about size: the 90 % intervals of the margin error and of every"
                        + " deviation lie inside ±δ (two one-sided tests). A large poll can differ beyond sampling error yet coincide;"
                        + " a small one can be consistent with sampling error without showing that it coincides.",
                "figures.csv holds every number of this workbook at full precision (section, source, reference, level, unit,"
                        + " candidate, metric, value).")) {
            w.paragraph(line, 3, 170, styles.wrap);
        }
        w.skip();
        w.text(w.row(), 0, "Parameters of this run and where the defaults come from", styles.subtitle);
        var p = data.params();
        param(w, "deff = " + SampleSize.fmt(p.deff()), "Design effect assumed for a poll without station data (a poll with"
                + " station counts gets its own, estimated from the spread between its stations: cluster-sample variance of"
                + " each share, Kish 1965 §6.3; first-order Rao–Scott X² over the mean generalised design effect, Rao & Scott"
                + " 1981, 1984). Default 2.5, a conservative convention: by the Russian 2024 count (ρ of station shares), a"
                + " poll of 40 interviews per station has a design effect of 2.5 for the leader's share and a mean generalised"
                + " design effect of 2.05 (1.70 within regions); the Ukrainian National Exit Poll's stated errors imply 2.2 and"
                + " 3.5 if they are 95 % margins at p = 0.5 (not stated); the AP/NEP 2012 table implies 1.0 to 2.2 for"
                + " characteristics less clustered than the vote. A source's own deff column overrides it. Sensitivity shows"
                + " 1.0–5.0; deff_critical_low/high say where a verdict turns. See docs/design-effect.md.");
        param(w, "respondents-per-station = " + SampleSize.fmt(p.respondentsPerStation()), "Used when a poll published the"
                + " number of stations it sampled but not its sample size. Default 40: the Social Research Center, the one"
                + " 2024 Azerbaijan exit poll that published both, interviewed 5,012 voters at 125 stations (40.1 per station).");
        param(w, "fallback-sample-size = " + p.fallbackSampleSize(), "Used when neither n nor the number of stations was published.");
        param(w, "tolerance = " + SampleSize.fmt(p.tolerance()) + " pp", "δ of 'coincides', a convention: US exit polls'"
                + " mean error on the winner–runner-up margin was about 2 points in ordinary years (1988, 1996, 2000) and 5 to"
                + " 6.5 in bad ones (1992, 2004) (Edison/Mitofsky 2005, Evaluation of Edison/Mitofsky Election System 2004,"
                + " p. 31, as quoted); the same δ applies to each share, where good exit polls err by 0.5 to 1 point.");
        param(w, "alpha = " + p.alpha() + ", confidence = " + p.confidence(), "Significance level of every test; confidence of the intervals.");
        w.skip();
        w.text(w.row(), 0, "Assumptions this run made", styles.subtitle);
        for (Source poll : data.pkg().exitPolls()) {
            SampleSize s = SampleSize.of(poll, p);
            Row r = w.row();
            w.text(r, 0, poll.id() + ": n = " + String.format(Locale.ROOT, "%,.0f", s.n()) + " — " + s.basis()
                    + "; deff = " + SampleSize.fmt(p.deffFor(poll))
                    + (poll.deff() != null ? " (from sources.csv)" : " (job default)"), s.assumed() ? styles.warnLine : styles.text);
        }
        calibration(w, CalibrationTable.shipped());
        w.skip();
        int header = w.header("Section", "Metric", "Definition", "Reference");
        for (Definition d : DEFINITIONS) {
            Row r = w.row();
            w.text(r, 0, d.section());
            w.text(r, 1, d.metric(), styles.wrap);
            w.text(r, 2, d.definition(), styles.wrap);
            // tall enough for the longest of the three wrapped columns (about 115, 32 and 44 characters a line)
            r.setHeightInPoints((float) Math.max(1, Math.max(Math.ceil(d.definition().length() / 115.0),
                    Math.max(Math.ceil(d.metric().length() / 32.0), Math.ceil(d.reference().length() / 44.0)))) * 13f
                    + 3);
            w.text(r, 3, d.reference(), styles.wrap);
        }
        w.table(header, 3);
        w.widths(14, 34, 100, 44);
    }

    /** Labels of the lines naming how the shipped table was made (the Methods sheet test reads them back). */
    static final String SEED = "Seed", GENERATED = "Date (UTC)", REPLICATIONS = "Elections", SAMPLES = "Polls",
            COMMAND = "Command";

    /**
     * The calibration table shipped in the jar (calibration/calibration.csv, written by the calibrate command): how
     * often each test rejects at 5 % on simulated elections and polls, and how the table was made. Nothing is
     * simulated during a run.
     */
    static void calibration(SheetWriter w, CalibrationTable table) {
        w.skip();
        w.text(w.row(), 0, "Calibration: how often each test rejects at 5 % on simulated elections and polls", w.styles.subtitle);
        w.paragraph("Not simulated by this run: the table shipped with this version of the program, written by its"
                + " calibrate command. Seeded simulated elections (log-normal station sizes, district and station"
                + " heterogeneity of turnout and support, honest binomial counting) with and without injected anomalies,"
                + " including honest elections whose urban and rural stations differ in both turnout and leader support;"
                + " station exit polls by cluster sampling; national polls drawn at the 2024 CEC final shares with n = 5,012"
                + " (simple random and Dirichlet-multinomial cluster samples with a known design effect). On an honest"
                + " election a calibrated test rejects about 5 % of the time; with its anomaly it should reject nearly"
                + " always. Intervals: Clopper–Pearson 95 %.", 3, 170, w.styles.wrap);
        Map<String, String> meta = table.meta();
        for (String[] line : new String[][] {{SEED, meta.get("seed"), "base seed: the same seed gives the same table"},
                {GENERATED, meta.get("generated"), "when the table was made"},
                {REPLICATIONS, meta.get("replications"), "simulated elections per forensic and station exit-poll cell"},
                {SAMPLES, meta.get("samples"), "simulated national polls per verdict-rule cell"},
                {COMMAND, meta.get("command"), null}}) {
            Row r = w.row();
            w.text(r, 0, line[0], w.styles.bold);
            w.text(r, 1, line[1]);
            if (line[2] != null) {
                w.text(r, 2, line[2]);
            }
        }
        w.header("Size", "Test", "Scenario", "Rejected at 5 % (95 % interval), of trials");
        for (CalibrationTable.Row c : table.rows()) {
            Row r = w.row();
            // every cell of the line top-aligned (wrap), so that short values sit level with a wrapped scenario
            w.text(r, 0, c.electionStations() != null ? String.format(Locale.ROOT, "%,d stations", c.electionStations())
                    : String.format(Locale.ROOT, "n = %,d", c.respondents()), w.styles.wrap);
            String label = Calibration.label(c.test());
            w.text(r, 1, label, w.styles.wrap);
            w.text(r, 2, c.description(), w.styles.wrap);
            w.text(r, 3, String.format(Locale.ROOT, "%.1f %% (%.1f–%.1f %%), %,d of %,d", 100 * c.rate(),
                    100 * c.ciLow(), 100 * c.ciHigh(), c.rejections(), c.trials()), w.styles.wrap);
            r.setHeightInPoints((float) Math.max(Math.ceil(label.length() / 32.0), Math.ceil(c.description().length() / 95.0))
                    * 13f + 3);
        }
    }

    private static void param(SheetWriter w, String name, String explanation) {
        Row r = w.row();
        w.text(r, 0, name, w.styles.bold);
        w.text(r, 2, explanation, w.styles.wrap);
        r.setHeightInPoints((float) Math.max(1, Math.ceil(explanation.length() / 95.0)) * 13f + 3);
    }
}
