package org.thermolearn.experiments.config;

/** A bad configuration value or flag; the message names the key, the value and the fix. Exit code 2. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String key, Object value, String fix) {
        super("config key '" + key + "' = " + (value instanceof String s ? "'" + s + "'" : String.valueOf(value)) + " is invalid: " + fix);
    }
}
