package dev.chatflow.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM forked by the local stack, started through {@link ParentWatchdog} so that it dies with us.
 * Its standard output and error go to a log file.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** What to start: a main class on a classpath, with JVM options, arguments and environment. */
    public record Spec(String name, List<Path> classpath, String mainClass, List<String> jvmOptions,
                       List<String> arguments, Map<String, String> environment, Path logFile) {

        public Spec {
            classpath = List.copyOf(classpath);
            jvmOptions = List.copyOf(jvmOptions);
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    /** Starts the JVM described by {@code spec}; it runs until {@link #close()} or until this JVM exits. */
    public static ChildProcess start(Spec spec) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmOptions());
        List<String> classpath = new ArrayList<>();
        classpath.add(watchdogLocation().toString());
        spec.classpath().forEach(p -> classpath.add(p.toString()));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ParentWatchdog.class.getName());
        command.add(spec.mainClass());
        command.addAll(spec.arguments());

        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Files.writeString(spec.logFile(), "# " + String.join(" ", redactClasspath(command)) + "\n",
                    StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            log.debug("started {} (pid {}), log {}", spec.name(), process.pid(), spec.logFile());
            return new ChildProcess(spec.name(), process, spec.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code, or -1 while the process still runs. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits for the process to end by itself (for short-lived tools); false when it is still running. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run), then kills it after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} (pid {}) did not stop within {}, killing it", name, process.pid(), grace);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once, as a crash would (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /**
     * A directory holding {@link ParentWatchdog}'s class file and nothing else, to put first on a child's
     * classpath. (The jar or classes directory the class is loaded from would bring local-stack's other
     * resources, such as its logback.xml, in front of the child's own.)
     */
    static synchronized Path watchdogLocation() {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("cannot find " + resource);
            }
            byte[] bytes = in.readAllBytes();
            Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                    "chatflow-watchdog-" + Integer.toHexString(java.util.Arrays.hashCode(bytes)));
            Path file = dir.resolve(resource);
            if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "watchdog", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the watchdog class for child processes", e);
        }
    }

    private static List<String> redactClasspath(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        int cp = shown.indexOf("-cp");
        if (cp >= 0 && cp + 1 < shown.size()) {
            int entries = shown.get(cp + 1).split(java.io.File.pathSeparator).length;
            shown.set(cp + 1, "<" + entries + " classpath entries>");
        }
        return Collections.unmodifiableList(shown);
    }
}
