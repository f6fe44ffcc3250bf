package org.exitpollaudit.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's (1979) step-down adjustment of m p-values: with p sorted ascending p(1) ≤ … ≤ p(m),
 * p̃(i) = max over j ≤ i of min(1, (m − j + 1) · p(j)). Same as R's {@code p.adjust(p, "holm")}.
 * NaN entries (a test that could not be made) are left NaN and do not count towards m; an empty array gives an
 * empty one.
 */
public final class Holm {

    private Holm() {
    }

    /** @throws IllegalArgumentException an entry outside [0, 1] (NaN is allowed) */
    public static double[] adjust(double[] p) {
        Check.probabilities("p", p);
        Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        int m = order.length;
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
