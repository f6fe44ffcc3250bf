package org.exitpollaudit.staging;

import java.util.List;

import org.exitpollaudit.reconcile.StationFlag;

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
        return BlockCodec.encode(flags, 48, FlagBlock::write);
    }

    /**
     * One flag's fields in order, each kind through one call (as {@code FigureBlock.write}, so that the JIT's
     * optimising compiler inlines the string's look-up and encoding once, not four times).
     */
    private static void write(BlockCodec.Out out, StationFlag f) {
        for (int i = 0; i < 9; i++) {
            switch (i) {
                case 2 -> out.number((double) f.line());
                case 4 -> out.uniqueString(f.station());
                case 5, 6, 7 -> out.number(i == 5 ? f.registered() : i == 6 ? f.turnoutPct() : f.leaderSharePct());
                default -> out.string(i == 0 ? f.source() : i == 1 ? f.file() : i == 3 ? f.district() : f.reasons());
            }
        }
    }

    /**
     * The flags of a block: one flag's fields in a loop, each kind through one call, as {@link #write} writes them
     * (the texts source, file, district, station and reasons; the line; the three numbers).
     */
    public static List<StationFlag> decode(byte[] block) {
        String[] texts = new String[5];
        Double[] numbers = new Double[3];
        return BlockCodec.decode(block, in -> {
            int line = 0;
            for (int i = 0, t = 0; i < 9; i++) {
                switch (i) {
                    case 2 -> line = (int) in.primitive();
                    case 5, 6, 7 -> numbers[i - 5] = in.number();
                    default -> texts[t++] = in.string();
                }
            }
            return new StationFlag(texts[0], texts[1], line, texts[2], texts[3], numbers[0], numbers[1], numbers[2],
                    texts[4]);
        });
    }
}
