package org.exitpollaudit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The application in a process of its own (same classpath as the tests), to be killed with SIGKILL or to hold
 * the run lock while the test launches another.
 */
public final class Launcher implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Launcher(Process process) {
        this.process = process;
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    public static Launcher start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** @param env variables added to the process's environment (a Spring profile, a database address) */
    public static Launcher start(java.util.Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    /**
     * @param prefix a command that runs the JVM command line given after it (for example {@code unshare} with a
     *               shell that mounts a file system first and then {@code exec "$@"}), or empty
     */
    public static Launcher start(List<String> prefix, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.exitpollaudit.ExitPollAuditApplication"));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new Launcher(builder.start());
    }

    /** Waits for a line of output that matches; fails the test after the timeout or when the process ends first. */
    public String await(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("the expected line did not come; output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
            }
        }
    }

    /** SIGTERM, as a service manager or {@code kill} sends it (Ctrl-C's SIGINT takes the same path in the JVM). */
    public void terminate() {
        // through the handle: Process.destroy() would also close the pipes, and what the process prints as it
        // stops would be lost
        process.toHandle().destroy();
    }

    /** kill -9: no shutdown hook, no finally block runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s");
        }
        // the last lines may still be on their way from the pipe
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
