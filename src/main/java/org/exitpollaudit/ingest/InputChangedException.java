package org.exitpollaudit.ingest;

import java.util.List;

import org.exitpollaudit.model.DataIssue;

/**
 * An input changed while the job was running (a file still being written, copied or synchronised): what was read
 * is not what the run's fingerprint names, so nothing may be published under it. Running again once the files are
 * complete gives a correct report; the problems name each changed file.
 */
public class InputChangedException extends InputException {

    public InputChangedException(List<DataIssue> problems) {
        super(problems);
    }
}
