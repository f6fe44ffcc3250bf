package org.exitpollaudit.analysis;

import org.exitpollaudit.ingest.ResultRow;

/**
 * What identifies a polling station: its district and its own id (station ids repeat across districts in some
 * countries). A key of two fields rather than their concatenation: no string built and hashed per row, and a missing
 * district is not confused with one named "null".
 */
record StationKey(String district, String station) {

    static StationKey of(ResultRow r) {
        return new StationKey(r.districtId(), r.stationId());
    }
}
