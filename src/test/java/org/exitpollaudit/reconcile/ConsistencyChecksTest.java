package org.exitpollaudit.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.election.ElectionPackage;
import org.exitpollaudit.ingest.PackageReader;
import org.exitpollaudit.ingest.ResultRow;
import org.exitpollaudit.model.DataIssue;
import org.junit.jupiter.api.Test;

class ConsistencyChecksTest {

    private static final ElectionPackage AZ = PackageReader.read(Path.of("input", "az-2024-presidential")).electionPackage();

    private static Map<String, Double> votes(double... v) {
        String[] ids = {"aliyev-ilham", "oruj", "mustafa", "hasanguliyev", "nurullayev", "musayev", "aliyev-fuad"};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(ids[i], v[i]);
        }
        return m;
    }

    private static ResultRow row(String source, Double registered, Double ballots, Double invalid, Double valid,
                                 Double turnout, Map<String, Double> values) {
        return new ResultRow(source, 2, null, null, registered, ballots, invalid, valid, turnout, null, values);
    }

    private static List<DataIssue> only(String code, List<DataIssue> issues) {
        return issues.stream().filter(i -> i.code().equals(code)).toList();
    }

    @Test
    void theFinalProtocolsTurnoutDoesNotFitItsVotes() {
        // CEC final: 76.43 % of 6,478,623 = 4,951,611.57 ballots (±0.005 % = ±324 for rounding),
        // but the seven candidates' votes sum to 4,567,458 + 107,632 + 98,421 + 85,411 + 39,643 + 32,885 + 26,517
        // = 4,957,967: 6,355 more than the turnout allows, before counting a single invalid ballot.
        ResultRow fin = row("cec-final", 6478623.0, null, null, null, 76.43,
                votes(4567458, 107632, 98421, 85411, 39643, 32885, 26517));
        List<DataIssue> issues = only("TURNOUT_BELOW_VOTES", ConsistencyChecks.check(AZ, Map.of("cec-final", fin)));
        assertEquals(1, issues.size());
        DataIssue i = issues.get(0);
        assertEquals("official/cec-final.csv", i.file());
        assertEquals(2, i.line());
        assertEquals("turnout_pct", i.column());
        assertTrue(i.message().contains("4,957,967") && i.message().contains("6,355 more"), i.message());
    }

    @Test
    void aTurnoutThatFitsWithinRoundingIsNotReported() {
        // 76.43 % of 6,478,623 is 4,951,611.57; 4,951,900 votes is within the ±324 that rounding to 0.01 % allows
        ResultRow fin = row("cec-final", 6478623.0, null, null, null, 76.43, votes(4951900, 0, 0, 0, 0, 0, 0));
        assertEquals(List.of(), only("TURNOUT_BELOW_VOTES", ConsistencyChecks.check(AZ, Map.of("cec-final", fin))));
    }

    @Test
    void reysPercentagesLeaveAResidualOf388() {
        // 92.6 + 0.37 + 0.58 + 0.46 + 1.16 + 0.11 + 0.84 = 96.12, residual 3.88 pp
        ResultRow rey = row("rey", null, null, null, null, null, votes(92.6, 0.37, 0.58, 0.46, 1.16, 0.11, 0.84));
        List<DataIssue> issues = only("PERCENT_RESIDUAL", ConsistencyChecks.check(AZ, Map.of("rey", rey)));
        assertEquals(1, issues.size());
        assertTrue(issues.get(0).message().contains("96.12 %") && issues.get(0).message().contains("3.88 pp"),
                issues.get(0).message());
        // SRC's 99.7 is rounding, an information only
        ResultRow src = row("src", null, null, null, null, null, votes(92.4, 2.2, 2.0, 1.6, 0.3, 0.8, 0.4));
        assertEquals(1, only("PERCENT_ROUNDING", ConsistencyChecks.check(AZ, Map.of("src", src))).size());
    }

    @Test
    void aSumOverHundredWithinTheRoundingOfWholePercentsIsRounding() {
        // 93 + 2 + 2 + 2 + 1 + 1 + 0 = 101: seven whole percents may each be 0.5 off, so this is rounding (rows
        // beyond rounding never get here: the reader rejects them)
        ResultRow src = row("src", null, null, null, null, null, votes(93, 2, 2, 2, 1, 1, 0));
        List<DataIssue> issues = ConsistencyChecks.check(AZ, Map.of("src", src));
        assertEquals(1, only("PERCENT_ROUNDING", issues).size());
        assertTrue(only("PERCENT_ROUNDING", issues).get(0).message().contains("sum to 101 %"), issues.toString());
        assertTrue(issues.stream().noneMatch(i -> i.severity() == DataIssue.Severity.ERROR), issues.toString());
    }

    @Test
    void votesValidBallotsAndRegisteredMustAgree() {
        // votes sum to 1,000 but valid says 990; 990 + 20 invalid = 1,010 but ballots_cast says 1,000;
        // ballots 1,000 exceed the 900 registered
        ResultRow fin = row("cec-final", 900.0, 1000.0, 20.0, 990.0, null, votes(700, 100, 100, 50, 20, 20, 10));
        List<DataIssue> issues = ConsistencyChecks.check(AZ, Map.of("cec-final", fin));
        assertEquals("valid", only("VOTES_NE_VALID", issues).get(0).column());
        assertTrue(only("VOTES_NE_VALID", issues).get(0).message().contains("difference +10"));
        assertTrue(only("BALLOTS_MISMATCH", issues).get(0).message().contains("= 1,010"));
        assertEquals(1, only("BALLOTS_OVER_REGISTERED", issues).size());
        assertEquals(1, only("REGISTERED_DIFFERS", issues).size());
    }

    @Test
    void aPartialCountAboveTheFinalAndIdenticalSourcesAreFlagged() {
        ResultRow fin = row("cec-final", null, null, null, null, null, votes(1000, 10, 10, 10, 10, 10, 10));
        ResultRow partial = row("cec-prelim-2", null, null, null, null, null, votes(900, 11, 10, 10, 10, 10, 10));
        List<DataIssue> issues = ConsistencyChecks.check(AZ, Map.of("cec-final", fin, "cec-prelim-2", partial));
        assertEquals("oruj", only("PARTIAL_ABOVE_FINAL", issues).get(0).column());
        ResultRow copy = row("cec-prelim-2", null, null, null, null, null, votes(1000, 10, 10, 10, 10, 10, 10));
        assertEquals(1, only("DUPLICATE_FIGURES", ConsistencyChecks.check(AZ,
                Map.of("cec-final", fin, "cec-prelim-2", copy))).size());
    }
}
