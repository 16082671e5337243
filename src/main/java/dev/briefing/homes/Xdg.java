package dev.briefing.homes;

import java.nio.file.Path;
import java.util.Map;

/**
 * The XDG base directories, read from an environment map so tests and the CLI see the same
 * rules. Below every package that keeps files between runs (the CLI's store and cache, the
 * embedded backend's models), so none of them has to reach up into the CLI for them.
 */
public final class Xdg {
    /** The application's directory name under each base. */
    public static final String APP = "briefing";

    private Xdg() {
    }

    /** {@code $XDG_DATA_HOME}, else {@code ~/.local/share}; null when neither is known. */
    public static Path dataHome(Map<String, String> env) {
        return base(env, "XDG_DATA_HOME", ".local/share");
    }

    /** {@code $XDG_CACHE_HOME}, else {@code ~/.cache}; null when neither is known. */
    public static Path cacheHome(Map<String, String> env) {
        return base(env, "XDG_CACHE_HOME", ".cache");
    }

    /** {@code $XDG_CONFIG_HOME}, else {@code ~/.config}; null when neither is known. */
    public static Path configHome(Map<String, String> env) {
        return base(env, "XDG_CONFIG_HOME", ".config");
    }

    /** The variable when it is an absolute path (the spec says to ignore relative ones), else ~/fallback. */
    private static Path base(Map<String, String> env, String variable, String fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value.strip()).isAbsolute()) {
            return Path.of(value.strip()).normalize();
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank() || !Path.of(home.strip()).isAbsolute()) {
            return null;
        }
        return Path.of(home.strip()).resolve(fallback).normalize();
    }
}
