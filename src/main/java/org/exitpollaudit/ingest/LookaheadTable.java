package org.exitpollaudit.ingest;

import java.util.NoSuchElementException;

/** The iteration both file formats share: one row read ahead, blank rows already skipped by {@link #readNext()}. */
abstract class LookaheadTable implements Table {

    private TableRow next;
    private boolean ahead;

    /** The next non-blank data row, or {@code null} at the end of the file. */
    protected abstract TableRow readNext();

    @Override
    public final boolean hasNext() {
        if (!ahead) {
            next = readNext();
            ahead = true;
        }
        return next != null;
    }

    @Override
    public final TableRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = false;
        return next;
    }
}
