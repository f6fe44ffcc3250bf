package org.exitpollaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

class ExitPollAuditApplicationTest {

    @Test
    void theLoggingFactoryMainNamesIsTheOneCommonsLoggingWouldDiscover() {
        // main() sets the property; the tests never call main, so here Commons Logging discovered its factory itself
        assertNull(System.getProperty(ExitPollAuditApplication.JCL_FACTORY_PROPERTY));
        assertEquals(ExitPollAuditApplication.JCL_FACTORY, LogFactory.getFactory().getClass().getName());
    }
}
