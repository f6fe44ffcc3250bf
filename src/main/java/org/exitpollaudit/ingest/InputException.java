package org.exitpollaudit.ingest;

import java.util.List;
import java.util.stream.Collectors;

import org.exitpollaudit.model.DataIssue;

/** The package cannot be analysed as given. Carries every fatal problem found, each with file, line and column. */
public class InputException extends RuntimeException {

    private final transient List<DataIssue> problems;

    public InputException(List<DataIssue> problems) {
        super(problems.stream().map(DataIssue::describe).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InputException(DataIssue problem) {
        this(List.of(problem));
    }

    public List<DataIssue> problems() {
        return problems;
    }
}
