package org.exitpollaudit.election;

import java.util.List;

/** A candidate of {@code candidates.csv}: id, display name, party and every other spelling a source may use. */
public record Candidate(String id, String name, String party, List<String> aliases) {

    /** Reserved column id for "other / refused / don't know". */
    public static final String OTHER = "other";
    /** Reserved column id for spoiled ballots reported beside the candidates. */
    public static final String INVALID = "invalid";
}
