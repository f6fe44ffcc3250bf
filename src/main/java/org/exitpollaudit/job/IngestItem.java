package org.exitpollaudit.job;

import java.util.List;

import org.exitpollaudit.model.DataIssue;
import org.exitpollaudit.staging.RowBlock;

/**
 * What the ingest step writes for a block of a results file: its loaded rows encoded for staging (none when none was
 * loaded; more than one block only for rows too wide for one) and the rejections of the others, or the notes about
 * reading the file.
 */
public record IngestItem(List<RowBlock.Encoded> rows, List<DataIssue> issues) {
}
