package dev.briefing.cli;

import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** Settings resolve flag first, then environment, then the built-in default. */
final class Settings {
    private final CommandLine line;
    private final Map<String, String> env;

    Settings(CommandLine line, Map<String, String> env) {
        this.line = line;
        this.env = env;
    }

    String get(String option, String envName, String fallback) {
        if (line.hasOption(option)) {
            return line.getOptionValue(option);
        }
        String fromEnv = envName == null ? null : env.get(envName);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : fallback;
    }

    int integer(String option, String envName, int fallback, int min, int max) {
        String value = get(option, envName, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw dev.briefing.error.BriefingException.usage("--" + option + " must be between " + min + " and "
                        + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw dev.briefing.error.BriefingException.usage("--" + option + " takes a whole number, got '" + value + "'");
        }
    }

    /** One of {@code allowed} (compared in lower case), else {@code fallback}; anything else is bad usage. */
    String choice(String option, String fallback, String... allowed) {
        String value = get(option, null, fallback).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of(allowed).contains(value)) {
            throw dev.briefing.error.BriefingException.usage("--" + option + " must be " + String.join(" or ", allowed)
                    + ", got '" + value + "'");
        }
        return value;
    }
}
