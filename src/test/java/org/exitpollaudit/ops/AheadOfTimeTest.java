package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.exitpollaudit.ExitPollAuditApplication;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * When the packaged jar may start from the code generated at build time. The packaged path itself runs in every
 * {@code mvn package} (the class-data training run on the Azerbaijani package goes through it); its measurement and
 * the byte-identical figures.csv of both paths are in docs/benchmark.md.
 */
class AheadOfTimeTest {

    @Test
    void onlyThePlainContextOfRunVerifyAndHistoryFromTheJarWithItsGeneratedCode() {
        assertTrue(AheadOfTime.usable(true, new MockEnvironment(), true, true));
        assertFalse(AheadOfTime.usable(false, new MockEnvironment(), true, true), "schedule, worker");
        assertFalse(AheadOfTime.usable(true, new MockEnvironment(), false, true), "target/classes");
        assertFalse(AheadOfTime.usable(true, new MockEnvironment(), true, false), "no generated initializer");

        MockEnvironment postgres = new MockEnvironment();
        postgres.setActiveProfiles("postgres");
        assertFalse(AheadOfTime.usable(true, postgres, true, true), "a profile: other beans, other conditions");
        MockEnvironment byDefault = new MockEnvironment();
        byDefault.setDefaultProfiles("remote");
        assertFalse(AheadOfTime.usable(true, byDefault, true, true), "a profile active by default");

        MockEnvironment scheduled = new MockEnvironment().withProperty("epa.schedule.enabled", "true");
        assertFalse(AheadOfTime.usable(true, scheduled, true, true), "the schedule's bean is conditional");
        MockEnvironment off = new MockEnvironment().withProperty("epa.schedule.enabled", "false");
        assertTrue(AheadOfTime.usable(true, off, true, true));
    }

    @Test
    void theBuildsProcessingStopsInAnEnvironmentThatMakesAnotherContext() {
        MockEnvironment included = new MockEnvironment();
        included.setActiveProfiles("remote");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> AheadOfTime.processing()
                .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(),
                        new String[0], included)));
        MockEnvironment scheduled = new MockEnvironment().withProperty("epa.schedule.enabled", "true");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> AheadOfTime.processing()
                .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(),
                        new String[0], scheduled)));
        AheadOfTime.processing().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(null,
                new SpringApplication(), new String[0], new MockEnvironment()));
    }

    @Test
    void aClassFromAFolderIsNotFromAJar() {
        assertFalse(AheadOfTime.fromJar(AheadOfTimeTest.class), "test classes come from target/test-classes");
        assertTrue(AheadOfTime.fromJar(SpringApplication.class), "Spring Boot comes from its jar");
    }

    @Test
    void aLaunchFromTheClassesFolderStartsTheUsualWayAndClearsAnEarlierLaunchsSwitch() {
        SpringProperties.setProperty(AheadOfTime.AOT_ENABLED, "true");
        try {
            new AheadOfTime(ExitPollAuditApplication.class, CliOptions.Command.RUN).onApplicationEvent(
                    new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(), new String[0],
                            new org.springframework.core.env.StandardEnvironment()));
            assertNull(SpringProperties.getProperty(AheadOfTime.AOT_ENABLED));
            assertFalse(AotDetector.useGeneratedArtifacts());
            SpringProperties.setProperty(AheadOfTime.AOT_ENABLED, "true");
            AheadOfTime.clear();
            assertFalse(AotDetector.useGeneratedArtifacts(), "a launch's switch ends with it");
        } finally {
            SpringProperties.setProperty(AheadOfTime.AOT_ENABLED, null);
        }
    }
}
