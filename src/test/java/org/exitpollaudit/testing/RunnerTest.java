package org.exitpollaudit.testing;

import java.nio.file.Path;

import org.exitpollaudit.ops.AuditRunner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests that launch many runs through one Spring context: the input corpora. They share one job repository (each
 * case is its own package, so its own fingerprint and job instance), and so one cached context.
 */
@SpringBootTest
public abstract class RunnerTest {

    private static final Path STATE = TestPackages.tempDir("epa-runner-state");

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("epa.state-dir", STATE::toString);
    }

    @Autowired
    protected AuditRunner runner;
}
