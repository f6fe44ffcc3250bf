package org.exitpollaudit.job;

import org.exitpollaudit.election.Source;
import org.exitpollaudit.ingest.ResultsLayout;
import org.exitpollaudit.ingest.RowParser;
import org.exitpollaudit.ingest.TableRow;
import org.exitpollaudit.reconcile.DataIssue;

/** What the ingest step's reader hands on: a raw row of a results file, or a note about reading the file. */
public sealed interface IngestItem {

    record Raw(Source source, ResultsLayout layout, TableRow row) implements IngestItem {
    }

    record Note(DataIssue issue) implements IngestItem {
    }

    /** After the processor: a loaded row or its rejections, or a note passed through. */
    record Processed(RowParser.Parsed parsed, DataIssue note) implements IngestItem {
    }
}
