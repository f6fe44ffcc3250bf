package org.exitpollaudit.ops;

import java.util.Arrays;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the packaged jar's Spring context from the bean definitions that Spring's ahead-of-time processing generated
 * at build time ({@code process-aot} in pom.xml), where that context is the one the build saw.
 *
 * <p>Why: of a short run's 1.8 s of start-up, Spring spends about 0.3 s parsing the configuration classes, evaluating
 * the auto-configurations' conditions and creating beans by reflection (docs/benchmark.md, "Spring ahead of time").
 * Ahead-of-time processing does that once, in {@code mvn package}, and writes the result as code ({@code
 * *__BeanDefinitions}, {@code ExitPollAuditApplication__ApplicationContextInitializer}).
 *
 * <p>The price: conditions and profiles are fixed at build time, when no profile was active and the schedule was off.
 * So the generated code is used only when a launch's context is that one: the command is {@code run}, {@code verify} or
 * {@code history}; the prepared environment has no active profile (neither {@code postgres} nor {@code remote}) and
 * no {@code epa.schedule.enabled}; the application was loaded from a jar (the packaged one, built with its generated
 * code; never {@code target/classes}, where generated classes of an earlier build may lie beside newer code); and
 * the generated initializer is there. Every other launch, the tests' among them, starts the usual way. The decision is
 * taken when the environment is ready, after the profiles are known and before the context is created, which reads
 * it. (Two listeners of the same event read it earlier, for an environment post-processor and a Logback configuration
 * generated from what was active at build time; this build generates neither, and they find nothing either way.)
 * {@link #clear} takes the switch back when the launch ends, so that another launch in the same process (verify runs
 * the job again) starts as undecided as the first. {@code -Dspring.aot.enabled=false} (or {@code true}) on the
 * command line overrides it.
 */
public final class AheadOfTime implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Spring's switch, read by Spring Boot when it creates the context ({@code AotDetector.AOT_ENABLED}). */
    static final String AOT_ENABLED = "spring.aot.enabled";

    /** What {@code process-aot} generates for the application class. */
    static final String INITIALIZER_SUFFIX = "__ApplicationContextInitializer";

    private final Class<?> application;
    private final boolean commandAllows;

    /**
     * @param application the {@code @SpringBootApplication} class
     * @param command the launch's command
     */
    public AheadOfTime(Class<?> application, CliOptions.Command command) {
        this.application = application;
        this.commandAllows = command == CliOptions.Command.RUN || command == CliOptions.Command.VERIFY
                || command == CliOptions.Command.HISTORY;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (System.getProperty(AOT_ENABLED) != null) {
            return; // the user's decision
        }
        boolean use = usable(commandAllows, event.getEnvironment(), fromJar(application), generated(application));
        // a process may launch several contexts (verify runs the job again): each launch decides for itself
        SpringProperties.setProperty(AOT_ENABLED, use ? "true" : null);
    }

    /** @return whether a launch may use the code generated for the default context */
    static boolean usable(boolean commandAllows, ConfigurableEnvironment env, boolean fromJar, boolean generated) {
        return commandAllows && fromJar && generated && plain(env);
    }

    /** @return whether {@code env} makes the context the generated code stands for: no profile, no schedule */
    static boolean plain(ConfigurableEnvironment env) {
        return env.getActiveProfiles().length == 0 && Arrays.equals(env.getDefaultProfiles(), new String[] {"default"})
                && !env.getProperty("epa.schedule.enabled", Boolean.class, false);
    }

    /**
     * For the build's ahead-of-time processing: stops it when the environment it runs in (profiles or a schedule from
     * SPRING_PROFILES_INCLUDE, SPRING_APPLICATION_JSON, …) would make another context than the plain one.
     */
    public static ApplicationListener<ApplicationEnvironmentPreparedEvent> processing() {
        return new Processing();
    }

    private static final class Processing implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment env = event.getEnvironment();
            if (!plain(env)) {
                throw new IllegalStateException("ahead-of-time processing generates the context of a run without"
                        + " profiles and without the schedule, but this build's environment has active profiles "
                        + Arrays.toString(env.getActiveProfiles()) + ", default profiles "
                        + Arrays.toString(env.getDefaultProfiles()) + " and epa.schedule.enabled="
                        + env.getProperty("epa.schedule.enabled") + "; build without them");
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Ends a launch's decision (the switch goes back to what the command line says). */
    public static void clear() {
        SpringProperties.setProperty(AOT_ENABLED, null);
    }

    /** @return whether {@code type} was loaded from a jar, not from a folder of classes */
    static boolean fromJar(Class<?> type) {
        java.net.URL url = type.getResource(type.getSimpleName() + ".class");
        return url != null && "jar".equals(url.getProtocol());
    }

    private static boolean generated(Class<?> application) {
        return application.getClassLoader().getResource(
                application.getName().replace('.', '/') + INITIALIZER_SUFFIX + ".class") != null;
    }

    /** After every other listener of the prepared environment: the profiles from every source are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
