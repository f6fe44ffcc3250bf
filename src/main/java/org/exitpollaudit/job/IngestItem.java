package org.exitpollaudit.job;

import org.exitpollaudit.ingest.RowParser;
import org.exitpollaudit.ingest.TableRow;
import org.exitpollaudit.model.DataIssue;

/** What the ingest step's reader hands on: a raw row of a results file, or a note about reading the file. */
public sealed interface IngestItem {

    /** A row and the parser of its file (which knows the file's source, columns and the package's districts). */
    record Raw(RowParser parser, TableRow row) implements IngestItem {
    }

    record Note(DataIssue issue) implements IngestItem {
    }

    /** After the processor: a loaded row or its rejections, or a note passed through. */
    record Processed(RowParser.Parsed parsed, DataIssue note) implements IngestItem {
    }
}
