package org.exitpollaudit.stats;

import static org.exitpollaudit.stats.Refusals.refuses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The checks shared by ClusterSample and IntraStationCorrelation. Their messages reach the analyst (a poll whose
 * design effects cannot be estimated is reported with the reason), so they must say which station and what value.
 */
class StationCountsTest {

    @Test
    void sizesAreTheRowTotals() {
        // a station with no one in the categories stays, with size 0
        assertArrayEquals(new double[] {30, 0, 7.5}, StationCounts.sizes(new double[][] {{10, 20}, {0, 0}, {2.5, 5}}),
                0);
    }

    @Test
    void refusesWhatIsNoTableOfCounts() {
        refuses("at least 2 stations, got 1", () -> StationCounts.sizes(new double[][] {{1, 2}}));
        refuses("at least 2 categories, got 1", () -> StationCounts.sizes(new double[][] {{1}, {2}}));
        refuses("station 1 has 3 categories, station 0 has 2",
                () -> StationCounts.sizes(new double[][] {{1, 2}, {1, 2, 3}}));
        refuses("station 1, category 0: count -1.0", () -> StationCounts.sizes(new double[][] {{1, 2}, {-1, 2}}));
        refuses("station 0, category 1: count NaN",
                () -> StationCounts.sizes(new double[][] {{1, Double.NaN}, {1, 2}}));
        refuses("station 0, category 1: count Infinity",
                () -> StationCounts.sizes(new double[][] {{1, Double.POSITIVE_INFINITY}, {1, 2}}));
        refuses("no one in any station", () -> StationCounts.sizes(new double[][] {{0, 0}, {0, 0}}));
    }
}
