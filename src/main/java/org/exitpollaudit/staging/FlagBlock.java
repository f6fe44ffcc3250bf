package org.exitpollaudit.staging;

import java.util.List;

import org.exitpollaudit.analysis.StationFlag;

/**
 * A run of consecutive flagged stations as one binary value, for staging between the analyze and report steps (a
 * database row per block of flags instead of one per flag). Why: HSQLDB holds every row a transaction inserts in
 * memory, as objects, until it commits, and a 10-million-station election has some 220,000 flagged stations, about
 * 90 MB of such rows, against a few MB of blocks (which the analyze step also commits one at a time, see
 * {@code StagingRepository.BlockWriter}). Per flag ({@link BlockCodec}):
 * source, file and district as strings (remembered: they repeat), the station id as a string that is not, the line
 * and the registered voters, turnout and leader's share as numbers, the reasons as a string.
 */
public final class FlagBlock {

    private FlagBlock() {
    }

    public static byte[] encode(List<StationFlag> flags) {
        return BlockCodec.encode(flags, 48, (out, f) -> {
            out.string(f.source());
            out.string(f.file());
            out.number((double) f.line());
            out.string(f.district());
            out.uniqueString(f.station());
            out.number(f.registered());
            out.number(f.turnoutPct());
            out.number(f.leaderSharePct());
            out.string(f.reasons());
        });
    }

    public static List<StationFlag> decode(byte[] block) {
        return BlockCodec.decode(block, in -> new StationFlag(in.string(), in.string(), (int) in.primitive(),
                in.string(), in.string(), in.number(), in.number(), in.number(), in.string()));
    }
}
