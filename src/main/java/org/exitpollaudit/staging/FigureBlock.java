package org.exitpollaudit.staging;

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
        return BlockCodec.encode(figures, 24, FigureBlock::write);
    }

    /**
     * One figure: its seven texts in order through one call of {@code string}, then its value. Seven calls in a row
     * would have the JIT's optimising compiler inline the string's look-up and encoding seven times over (at a million
     * stations this method was among its longest compilations, 0.25 s with its caller); a loop inlines it once.
     */
    private static void write(BlockCodec.Out out, Figure f) {
        for (int i = 0; i < 7; i++) {
            out.string(text(f, i));
        }
        out.number(f.value());
    }

    private static String text(Figure f, int i) {
        return switch (i) {
            case 0 -> f.section();
            case 1 -> f.source();
            case 2 -> f.reference();
            case 3 -> f.level();
            case 4 -> f.unit();
            case 5 -> f.candidate();
            default -> f.metric();
        };
    }

    /** The figures of a block: the seven texts read in a loop, as {@link #write} writes them, then the value. */
    public static List<Figure> decode(byte[] block) {
        String[] texts = new String[7];
        return BlockCodec.decode(block, in -> {
            for (int i = 0; i < texts.length; i++) {
                texts[i] = in.string();
            }
            return new Figure(texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6], in.number());
        });
    }
}
