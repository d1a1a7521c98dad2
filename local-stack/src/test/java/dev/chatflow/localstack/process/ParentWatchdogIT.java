package dev.chatflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child started through the watchdog dies with its parent, even when the parent is killed with SIGKILL. */
class ParentWatchdogIT {

    /** Runs in the parent JVM: starts a sleeping child through {@link ChildProcess}, prints its pid, waits. */
    public static final class Parent {
        public static void main(String[] args) throws InterruptedException {
            List<Path> cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of).toList();
            ChildProcess child = ChildProcess.start(new ChildProcess.Spec("sleeper", cp, Sleeper.class.getName(),
                    List.of("-Xmx32m"), List.of(), Map.of(), Path.of(args[0])));
            System.out.println(child.pid());
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    /** The child: does nothing, forever. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.currentThread().join();
        }
    }

    @Test
    void childExitsWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), Parent.class.getName(),
                dir.resolve("child.log").toString())
                .redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().trim());
        }
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        assertThat(child).isPresent();
        assertThat(child.get().isAlive()).isTrue();

        parent.destroyForcibly(); // SIGKILL: no shutdown hook of the parent runs
        parent.waitFor();

        await().atMost(Duration.ofSeconds(15)).until(() -> !child.get().isAlive());
    }

    @Test
    void stopEndsTheChild(@TempDir Path dir) {
        List<Path> cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        ChildProcess child = ChildProcess.start(new ChildProcess.Spec("sleeper", cp, Sleeper.class.getName(),
                List.of("-Xmx32m"), List.of(), Map.of(), dir.resolve("sleeper.log")));
        assertThat(child.isAlive()).isTrue();
        child.stop(Duration.ofSeconds(10));
        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
