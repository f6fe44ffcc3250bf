package org.exitpollaudit.election;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A validated election package: its folder and the contents of its manifest files. */
public record ElectionPackage(Path root, Election election, List<Candidate> candidates,
                              List<District> districts, List<Source> sources) {

    public Optional<Source> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Candidate> candidate(String id) {
        return candidates.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<Source> officialReleases() {
        return sources.stream().filter(Source::isOfficial).toList();
    }

    public List<Source> exitPolls() {
        return sources.stream().filter(Source::isExitPoll).toList();
    }

    /** The certified release; validation guarantees there is exactly one. */
    public Source finalRelease() {
        return sources.stream().filter(s -> s.isOfficial() && s.finalRelease()).findFirst()
                .orElseThrow(() -> new IllegalStateException("package has no final official release"));
    }

    public Path resolve(Source s) {
        return root.resolve(s.file()).normalize();
    }

    public String candidateName(String id) {
        return candidate(id).map(Candidate::name).orElse(id);
    }
}
