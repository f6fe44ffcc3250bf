package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.reconcile.StationFlag;
import org.junit.jupiter.api.Test;

class FlagBlockTest {

    @Test
    void flagsComeBackInOrderWithEveryTextNullAndNumberBitForBit() {
        List<StationFlag> flags = List.of(
                new StationFlag("cec-final", "official/final.csv", 2, "Баку | =SUM(A1)", "s-1", 1250.0,
                        99.87654321012345, 100.0, "turnout ≥ 95 % and leader's share ≥ 95 %"),
                new StationFlag("cec-final", "official/final.csv", 2_000_000_000, "Баку | =SUM(A1)", "s-1", null,
                        -0.0, Double.NaN, "the same station id twice"),
                new StationFlag("poll1", "exit-polls/poll1.csv", 0, null, null, null, null, null, ""),
                new StationFlag("poll1", null, -1, "", "", Double.MIN_VALUE, 1e300, -123456789012.0, "r"));
        List<StationFlag> back = FlagBlock.decode(FlagBlock.encode(flags));
        assertEquals(flags, back);
        // the bytes are the format's fields in the order the class comment lists them
        assertArrayEquals(BlockCodec.encode(flags, 48, (out, f) -> {
            out.string(f.source());
            out.string(f.file());
            out.number((double) f.line());
            out.string(f.district());
            out.uniqueString(f.station());
            out.number(f.registered());
            out.number(f.turnoutPct());
            out.number(f.leaderSharePct());
            out.string(f.reasons());
        }), FlagBlock.encode(flags));
        for (int i = 0; i < flags.size(); i++) {
            assertSameBits(flags.get(i).registered(), back.get(i).registered());
            assertSameBits(flags.get(i).turnoutPct(), back.get(i).turnoutPct());
            assertSameBits(flags.get(i).leaderSharePct(), back.get(i).leaderSharePct());
        }
    }

    private static void assertSameBits(Double expected, Double actual) {
        assertEquals(expected == null, actual == null);
        if (expected != null) {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual));
        }
    }

    @Test
    void aBlockTakesAFewBytesPerFlagWhereDatabaseRowsTookHundreds() {
        List<StationFlag> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new StationFlag("cec-final", "official/final.csv", 2 + i * 7, "district-" + (i % 50),
                    "station-" + i, 900.0 + i, 96.5 + i / 1000.0, 97.0, "turnout and leader share both ≥ 95 %"));
        }
        byte[] block = FlagBlock.encode(many);
        assertEquals(many, FlagBlock.decode(block));
        // per flag: a byte for each repeated text (source, file, district, reasons), the station id (about 12 bytes),
        // the line and the registered voters (2-3 bytes each), the turnout (9: not whole) and the leader's share (2)
        assertTrue(block.length < 36 * 1000, block.length + " bytes");
    }
}
