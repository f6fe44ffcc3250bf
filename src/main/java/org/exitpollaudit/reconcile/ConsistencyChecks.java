package org.exitpollaudit.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.exitpollaudit.election.Candidate;
import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.Plausibility;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.model.IssueCode;

/**
 * The checks a careful analyst makes on national figures before comparing them. Each finding names the file,
 * line and column; none changes a figure (the report shows both sides of every contradiction).
 */
public final class ConsistencyChecks {

    private ConsistencyChecks() {
    }

    public static List<DataIssue> check(ElectionPackage pkg, Map<String, ResultRow> rows) {
        List<DataIssue> out = new ArrayList<>();
        for (Source s : pkg.sources()) {
            ResultRow row = rows.get(s.id());
            if (row == null) {
                continue;
            }
            if (s.values() == Source.ValueType.PERCENT) {
                percentSum(s, row, out);
            } else {
                voteTotals(pkg, s, row, out);
            }
            turnout(pkg, s, row, out);
            coverage(pkg, s, row, out);
        }
        partialNotAboveFinal(pkg, rows, out);
        identicalFigures(pkg, rows, out);
        return out;
    }

    /**
     * A residual under 100 % is reported; a sum over 100 is rounding here, since a row that adds up to more than
     * rounding explains was rejected when it was read ({@link Plausibility#percentSum}).
     */
    private static void percentSum(Source s, ResultRow row, List<DataIssue> out) {
        double sum = row.candidateSum() + nz(row.other()) + nz(row.invalid());
        double residual = 100 - sum;
        String parts = "candidates" + (row.other() != null ? " + other" : "") + (row.invalid() != null ? " + invalid" : "");
        if (residual > Plausibility.PERCENT_ROUNDING_PP) {
            out.add(DataIssue.warning(IssueCode.PERCENT_RESIDUAL, s.file(), row.line(), null, String.format(Locale.ROOT,
                    "%s: %s sum to %s %%; the residual %s pp (undisclosed other / undecided%s) is reported and"
                            + " allocated proportionally", s.id(), parts, Plausibility.g4(sum), Plausibility.g4(residual),
                    s.shareBase() == Source.ShareBase.BALLOTS && row.invalid() == null ? " / invalid ballots" : "")));
        } else if (Math.abs(residual) > 1e-9) {
            out.add(DataIssue.info(IssueCode.PERCENT_ROUNDING, s.file(), row.line(), null, String.format(Locale.ROOT,
                    "%s: %s sum to %s %% (rounding); residual %s pp allocated proportionally", s.id(), parts, Plausibility.g4(sum),
                    Plausibility.g4(residual))));
        }
        if (s.shareBase() == Source.ShareBase.BALLOTS) {
            out.add(DataIssue.info(IssueCode.SHARE_BASE_BALLOTS, s.file(), row.line(), null, s.id() + ": percents are of all"
                    + " ballots (invalid included); converted to shares of valid votes by renormalizing over the candidates"));
        }
    }

    private static void voteTotals(ElectionPackage pkg, Source s, ResultRow row, List<DataIssue> out) {
        double votes = row.candidateSum() + nz(row.other());
        if (row.valid() != null && Math.abs(row.valid() - votes) > 0.5) {
            out.add(DataIssue.error(IssueCode.VOTES_NE_VALID, s.file(), row.line(), ResultsLayout.VALID, String.format(Locale.ROOT,
                    "%s: candidate votes%s sum to %,.0f but valid is %,.0f (difference %+,.0f)", s.id(),
                    row.other() != null ? " + other" : "", votes, row.valid(), votes - row.valid())));
        }
        if (row.ballotsCast() != null && row.invalid() != null) {
            double valid = row.valid() != null ? row.valid() : votes;
            if (Math.abs(valid + row.invalid() - row.ballotsCast()) > 0.5) {
                out.add(DataIssue.error(IssueCode.BALLOTS_MISMATCH, s.file(), row.line(), ResultsLayout.BALLOTS_CAST,
                        String.format(Locale.ROOT, "%s: valid %,.0f + invalid %,.0f = %,.0f, but ballots_cast is %,.0f",
                                s.id(), valid, row.invalid(), valid + row.invalid(), row.ballotsCast())));
            }
        }
        Double registered = registered(pkg, row);
        if (row.ballotsCast() != null && registered != null && row.ballotsCast() > registered) {
            out.add(DataIssue.error(IssueCode.BALLOTS_OVER_REGISTERED, s.file(), row.line(), ResultsLayout.BALLOTS_CAST,
                    String.format(Locale.ROOT, "%s: ballots_cast %,.0f exceeds registered voters %,.0f", s.id(),
                            row.ballotsCast(), registered)));
        }
        if (row.registered() != null && pkg.election().registeredVoters() != null
                && Math.abs(row.registered() - pkg.election().registeredVoters()) > 0.5) {
            out.add(DataIssue.warning(IssueCode.REGISTERED_DIFFERS, s.file(), row.line(), ResultsLayout.REGISTERED,
                    String.format(Locale.ROOT, "%s: registered %,.0f differs from election.yaml registered_voters %,d",
                            s.id(), row.registered(), pkg.election().registeredVoters())));
        }
    }

    /**
     * A published turnout (percent of registered) implies a number of ballots; the vote counts cannot exceed it,
     * and ballots_cast must match it within the rounding of the percentage.
     */
    private static void turnout(ElectionPackage pkg, Source s, ResultRow row, List<DataIssue> out) {
        Double registered = registered(pkg, row);
        if (row.turnoutPct() == null || registered == null) {
            return;
        }
        double implied = row.turnoutPct() / 100 * registered;
        double tolerance = Plausibility.roundingOf(row.turnoutPct()) / 100 * registered;
        if (row.ballotsCast() != null) {
            if (Math.abs(row.ballotsCast() - implied) > tolerance) {
                out.add(DataIssue.error(IssueCode.TURNOUT_MISMATCH, s.file(), row.line(), ResultsLayout.TURNOUT_PCT,
                        String.format(Locale.ROOT, "%s: turnout %s %% of %,.0f registered implies %,.0f ± %,.0f ballots,"
                                        + " but ballots_cast is %,.0f", s.id(), row.turnoutPct(), registered, implied,
                                tolerance, row.ballotsCast())));
            }
        } else if (s.values() == Source.ValueType.VOTES) {
            double votes = row.valid() != null ? row.valid() : row.candidateSum() + nz(row.other());
            if (votes > implied + tolerance) {
                out.add(DataIssue.error(IssueCode.TURNOUT_BELOW_VOTES, s.file(), row.line(), ResultsLayout.TURNOUT_PCT,
                        String.format(Locale.ROOT, "%s: turnout %s %% of %,.0f registered implies at most %,.0f ballots"
                                        + " (± %,.0f for rounding), but the valid votes alone are %,.0f: %,.0f more"
                                        + " than the turnout allows", s.id(), row.turnoutPct(), registered, implied,
                                tolerance, votes, votes - implied)));
            }
        }
    }

    private static void coverage(ElectionPackage pkg, Source s, ResultRow row, List<DataIssue> out) {
        if (!s.isOfficial()) {
            return;
        }
        for (Candidate c : pkg.candidates()) {
            if (!row.candidates().containsKey(c.id())) {
                out.add(DataIssue.warning(IssueCode.CANDIDATE_MISSING, s.file(), 1, null, s.id() + " has no column for "
                        + c.name() + " (" + c.id() + ")"));
            }
        }
    }

    /** A partial count cannot give a candidate more votes than the certified final count. */
    private static void partialNotAboveFinal(ElectionPackage pkg, Map<String, ResultRow> rows, List<DataIssue> out) {
        Source fin = pkg.finalRelease();
        ResultRow finalRow = rows.get(fin.id());
        if (finalRow == null || fin.values() != Source.ValueType.VOTES) {
            return;
        }
        for (Source s : pkg.officialReleases()) {
            ResultRow row = rows.get(s.id());
            if (s == fin || row == null || s.values() != Source.ValueType.VOTES || s.level() != fin.level()) {
                continue;
            }
            row.candidates().forEach((c, v) -> {
                Double f = finalRow.candidates().get(c);
                if (f != null && v > f) {
                    out.add(DataIssue.error(IssueCode.PARTIAL_ABOVE_FINAL, s.file(), row.line(), c, String.format(Locale.ROOT,
                            "%s gives %s %,.0f votes, more than the final %s (%,.0f)", s.id(), pkg.candidateName(c), v,
                            fin.id(), f)));
                }
            });
        }
    }

    /** Two sources with exactly the same figures are usually one file delivered twice. */
    private static void identicalFigures(ElectionPackage pkg, Map<String, ResultRow> rows, List<DataIssue> out) {
        List<Source> sources = pkg.sources().stream().filter(s -> rows.containsKey(s.id())).toList();
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                ResultRow a = rows.get(sources.get(i).id());
                ResultRow b = rows.get(sources.get(j).id());
                if (a.candidates().equals(b.candidates()) && Objects.equals(a.other(), b.other())
                        && Objects.equals(a.invalid(), b.invalid())) {
                    out.add(DataIssue.warning(IssueCode.DUPLICATE_FIGURES, sources.get(j).file(), b.line(), null, "sources '"
                            + sources.get(i).id() + "' and '" + sources.get(j).id() + "' have identical figures:"
                            + " the same data delivered twice?"));
                }
            }
        }
    }

    private static Double registered(ElectionPackage pkg, ResultRow row) {
        if (row.registered() != null) {
            return row.registered();
        }
        Long r = pkg.election().registeredVoters();
        return r == null ? null : r.doubleValue();
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
