package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks/paired.awk, the summary benchmarks/pairs.sh prints: B's effect with a 95 % interval from the model
 * d_i = delta + s_i * omega + e_i (s_i = +1 when A ran first), and the exact sign test, on runs written out here.
 */
class PairedSummaryTest {

    static final Path SCRIPT = Path.of("benchmarks/paired.awk");
    static final Path TQUANTILE = Path.of("benchmarks/tquantile.awk");

    @TempDir
    Path dir;

    /**
     * Four pairs, worked by hand. Wall differences d = B − A: −1.0 (A first), −0.5 (B first), −0.6 (A first), −0.1 (B
     * first). The s_i sum to 0, so delta = mean d = −2.2 / 4 = −0.55 and omega = mean s·d = (−1.0 + 0.5 − 0.6 + 0.1) / 4
     * = −0.25: the second run 0.25 s faster. Residuals d − delta − s·omega: −0.2, −0.2, +0.2, +0.2; RSS 0.16 on
     * 4 − 2 = 2 df, s² = 0.08, SE = √(s² / n) = √0.02 = 0.14142; t(0.975, 2) = 4.303 (any table), half-width 0.60854:
     * −1.15854 to +0.05854. CPU: B one second less in every pair, so delta = −1, omega = 0 and an interval of no
     * width. Sign test: B faster in 4 of 4, p = 2 · (1/2)⁴ = 0.125.
     */
    @Test
    void workedByHand() throws Exception {
        List<String> out = summary("""
                1 A 10.0 20.0
                1 B 9.0 19.0
                2 B 10.0 20.0
                2 A 10.5 21.0
                3 A 10.0 20.0
                3 B 9.4 19.0
                4 B 10.2 20.0
                4 A 10.3 21.0
                """);
        assertEquals(List.of(
                "A: wall 10.20 s mean (10.00-10.50), CPU 20.50 s mean, 4 runs",
                "B: wall 9.65 s mean (9.00-10.20), CPU 19.50 s mean, 4 runs",
                "B faster in 4 of 4 pairs (exact sign test: p = 0.125)",
                "B - A, wall: -0.55 s, 95 % CI -1.16 to +0.06 s (t on 2 df, the order's own effect taken out: the second"
                        + " run of a pair 0.25 s faster)",
                "B - A, CPU: -1.00 s, 95 % CI -1.00 to -1.00 s, no spread (t on 2 df, the order's own effect taken out:"
                        + " none at two decimals)"), out);
    }

    /**
     * Three pairs (A first twice: the s_i do not sum to 0), against NumPy 1.24's least squares and SciPy 1.10.1's
     * t.ppf(0.975, 1) = 12.7062 (Debian's python3-numpy and python3-scipy): wall delta −0.1475, SE 0.047631, interval
     * −0.75271 to +0.45771, omega +0.0725 (the second run 0.07 s slower); CPU delta −0.1975, SE 0.030311, −0.58264 to
     * +0.18764, omega +0.0025. Sign test: 3 of 3, p = 2 · (1/2)³ = 0.25.
     */
    @Test
    void unbalancedAgainstNumpy() throws Exception {
        List<String> out = summary("""
                1 A 9.17 14.79
                1 B 9.15 14.56
                2 B 8.91 14.43
                2 A 9.13 14.63
                3 A 9.00 14.46
                3 B 8.87 14.30
                """);
        assertEquals("B faster in 3 of 3 pairs (exact sign test: p = 0.250)", out.get(2));
        assertEquals("B - A, wall: -0.15 s, 95 % CI -0.75 to +0.46 s (t on 1 df, the order's own effect taken out: the"
                + " second run of a pair 0.07 s slower)", out.get(3));
        // omega +0.0025: none at two decimals
        assertEquals("B - A, CPU: -0.20 s, 95 % CI -0.58 to +0.19 s (t on 1 df, the order's own effect taken out: none"
                + " at two decimals)", out.get(4));
    }

    /** Two pairs leave no degree of freedom: the effect without an interval; a tie is left out of the sign test. */
    @Test
    void tooFewPairsAndATie() throws Exception {
        List<String> out = summary("""
                1 A 9.00 14.00
                1 B 9.00 13.50
                2 B 8.50 13.00
                2 A 9.00 14.00
                """);
        assertEquals(List.of(
                "A: wall 9.00 s mean (9.00-9.00), CPU 14.00 s mean, 2 runs",
                "B: wall 8.75 s mean (8.50-9.00), CPU 13.25 s mean, 2 runs",
                "B faster in 1 of 2 pairs, 1 tied (exact sign test on the 1 untied: p = 1.000)",
                "B - A, wall: -0.25 s (too few pairs for an interval)",
                "B - A, CPU: -0.75 s (too few pairs for an interval)"), out);
    }

    /**
     * Student's t from the table and beyond it, each read off an interval whose standard error is 10 by construction
     * ({@link #standardErrorTen}): the half-width is then 10 · t(0.975, n − 2). 6 pairs: 10 · 2.776 = 27.76; 32 pairs:
     * 10 · 2.042 = 20.42 (the table's last entry); 36 pairs: 10 · 2.032245 = 20.32 from the expansion beyond the table
     * (SciPy 1.10.1's t.ppf(0.975, 34) = 2.032245; 1.96 + 2.37 / df would give 20.30).
     */
    @Test
    void studentsT() throws Exception {
        for (Object[] c : new Object[][] {{6, 4, "27.76"}, {32, 30, "20.42"}, {36, 34, "20.32"}}) {
            assertEquals("B - A, wall: +0.00 s, 95 % CI -" + c[2] + " to +" + c[2] + " s (t on " + c[1] + " df, the"
                    + " order's own effect taken out: none at two decimals)", summary(standardErrorTen((int) c[0])).get(3));
        }
    }

    /**
     * n pairs (A 100 s each) whose differences B − A repeat +c, +c, −c, −c over the first n − n mod 4 pairs and are 0
     * in the rest: orthogonal to both regressors (their sum and their sum weighted by s = +1, −1, +1, −1 are 0), so
     * delta = omega = 0 and the residuals are the differences, m of them ±c: RSS = m c², s² = m c² / (n − 2), SE =
     * √(s² / n) = c √(m / (n (n − 2))), which c = 10 √(n (n − 2) / m) makes 10.
     */
    private static String standardErrorTen(int n) {
        int m = n - n % 4;
        double c = 10 * Math.sqrt((double) n * (n - 2) / m);
        StringBuilder runs = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            double d = i > m ? 0 : (i - 1) % 4 < 2 ? c : -c;
            runs.append(i).append(" A 100 20\n").append(i).append(" B ").append(100 + d).append(" 20\n");
        }
        return runs.toString();
    }

    /**
     * The sign test leaves ties out (4 wins and a tie: p = 2 · (1/2)⁴ = 0.125, where counting the tie as a loss would
     * give 2 · 6 / 32 = 0.375) and is at most 1 (one win, one loss: twice a tail of 3/4 is 1.5).
     */
    @Test
    void signTestTiesAndCap() throws Exception {
        StringBuilder runs = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            runs.append(i).append(" A 10.0 20.0\n").append(i).append(i == 5 ? " B 10.0 20.0\n" : " B 9.5 20.0\n");
        }
        assertEquals("B faster in 4 of 5 pairs, 1 tied (exact sign test on the 4 untied: p = 0.125)",
                summary(runs.toString()).get(2));
        assertEquals("B faster in 1 of 2 pairs (exact sign test: p = 1.000)",
                summary("1 A 10 20\n1 B 9 20\n2 B 10 20\n2 A 9 20\n").get(2));
    }

    /** Pairs that all ran in one order, and runs that make no pair: what can be said, and no interval. */
    @Test
    void oneOrderAndNoPair() throws Exception {
        List<String> out = summary("1 A 9 9\n1 B 8 8\n3 A 9 9\n3 B 8.5 8\n5 A 9 9\n5 B 8 8\n");
        assertEquals("B - A, wall: -0.83 s (every pair ran in one order: the variants' difference cannot be told from"
                + " the order's)", out.get(3));
        assertEquals("B - A, wall: no pair with both runs", summary("1 A 9 9\n2 B 8 8\n").get(3));
    }

    /** The exact sign test's tail: B faster in 9 of 10, p = 2 · (1 + 10) / 1024 = 0.021484. */
    @Test
    void signTestTail() throws Exception {
        StringBuilder runs = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            runs.append(i).append(" A 10.0 20.0\n").append(i).append(i == 10 ? " B 10.5 20.0\n" : " B 9.5 20.0\n");
        }
        assertEquals("B faster in 9 of 10 pairs (exact sign test: p = 0.021)", summary(runs.toString()).get(2));
    }

    private List<String> summary(String runs) throws IOException, InterruptedException {
        return awk(dir, runs, SCRIPT).lines().toList();
    }

    /**
     * The output of {@code awk -f benchmarks/tquantile.awk -f <script>} on {@code input}, written to a file in {@code
     * dir}, as benchmarks/pairs.sh and rounds.sh run their summaries; the test fails if awk does.
     */
    static String awk(Path dir, String input, Path script) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "input", ".txt");
        Files.writeString(file, input);
        Process p = new ProcessBuilder("awk", "-f", TQUANTILE.toString(), "-f", script.toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
