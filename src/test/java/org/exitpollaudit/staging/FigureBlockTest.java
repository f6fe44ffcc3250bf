package org.exitpollaudit.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.analysis.Figure;
import org.junit.jupiter.api.Test;

class FigureBlockTest {

    @Test
    void figuresComeBackInOrderWithEveryTextNullAndValueBitForBit() {
        List<Figure> figures = List.of(
                new Figure("accuracy", "poll1", "cec-prelim-1", "national", null, "c1", "poll_share", 0.44755524447555245),
                new Figure("forensics", "cec-final", null, "district", "Баку | =SUM(A1)", null, "turnout_pct", -0.0),
                new Figure("forensics", "cec-final", null, "district", "Баку | =SUM(A1)", null, "flagged_tests", 3.0),
                new Figure("district", "poll1", "cec-final", "station", "s-1", "c12", "difference_pp", null),
                new Figure("sensitivity", null, null, "national", "", "", "x", Double.MIN_VALUE),
                new Figure("accuracy", "poll1", "cec-prelim-1", "national", null, "c1", "poll_share_published",
                        -123456789012.0));
        List<Figure> back = FigureBlock.decode(FigureBlock.encode(figures));
        assertEquals(figures, back);
        // the bytes are the format's fields in the order the class comment lists them
        assertArrayEquals(BlockCodec.encode(figures, 24, (out, f) -> {
            out.string(f.section());
            out.string(f.source());
            out.string(f.reference());
            out.string(f.level());
            out.string(f.unit());
            out.string(f.candidate());
            out.string(f.metric());
            out.number(f.value());
        }), FigureBlock.encode(figures));
        for (int i = 0; i < figures.size(); i++) {
            if (figures.get(i).value() != null) {
                assertEquals(Double.doubleToRawLongBits(figures.get(i).value()),
                        Double.doubleToRawLongBits(back.get(i).value()));
            }
        }
    }

    @Test
    void repeatedTextIsStoredOnce() {
        List<Figure> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new Figure("forensics", "cec-final-station-results", null, "district", "district-" + (i % 50),
                    "candidate-" + (i % 12), "last_digit_chi2", (double) i));
        }
        byte[] block = FigureBlock.encode(many);
        assertEquals(many, FigureBlock.decode(block));
        // 1,000 figures of 66 distinct texts: after a text's first use, one byte refers to it again (seven per
        // figure, the null among them) and the value takes two or three: about 11 bytes per figure where its texts
        // alone are 80
        assertTrue(block.length < 12 * 1000, block.length + " bytes");
    }
}
