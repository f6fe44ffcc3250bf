package org.exitpollaudit.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.exitpollaudit.election.Candidate;

/**
 * Resolves a column header to a candidate id by id, name or alias. Matching ignores case, diacritics
 * and runs of white space, and nothing else: a header must match a whole spelling, so "Aliyev" alone
 * resolves to nobody when two candidates are called Aliyev (unless an alias says otherwise, which
 * {@link #build} rejects as ambiguous).
 */
public final class CandidateResolver {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final Map<String, String> idByKey;
    private final List<Candidate> candidates;

    private CandidateResolver(Map<String, String> idByKey, List<Candidate> candidates) {
        this.idByKey = idByKey;
        this.candidates = candidates;
    }

    /** Case-, diacritic- and space-insensitive key: NFKD, marks removed, dotless i folded, lower case, spaces collapsed. */
    public static String normalize(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        d = MARKS.matcher(d).replaceAll("");
        d = d.replace('\u0131', 'i').toLowerCase(Locale.ROOT);
        return SPACE.matcher(d).replaceAll(" ").strip();
    }

    /**
     * Builds the resolver.
     *
     * @param conflicts receives one message per spelling that two candidates share (an ambiguity the
     *                  package must fix); the spelling then resolves to nobody
     */
    public static CandidateResolver build(List<Candidate> candidates, List<String> conflicts) {
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, String> ambiguous = new LinkedHashMap<>();
        map.put(Candidate.OTHER, Candidate.OTHER);
        map.put(Candidate.INVALID, Candidate.INVALID);
        for (Candidate c : candidates) {
            List<String> spellings = new ArrayList<>();
            spellings.add(c.id());
            spellings.add(c.name());
            spellings.addAll(c.aliases());
            for (String s : spellings) {
                String key = normalize(s);
                if (key.isEmpty()) {
                    continue;
                }
                String prior = map.putIfAbsent(key, c.id());
                if (prior != null && !prior.equals(c.id())) {
                    ambiguous.put(key, prior);
                    conflicts.add("spelling '" + s + "' of candidate '" + c.id() + "' is also a spelling of '"
                            + prior + "'");
                }
            }
        }
        ambiguous.keySet().forEach(map::remove);
        return new CandidateResolver(map, List.copyOf(candidates));
    }

    /** The candidate id (or {@code other} / {@code invalid}) a header names, if any. */
    public Optional<String> resolve(String header) {
        return Optional.ofNullable(idByKey.get(normalize(header)));
    }

    /** "aliyev-ilham (Ilham Aliyev), ..." for messages about unknown headers. */
    public String knownCandidates() {
        StringBuilder b = new StringBuilder();
        for (Candidate c : candidates) {
            b.append(b.length() > 0 ? ", " : "").append(c.id()).append(" (").append(c.name()).append(')');
        }
        return b + "; reserved: other, invalid";
    }
}
