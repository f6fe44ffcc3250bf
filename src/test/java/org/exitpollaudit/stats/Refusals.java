package org.exitpollaudit.stats;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** The invalid-input assertion of the stats tests: refused, and the message says which argument and what value. */
final class Refusals {

    private Refusals() {
    }

    /** The call throws an IllegalArgumentException whose message contains {@code named}, e.g. "alpha = 1.5". */
    static void refuses(String named, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(named), () -> "message '" + e.getMessage() + "' does not name '" + named
                + "'");
    }
}
