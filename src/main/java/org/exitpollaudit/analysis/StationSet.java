package org.exitpollaudit.analysis;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import org.exitpollaudit.ingest.ResultColumns;

/**
 * A set of station ids, asked whether it holds a row's station without that row's id being built as text where its
 * block holds the ids as a common prefix and a number ({@link ResultColumns#stationPrefix}, as staging stores most
 * blocks): a million-row release asked for each of its rows would otherwise build a million strings (some 100 MB)
 * for a few thousand polled stations. For such a block the set's ids that are the prefix followed by a number as
 * {@link Long#toString(long)} writes it (the block's ids are exactly those) are kept as sorted numbers, for the last
 * prefix asked.
 */
final class StationSet {

    private final Set<String> ids;
    private String prefix;
    private long[] numbers;

    StationSet(Set<String> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Whether row i of {@code block} has a station id of this set. */
    boolean contains(ResultColumns block, int i) {
        String p = block.stationPrefix();
        if (p == null) {
            String id = block.station(i);
            return id != null && ids.contains(id);
        }
        if (!p.equals(prefix)) {
            numbers = numbers(p);
            prefix = p;
        }
        return Arrays.binarySearch(numbers, block.stationNumber(i)) >= 0;
    }

    /** The numbers n of the ids that are {@code p} + Long.toString(n), ascending. */
    private long[] numbers(String p) {
        return ids.stream().filter(id -> id.startsWith(p)).map(id -> id.substring(p.length()))
                .filter(StationSet::canonical).mapToLong(Long::parseLong).sorted().toArray();
    }

    /** Whether {@code s} is a long as Long.toString writes it (no sign but a minus, no leading zero). */
    private static boolean canonical(String s) {
        try {
            return Long.toString(Long.parseLong(s)).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
