package dev.chatflow.kit.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration setting of a service: its key (as in a properties file), its default and what it is
 * for. The environment variable that overrides it is derived from the key:
 * {@code kafka.bootstrap.servers} → {@code CHATFLOW_KAFKA_BOOTSTRAP_SERVERS}.
 *
 * @param key          dotted lower-case name
 * @param defaultValue value when nothing overrides it; null when the setting is optional
 * @param description  one line for the configuration reference
 */
public record Setting(String key, String defaultValue, String description) {

    public Setting {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[a-z0-9]+([.-][a-z0-9]+)*(\\.\\*)?")) {
            throw new IllegalArgumentException("setting keys are dotted lower case: " + key);
        }
        Objects.requireNonNull(description, "description");
    }

    /** The environment variable that overrides this setting. */
    public String envName() {
        return envName(key);
    }

    public static String envName(String key) {
        return "CHATFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
