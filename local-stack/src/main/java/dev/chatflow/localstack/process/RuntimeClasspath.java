package dev.chatflow.localstack.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of a forked server, as written by the build into
 * {@code META-INF/chatflow/<server>.classpath} of its runtime module (see {@code local-stack/runtimes}).
 */
public final class RuntimeClasspath {

    private RuntimeClasspath() {
    }

    /** Reads the classpath of {@code server} ("kafka", "cassandra"); every entry must exist. */
    public static List<Path> of(String server) {
        String resource = "META-INF/chatflow/" + server + ".classpath";
        try (InputStream in = RuntimeClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath: build the module "
                        + "local-stack-" + server + "-runtime first (./mvnw install -DskipTests)");
            }
            List<Path> entries = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Path entry : entries) {
                if (!Files.exists(entry)) {
                    throw new IllegalStateException("the " + server + " classpath names " + entry
                            + ", which does not exist: rebuild with ./mvnw install -DskipTests");
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a classpath string as written by the build. */
    public static List<Path> parse(String text) {
        return Arrays.stream(text.trim().split(File.pathSeparator))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
    }
}
