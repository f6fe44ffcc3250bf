package org.exitpollaudit.election;

import java.time.LocalDate;

/** What election a package describes ({@code election.yaml}). Optional figures are {@code null} when not published. */
public record Election(String id, String name, LocalDate date, String country,
                       Long registeredVoters, Long districtsTotal, Long stationsTotal) {
}
