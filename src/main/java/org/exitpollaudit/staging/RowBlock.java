package org.exitpollaudit.staging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exitpollaudit.ingest.CandidateValues;
import org.exitpollaudit.ingest.ResultRow;

/**
 * The staged rows of one chunk of one results file as a single binary value (one database row per chunk instead
 * of one per polling station: inserting and reading a million rows was most of the ingest's and a large part of
 * the analysis's time). Per row, in line order ({@link BlockCodec} for varint, string and number):
 * <pre>
 *   line                varint
 *   district            string
 *   station             string, never referred back to (each station has a row of its own)
 *   six totals          number each: registered, ballots cast, invalid, valid, turnout %, other
 *   candidate ids       varint 0 = the previous row's ids; otherwise count + 1, then each id as a string
 *   candidate values    number each, in the ids' order (null for an empty cell)
 * </pre>
 */
public final class RowBlock {

    private RowBlock() {
    }

    /** The rows (of one source) as one block, sorted by line. */
    public static byte[] encode(List<ResultRow> rows) {
        List<ResultRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(ResultRow::line));
        BlockCodec.Out out = new BlockCodec.Out(rows.size() * 64);
        Map<String, Double> previous = null;
        for (ResultRow r : sorted) {
            out.varint(r.line());
            out.string(r.districtId());
            out.uniqueString(r.stationId());
            for (Double v : new Double[] {r.registered(), r.ballotsCast(), r.invalid(), r.valid(), r.turnoutPct(),
                r.other()}) {
                out.number(v);
            }
            if (CandidateValues.sameIds(r.candidates(), previous)) {
                out.varint(0);
            } else {
                out.varint(r.candidates().size() + 1L);
                r.candidates().keySet().forEach(out::string);
                previous = r.candidates();
            }
            for (Map.Entry<String, Double> e : r.candidates().entrySet()) {
                out.number(e.getValue());
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads blocks back. One decoder for all blocks of a read shares the candidate-id array among rows with the same
     * ids and one string per distinct district id.
     */
    public static final class Decoder {
        private String[] keys = new String[0];
        private final Map<String, String> districts = new HashMap<>();

        public List<ResultRow> decode(String source, byte[] block) {
            BlockCodec.In in = new BlockCodec.In(block);
            List<ResultRow> rows = new ArrayList<>();
            while (in.more()) {
                int line = (int) in.varint();
                String district = in.string();
                if (district != null) {
                    district = districts.computeIfAbsent(district, d -> d);
                }
                String station = in.string();
                Double[] totals = new Double[6];
                for (int i = 0; i < totals.length; i++) {
                    totals[i] = in.number();
                }
                int idCount = (int) in.varint();
                if (idCount > 0) {
                    String[] ids = new String[idCount - 1];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = in.string();
                    }
                    if (!Arrays.equals(ids, keys)) {
                        keys = ids;
                    }
                }
                double[] values = new double[keys.length];
                for (int i = 0; i < values.length; i++) {
                    Double v = in.number();
                    values[i] = v == null ? Double.NaN : v;
                }
                rows.add(new ResultRow(source, line, district, station, totals[0], totals[1], totals[2], totals[3],
                        totals[4], totals[5], CandidateValues.of(keys, values)));
            }
            return rows;
        }
    }
}
