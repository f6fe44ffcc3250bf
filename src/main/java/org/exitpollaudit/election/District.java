package org.exitpollaudit.election;

/** A constituency of {@code districts.csv}. */
public record District(String id, String name, String region, Long registeredVoters, Long stations) {
}
