package org.exitpollaudit.stats;

import java.util.Arrays;

/** The checks shared by the estimators that read a table of counts per station and category. */
final class StationCounts {

    private StationCounts() {
    }

    /**
     * Each station's total over the categories, after checking that the table has at least two stations, at least
     * two categories, rows of one length, only finite counts ≥ 0, and not all of them 0.
     */
    static double[] sizes(double[][] counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("a between-station variance needs at least 2 stations, got "
                    + counts.length);
        }
        int k = counts[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("shares need at least 2 categories, got " + k);
        }
        double[] size = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("station " + i + " has " + counts[i].length
                        + " categories, station 0 has " + k);
            }
            for (int c = 0; c < k; c++) {
                double y = counts[i][c];
                if (!(y >= 0) || Double.isInfinite(y)) {
                    throw new IllegalArgumentException("station " + i + ", category " + c + ": count " + y
                            + " is not a finite number ≥ 0");
                }
                size[i] += y;
            }
        }
        if (!(Arrays.stream(size).sum() > 0)) {
            throw new IllegalArgumentException("no one in any station: the shares are undefined");
        }
        return size;
    }
}
