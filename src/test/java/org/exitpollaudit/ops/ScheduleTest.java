package org.exitpollaudit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.testing.TestPackages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The schedule command's component on a cron of every second: the first tick reports, the next ones find nothing new. */
@SpringBootTest(properties = {"epa.schedule.enabled=true", "epa.schedule.cron=* * * * * *"})
class ScheduleTest {

    private static final Path DIR = TestPackages.tempDir("epa-schedule");

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("epa.state-dir", () -> DIR.resolve("out/.state").toString());
    }

    @TestConfiguration
    static class Options {
        @Bean
        CliOptions cliOptions() {
            return CliOptions.parse(new String[] {"schedule", "--input=" + TestPackages.AZ, "--output=" + DIR.resolve("out")});
        }
    }

    @Autowired
    ScheduledAudits schedule;

    @Test
    void ticksRunTheJobOnceAndThenFindTheInputsUnchanged() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (schedule.ticks() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(schedule.ticks() >= 3, "ticks: " + schedule.ticks());
        assertEquals(ExitCodes.OK, schedule.lastExitCode());
        try (Stream<Path> s = Files.list(DIR.resolve("out/az-2024-presidential"))) {
            assertEquals(1, s.filter(p -> !Files.isSymbolicLink(p)).count(), "one report, however many ticks");
        }
    }
}
