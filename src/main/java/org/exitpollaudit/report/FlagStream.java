package org.exitpollaudit.report;

import java.util.List;
import java.util.function.Consumer;

import org.exitpollaudit.reconcile.StationFlag;

/**
 * Every flagged station of a run, in order, handed over one at a time: the Stations sheet and stations-flagged.csv
 * are written from it without all of them being held at once (a ten-million-station election has some 220,000). It
 * may be read more than once, and from a thread other than the one that made it.
 */
public interface FlagStream {

    /** How many there are. */
    long count();

    /** Hands each flagged station, in order, to {@code flag}. */
    void forEach(Consumer<StationFlag> flag);

    /** Flags already in memory. */
    static FlagStream of(List<StationFlag> flags) {
        return new FlagStream() {
            @Override
            public long count() {
                return flags.size();
            }

            @Override
            public void forEach(Consumer<StationFlag> flag) {
                flags.forEach(flag);
            }
        };
    }
}
