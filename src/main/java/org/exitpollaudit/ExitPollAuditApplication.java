package org.exitpollaudit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.exitpollaudit.calibration.CalibrateCommand;
import org.exitpollaudit.ingest.InputFingerprint;
import org.exitpollaudit.job.RemoteIngest;
import org.exitpollaudit.model.ExitCodes;
import org.exitpollaudit.ops.AheadOfTime;
import org.exitpollaudit.ops.AuditRunner;
import org.exitpollaudit.ops.Benchmark;
import org.exitpollaudit.ops.CliOptions;
import org.exitpollaudit.ops.ConsoleText;
import org.exitpollaudit.ops.Failures;
import org.exitpollaudit.ops.InputFolder;
import org.exitpollaudit.ops.JitPolicy;
import org.exitpollaudit.ops.Interrupts;
import org.exitpollaudit.ops.RunHistory;
import org.exitpollaudit.ops.RunLock;
import org.exitpollaudit.ops.ScheduledAudits;
import org.exitpollaudit.ops.Verifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point: parse the command line, take the run lock, start Spring, run the command, exit with its code.
 * Spring scans only the packages that hold beans (the job's wiring and steps, staging, the commands), not the ~200
 * classes of the analysis, statistics and report, which are plain Java; {@code ArchitectureTest} fails if a bean is
 * put anywhere else.
 */
@SpringBootApplication(proxyBeanMethods = false, scanBasePackages = {ExitPollAuditApplication.JOB, ExitPollAuditApplication.STAGING,
    ExitPollAuditApplication.OPS})
@EnableScheduling
public class ExitPollAuditApplication {

    static final String JOB = "org.exitpollaudit.job";
    static final String STAGING = "org.exitpollaudit.staging";
    static final String OPS = "org.exitpollaudit.ops";
    static final String JCL_FACTORY_PROPERTY = "org.apache.commons.logging.LogFactory";
    static final String JCL_FACTORY = "org.apache.commons.logging.impl.Slf4jLogFactory";

    public static void main(String[] args) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            // mvn package's process-aot (ops/AheadOfTime): Spring refreshes the context of a plain run for its bean
            // definitions only and ends the launch itself; no lock, no output, no exit code. That context has no
            // profile and no schedule, whatever the build machine's environment says (system properties outrank it)
            System.setProperty("spring.profiles.active", "");
            System.setProperty("epa.schedule.enabled", "false");
            SpringApplication app = application(CliOptions.parse(args), System.getProperty("java.io.tmpdir"));
            // and the build stops where another source (SPRING_PROFILES_INCLUDE, SPRING_APPLICATION_JSON, …) would
            // still make another context
            app.addListeners(AheadOfTime.processing());
            app.run();
            return;
        }
        if (System.getProperty(JCL_FACTORY_PROPERTY) == null) {
            // Spring logs through Commons Logging, whose first use probes the class path for half a dozen logging
            // libraries (0.05-0.08 s of start-up); this names the one it finds here, SLF4J (to Logback), at once
            // (ExitPollAuditApplicationTest checks that discovery still picks it)
            System.setProperty(JCL_FACTORY_PROPERTY, JCL_FACTORY);
        }
        // everything this process prints, its own lines and the frameworks' logs, with input text made harmless
        ConsoleText.install();
        int code = run(args, true);
        Interrupts.finished(code);
        System.exit(code);
    }

    /** Runs one launch and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return run(args, false);
    }

    /** @param ownProcess the process ends with this launch: Ctrl-C and SIGTERM end it with exit code 5 */
    private static int run(String[] args, boolean ownProcess) {
        if (args.length > 0 && "calibrate".equals(args[0])) {
            // a maintainer's command with options of its own, no Spring and no output folder
            return CalibrateCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
        }
        CliOptions opts;
        try {
            opts = CliOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\nRun with --help for the options.");
            return ExitCodes.BAD_INPUT;
        }
        if (opts.help()) {
            System.out.print(CliOptions.HELP);
            return ExitCodes.OK;
        }
        if (ownProcess && (opts.command() == CliOptions.Command.RUN || opts.command() == CliOptions.Command.VERIFY
                || opts.command() == CliOptions.Command.HISTORY)) {
            Interrupts.install(System.err);
        } else if (ownProcess && (opts.command() == CliOptions.Command.SCHEDULE
                || opts.command() == CliOptions.Command.WORKER)) {
            Interrupts.installForService(System.out);
        }
        if (opts.command() == CliOptions.Command.RUN || opts.command() == CliOptions.Command.SCHEDULE) {
            // before anything is created and before Spring starts: a mistyped path fails at once and leaves nothing
            String problem = InputFolder.problem(opts.input(), !opts.inputGiven());
            if (problem == null) {
                problem = InputFolder.tooLong("--output", opts.output());
            }
            if (problem != null) {
                System.err.println("error: " + problem);
                return ExitCodes.BAD_INPUT;
            }
            if (ownProcess && opts.command() == CliOptions.Command.RUN) {
                // a process's own run only: the tests' launches share one long-lived JVM
                JitPolicy.applyFor(opts.input());
            }
        }
        try {
            if (opts.command() == CliOptions.Command.VERIFY) {
                return Verifier.verify(opts.target(), opts.inputGiven() ? opts.input() : null, System.out, System.err,
                        a -> run(a, false));
            }
            if (opts.command() == CliOptions.Command.BENCHMARK) {
                return Benchmark.run(opts, ExitPollAuditApplication.class, System.out, System.err);
            }
            Path stateDir = opts.output().toAbsolutePath().normalize().resolve(".state");
            if (opts.command() == CliOptions.Command.WORKER) {
                return worker(opts, stateDir);
            }
            Optional<RunLock> lock = RunLock.tryAcquire(stateDir);
            if (lock.isPresent() && opts.command() == CliOptions.Command.RUN && ownProcess) {
                // only a process's own launch: a test's launches in one JVM change inputs between runs
                InputFingerprint.hashAhead(opts.input());
            }
            if (lock.isEmpty()) {
                System.err.println("error: another exit-poll-audit process (a run or a schedule) is using "
                        + opts.output().toAbsolutePath() + " (lock " + stateDir.resolve("run.lock")
                        + "); nothing was done. Try again when it has finished.");
                return ExitCodes.ALREADY_RUNNING;
            }
            try (RunLock held = lock.get(); ConfigurableApplicationContext ctx = application(opts, stateDir.toString()).run()) {
                return switch (opts.command()) {
                    case HISTORY -> ctx.getBean(RunHistory.class).print(System.out);
                    case SCHEDULE -> {
                        System.out.println("Scheduled on '" + ctx.getEnvironment().getProperty("epa.schedule.cron")
                                + "' for " + opts.input().toAbsolutePath().normalize() + "; stop with Ctrl-C or SIGTERM.");
                        ctx.getBean(ScheduledAudits.class).awaitShutdown();
                        yield ExitCodes.OK;
                    }
                    default -> ctx.getBean(AuditRunner.class).run(opts, System.out, System.err);
                };
            }
        } catch (Exception | OutOfMemoryError e) {
            Failures.Outcome known = Failures.classify(e, opts.input(), opts.output().toAbsolutePath().normalize());
            System.err.println("error: " + (known != null ? known.message()
                    : e.getClass().getSimpleName() + ": " + e.getMessage()));
            if (known != null && !opts.verbose()) {
                return known.code();
            }
            if (opts.verbose()) {
                e.printStackTrace();
            } else {
                System.err.println("Running the same command again restarts it; if it fails the same way, please report"
                        + " it as a bug with the output of --verbose.");
            }
            return known != null ? known.code() : ExitCodes.FAILED;
        } finally {
            AheadOfTime.clear();
        }
    }

    /** The worker command: no output folder of its own, so no run lock; runs until SIGTERM or Ctrl-C. */
    private static int worker(CliOptions opts, Path stateDir) throws InterruptedException {
        try (ConfigurableApplicationContext ctx = application(opts, stateDir.toString()).run()) {
            if (ctx.getBeanNamesForType(RemoteIngest.Workers.class).length == 0) {
                System.err.println("error: the worker command needs the remote and postgres profiles"
                        + " (SPRING_PROFILES_ACTIVE=postgres,remote and EPA_DB_URL of the runs' database)");
                return ExitCodes.BAD_INPUT;
            }
            System.out.println("Worker: " + ctx.getBean(RemoteIngest.Workers.class).count() + " threads staging ingest"
                    + " partitions from " + ctx.getEnvironment().getProperty("spring.datasource.url")
                    + "; stop with Ctrl-C or SIGTERM.");
            while (ctx.isActive()) {
                Thread.sleep(500);
            }
            return ExitCodes.OK;
        }
    }

    /**
     * The command line outranks application.properties (and any external configuration). It goes in as soon as
     * the environment exists, before the logging system reads its levels from it (an initializer would come too late
     * for --verbose's levels).
     */
    private record CommandLineProperties(Map<String, Object> props)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("command line", props));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static SpringApplication application(CliOptions opts, String stateDir) {
        SpringApplication app = new SpringApplication(ExitPollAuditApplication.class);
        Map<String, Object> props = new HashMap<>();
        props.put("epa.state-dir", stateDir);
        if (opts.command() == CliOptions.Command.SCHEDULE) {
            props.put("epa.schedule.enabled", "true");
            if (opts.cron() != null) {
                props.put("epa.schedule.cron", opts.cron());
            }
        }
        if (opts.command() == CliOptions.Command.WORKER) {
            props.put("epa.remote.workers", "${epa.worker.threads:" + Runtime.getRuntime().availableProcessors() + "}");
        }
        if (opts.embeddedDb()) {
            props.put("spring.datasource.url", "${epa.embedded-db-url}");
            props.put("spring.datasource.driver-class-name", "org.hsqldb.jdbc.JDBCDriver");
            props.put("spring.datasource.username", "SA");
            props.put("spring.datasource.password", "");
        }
        // the console: one line per step and the answer at the end; the log of every step with --verbose
        // (a worker's only steps are partitions, which the console lines leave out: it logs them like --verbose);
        // the long-running commands log their ticks and partitions with timestamps
        boolean service = opts.command() == CliOptions.Command.SCHEDULE || opts.command() == CliOptions.Command.WORKER;
        props.put("epa.progress", opts.verbose() || opts.command() == CliOptions.Command.WORKER ? "log"
                : opts.quiet() ? "none" : "console");
        if (opts.verbose() || service) {
            props.put("logging.level.exit-poll-audit", "INFO");
        }
        if (opts.verbose()) {
            props.put("logging.level.org.springframework.batch", "INFO");
        }
        // with Interrupts watching, Spring's own shutdown hook would close the context under the running job
        app.setRegisterShutdownHook(!Interrupts.watching());
        app.addListeners(new CommandLineProperties(props), new AheadOfTime(ExitPollAuditApplication.class, opts.command()));
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("cliOptions", opts);
            if (opts.embeddedDb()) {
                // nothing of the database profiles' beans either (remote partitioning needs the shared database)
                ctx.getEnvironment().setActiveProfiles(java.util.Arrays.stream(ctx.getEnvironment().getActiveProfiles())
                        .filter(p -> !p.equals("remote") && !p.equals("postgres")).toArray(String[]::new));
            }
        });
        return app;
    }
}
