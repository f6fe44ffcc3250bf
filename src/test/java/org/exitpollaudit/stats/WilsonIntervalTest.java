package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WilsonIntervalTest {

    /** Newcombe (1998), Stat Med 17:857, Table I, method 3 (score interval without continuity correction), 4 decimals. */
    @ParameterizedTest(name = "{0}/{1} -> {2}..{3}")
    @CsvSource({"81,263,0.2553,0.3662", "15,148,0.0624,0.1605", "0,20,0.0000,0.1611", "1,29,0.0061,0.1718"})
    void reproducesNewcombesPublishedIntervals(int x, int n, double low, double high) {
        Interval ci = WilsonInterval.of((double) x / n, n, 0.95);
        assertEquals(low, ci.low(), 0.00005);
        assertEquals(high, ci.high(), 0.00005);
    }

    /** Reference implementation: Apache Commons Statistics' BinomialConfidenceInterval.WILSON_SCORE (integer counts). */
    @Test
    void agreesWithCommonsStatisticsOnIntegerCounts() {
        for (int n : new int[] {1, 7, 40, 263, 5012}) {
            for (int x = 0; x <= n; x += Math.max(1, n / 13)) {
                var reference = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, x, 0.05);
                Interval ci = WilsonInterval.of((double) x / n, n, 0.95);
                assertEquals(reference.getLowerBound(), ci.low(), 1e-12, x + "/" + n);
                assertEquals(reference.getUpperBound(), ci.high(), 1e-12, x + "/" + n);
            }
        }
    }

    @Test
    void acceptsAFractionalEffectiveSampleSize() {
        // Hand computation with p = 0.5 and n chosen so that z^2/n = 0.04: z = 1.959964, z^2 = 3.841459,
        // n = 96.03647; centre = 0.5 (symmetric); half = z sqrt(0.25/n + z^2/(4 n^2))
        // = 1.959964 sqrt(0.0026032 + 0.0001041) = 1.959964 * 0.0520317 = 0.1019802; / (1 + 0.04) = 0.0980579
        double z2 = 1.959963984540054 * 1.959963984540054;
        Interval ci = WilsonInterval.of(0.5, z2 / 0.04, 0.95);
        assertEquals(0.5 - 0.0980579, ci.low(), 1e-6);
        assertEquals(0.5 + 0.0980579, ci.high(), 1e-6);
    }

    @Test
    void refusesWhatIsNoSampleShareOrLevel() {
        refuses("n = 0.0", () -> WilsonInterval.of(0.5, 0, 0.95));
        refuses("n = NaN", () -> WilsonInterval.of(0.5, Double.NaN, 0.95));
        refuses("p = 1.2", () -> WilsonInterval.of(1.2, 100, 0.95));
        refuses("p = -0.1", () -> WilsonInterval.of(-0.1, 100, 0.95));
        refuses("confidence = 95.0", () -> WilsonInterval.of(0.5, 100, 95));
    }

    @Test
    void edges() {
        // an infinite effective sample: z²/n = 0, the interval shrinks to p
        Interval exact = WilsonInterval.of(0.3, Double.POSITIVE_INFINITY, 0.95);
        assertEquals(0.3, exact.low(), 0);
        assertEquals(0.3, exact.high(), 0);
        Interval undefined = WilsonInterval.of(Double.NaN, 100, 0.95);
        assertEquals(Double.NaN, undefined.low());
        assertEquals(Double.NaN, undefined.high());
    }
}
