package dev.briefing.cli;

import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** Settings resolve flag first, then environment, then the config file, then the built-in default. */
final class Settings {
    private final CommandLine line;
    private final Map<String, String> env;
    private final ConfigFile config;

    Settings(CommandLine line, Map<String, String> env) {
        this(line, env, ConfigFile.none());
    }

    Settings(CommandLine line, Map<String, String> env, ConfigFile config) {
        this.line = line;
        this.env = env;
        this.config = config;
    }

    String get(String option, String envName, String fallback) {
        if (line.hasOption(option)) {
            return line.getOptionValue(option);
        }
        String fromEnv = envName == null ? null : env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String fromConfig = config.get(option);
        return fromConfig != null ? fromConfig : fallback;
    }

    /** -q: nothing on stderr but errors. */
    boolean quiet() {
        return line.hasOption("quiet");
    }

    /** The option was given on the command line (not from the environment or the config file). */
    boolean flagged(String option) {
        return line.hasOption(option);
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
