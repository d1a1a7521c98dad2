package dev.chatflow.kit.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's configuration, in layers: the defaults of its declared {@link Setting}s, then a
 * properties file (named by {@code CHATFLOW_CONFIG_FILE}, optional), then environment variables
 * ({@code CHATFLOW_…}, what docker-compose sets). Later layers win.
 *
 * <p>Reading an undeclared key is a programming error and fails loudly, so a typo never silently
 * falls back to a default. Keys under a declared prefix ending in {@code .*} (e.g. {@code topics.*})
 * may be read without declaring each one.
 */
public final class Config {

    /** Environment variable naming an optional properties file. */
    public static final String CONFIG_FILE_ENV = "CHATFLOW_CONFIG_FILE";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, Setting> declared;
    private final List<String> openPrefixes;
    private final Map<String, String> values;

    private Config(Collection<Setting> settings, Map<String, String> values) {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s));
        this.declared = Map.copyOf(byKey);
        this.openPrefixes = settings.stream().map(Setting::key).filter(k -> k.endsWith(".*"))
                .map(k -> k.substring(0, k.length() - 1)).toList();
        this.values = Map.copyOf(values);
    }

    /** Loads the layers from the process environment. */
    public static Config load(Collection<Setting> settings) {
        return load(settings, System.getenv());
    }

    /** Loads the layers from {@code environment} (tests pass their own). */
    public static Config load(Collection<Setting> settings, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (Setting s : settings) {
            if (s.defaultValue() != null) {
                values.put(s.key(), s.defaultValue());
            }
        }
        String file = environment.get(CONFIG_FILE_ENV);
        if (file != null && !file.isBlank()) {
            values.putAll(readProperties(Path.of(file)));
        }
        Map<String, String> byEnvName = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("CHATFLOW_")) {
                byEnvName.put(name, value);
            }
        });
        for (Setting s : settings) {
            if (s.key().endsWith(".*")) {
                String envPrefix = Setting.envName(s.key().substring(0, s.key().length() - 2)) + "_";
                byEnvName.forEach((name, value) -> {
                    if (name.startsWith(envPrefix)) {
                        values.put(openKey(s.key(), name.substring(envPrefix.length())), value);
                    }
                });
            } else if (byEnvName.containsKey(s.envName())) {
                values.put(s.key(), byEnvName.get(s.envName()));
            }
        }
        return new Config(settings, values);
    }

    /** A configuration of exactly these values over the settings' defaults (for tests and tools). */
    public static Config of(Collection<Setting> settings, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        settings.stream().filter(s -> s.defaultValue() != null).forEach(s -> values.put(s.key(), s.defaultValue()));
        values.putAll(overrides);
        return new Config(settings, values);
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("setting " + key + " (environment "
                + Setting.envName(key) + ") is required but not set"));
    }

    public Optional<String> optional(String key) {
        requireDeclared(key);
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public int integer(String key) {
        String value = string(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
    }

    public boolean bool(String key) {
        String value = string(key);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value, "true or false");
    }

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key) {
        String value = string(key);
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a duration such as 30s, 5m or PT30S");
        }
    }

    /**
     * The duration grammar of the settings, for tools that take durations on their command line too:
     * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT30S}).
     *
     * @throws IllegalArgumentException when {@code value} is none of these
     */
    public static Duration parseDuration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (expected e.g. 30s, 5m or PT30S)", e);
        }
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public Path path(String key) {
        String value = string(key);
        if (value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(value.substring(2));
        }
        return Path.of(value);
    }

    /** Lookup function for components that read their own keys (e.g. the topic catalog). */
    public java.util.function.Function<String, Optional<String>> lookup() {
        return this::optional;
    }

    /** The declared settings, for the configuration reference. */
    public Collection<Setting> settings() {
        return declared.values();
    }

    private void requireDeclared(String key) {
        if (!declared.containsKey(key) && openPrefixes.stream().noneMatch(key::startsWith)) {
            throw new IllegalArgumentException("undeclared setting: " + key);
        }
    }

    private static IllegalStateException invalid(String key, String value, String expected) {
        return new IllegalStateException("setting " + key + " (environment " + Setting.envName(key) + ") is '"
                + value + "', expected " + expected);
    }

    /**
     * Rebuilds the key of an open setting from the rest of its environment name. Environment names
     * lose the difference between dots and dashes, so {@code TOPICS_CHAT_MESSAGES_RAW_PARTITIONS}
     * becomes {@code topics.chat.messages.raw.partitions}.
     */
    private static String openKey(String pattern, String envRest) {
        return pattern.substring(0, pattern.length() - 1) + envRest.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        props.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return values;
    }
}
