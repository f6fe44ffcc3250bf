package org.exitpollaudit.model;

/**
 * Every code a {@link DataIssue} can carry: the one list of them, so that a code is spelled once and a reader finds
 * every kind of issue the program reports in one place. The code's name is what data-issues.csv, the Data quality
 * sheet and the staging tables hold; renaming one changes a public output (docs/input-format.md). Each code is explained
 * in docs/input-format.md's table "Every data-issue code"; {@code IssueCodeTest} checks that the table and this list
 * hold the same codes.
 */
public enum IssueCode {

    // Reading the package: files, layouts, cells and values (ingest)
    AMBIGUOUS_SPELLING,
    BAD_BOOLEAN,
    BAD_DATE,
    BAD_DEFF,
    BAD_DISTRICT,
    BAD_ID,
    BAD_LEVEL,
    BAD_NUMBER,
    BAD_PATH,
    BAD_VALUE,
    BAD_YAML,
    BROKEN_LINK,
    DEFF_BELOW_1,
    DUPLICATE_CANDIDATE,
    DUPLICATE_COLUMN,
    DUPLICATE_ID,
    DUPLICATE_SOURCE,
    EMPTY_FILE,
    EMPTY_HEADER,
    FINAL_INCOMPLETE,
    FINAL_NOT_NATIONAL,
    FINAL_POLL,
    ID_TOO_LONG,
    IMPLAUSIBLE,
    LINK_LEAVES_PACKAGE,
    MISSING_COLUMN,
    MISSING_FILE,
    MISSING_KEY,
    MISSING_VALUE,
    NEGATIVE,
    NOT_A_FILE,
    NO_CANDIDATES,
    NO_CANDIDATE_COLUMNS,
    NO_FINAL,
    NO_PACKAGE,
    NO_POLLS,
    NOT_UTF8,
    OVER_100,
    PATH_ESCAPES,
    RESERVED_ID,
    RESERVED_NAME,
    SEVERAL_FINAL,
    SHARED_FILE,
    SHARE_BASE_IGNORED,
    TEXT_AFTER_QUOTE,
    UNCLOSED_QUOTE,
    UNKNOWN_CANDIDATE,
    UNKNOWN_COLUMN,
    UNREADABLE_FILE,
    UNSUPPORTED_FILE,
    XLSX_ERROR_CELL,
    XLSX_FORMULA,
    XLSX_MERGED,
    XLSX_NO_VALUE,
    XLSX_SHEETS,

    // Rows and sources left out
    ROW_REJECTED,
    SOURCE_NOT_USED,
    NO_FINAL_DATA,
    NO_POLL_COMPARED,

    // Consistency of the figures within a row, a release or between releases (reconcile, station checks)
    VOTES_NE_VALID,
    BALLOTS_MISMATCH,
    BALLOTS_OVER_REGISTERED,
    FOUND_OVER_CAST,
    REGISTERED_DIFFERS,
    TURNOUT_MISMATCH,
    TURNOUT_BELOW_VOTES,
    PERCENT_RESIDUAL,
    PERCENT_ROUNDING,
    SHARE_BASE_BALLOTS,
    CANDIDATE_MISSING,
    PARTIAL_ABOVE_FINAL,
    DUPLICATE_FIGURES,
    LEVEL_GAP,
    UNIT_NOT_IN_OFFICIAL,

    // The comparison: what it assumed or could not do (analysis)
    ASSUMED_SAMPLE_SIZE,
    NO_COMMON_CANDIDATES,
    ZERO_SHARE,
    DEFF_NOT_ESTIMATED,
    VERDICT_DEPENDS_ON_UNPUBLISHED,
    CANDIDATE_NOT_IN_POLL,
    CANDIDATE_NOT_IN_RELEASE,
    NO_AGREEMENT_TEST,

    // The run's inputs (provenance)
    INPUT_CHANGED,
    NOT_AN_INPUT;
}
