package org.exitpollaudit.report;

import java.util.List;
import java.util.function.Consumer;

import org.exitpollaudit.analysis.Figure;

/**
 * Every figure of a run, in order, handed over a block at a time: figures.csv is written from it without all the
 * figures being held at once (a million-station package has some 745,000, two thirds of them station-level figures
 * that only figures.csv lists). It may be read more than once, and from a thread other than the one that made it
 * (figures.csv is written beside the workbook).
 */
@FunctionalInterface
public interface FigureStream {

    /** Hands each block of figures, in order, to {@code block}. */
    void forEachBlock(Consumer<List<Figure>> block);

    /** Figures already in memory, as one block. */
    static FigureStream of(List<Figure> figures) {
        return block -> block.accept(figures);
    }
}
