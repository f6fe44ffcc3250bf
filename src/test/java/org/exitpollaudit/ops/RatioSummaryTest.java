package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchmarks/ratios.awk, the summary benchmarks/rounds.sh prints over its rounds' job / peer ratios. */
class RatioSummaryTest {

    @TempDir
    Path dir;

    /**
     * Ratios e⁰, e^0.2 and e^0.4, worked by hand: the logarithms 0, 0.2, 0.4 have mean 0.2 and standard deviation 0.2,
     * so SE = 0.2 / √3 = 0.115470 and, with t(0.975, 2) = 4.303, a half-width of 0.496868 on the logarithms: the
     * geometric mean e^0.2 = 1.2214, its interval e^−0.296868 = 0.7431 to e^0.696868 = 2.0075; the median 1.2214.
     */
    @Test
    void workedByHand() throws Exception {
        assertEquals("job / peer over 3 rounds: median 1.22, range 1.00-1.49; geometric mean 1.22, 95 % CI 0.74-2.01 (t on"
                + " 2 df, on the logarithms)", summary("1\n1.2214027581601699\n1.4918246976412703\n"));
    }

    /**
     * Six ratios rounds.sh measured at a million stations (docs/benchmark.md), against NumPy 1.24 and SciPy 1.10.1:
     * median 1.155 (1.1549999999999998 in binary, so 1.15), geometric mean 1.14449, interval 1.10585 to 1.18448 with
     * t.ppf(0.975, 5); rounds given in any order.
     */
    @Test
    void againstNumpy() throws Exception {
        assertEquals("job / peer over 6 rounds: median 1.15, range 1.10-1.19; geometric mean 1.14, 95 % CI 1.11-1.18 (t on"
                + " 5 df, on the logarithms)", summary("1.17\n1.10\n1.19\n1.16\n1.10\n1.15\n"));
    }

    /** One round: no spread to estimate, so no interval. */
    @Test
    void oneRound() throws Exception {
        assertEquals("job / peer over 1 round: median 1.30, range 1.30-1.30", summary("1.3\n"));
    }

    private String summary(String ratios) throws IOException, InterruptedException {
        return PairedSummaryTest.awk(dir, ratios, Path.of("benchmarks/ratios.awk")).strip();
    }
}
