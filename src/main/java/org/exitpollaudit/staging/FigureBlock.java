package org.exitpollaudit.staging;

import java.util.ArrayList;
import java.util.List;

import org.exitpollaudit.analysis.Figure;

/**
 * A run of consecutive figures as one binary value, for staging between the analyze and report steps (a database
 * row per block of figures instead of one per figure: a million-station package has over 600,000 figures). Per
 * figure ({@link BlockCodec}): section, source, reference, level, unit, candidate and metric as strings, then the
 * value as a number.
 */
public final class FigureBlock {

    private FigureBlock() {
    }

    public static byte[] encode(List<Figure> figures) {
        BlockCodec.Out out = new BlockCodec.Out(figures.size() * 24);
        for (Figure f : figures) {
            out.string(f.section());
            out.string(f.source());
            out.string(f.reference());
            out.string(f.level());
            out.string(f.unit());
            out.string(f.candidate());
            out.string(f.metric());
            out.number(f.value());
        }
        return out.toByteArray();
    }

    public static List<Figure> decode(byte[] block) {
        BlockCodec.In in = new BlockCodec.In(block);
        List<Figure> out = new ArrayList<>();
        while (in.more()) {
            out.add(new Figure(in.string(), in.string(), in.string(), in.string(), in.string(), in.string(),
                    in.string(), in.number()));
        }
        return out;
    }
}
