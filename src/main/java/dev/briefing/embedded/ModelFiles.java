package dev.briefing.embedded;

import dev.briefing.error.ModelUnavailableException;
import dev.briefing.homes.Xdg;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Which GGUF file the embedded backend runs, and where the default one is fetched from.
 * {@code BRIEFING_MODEL_FILE} names any GGUF; else the default model lives in the models
 * directory ({@code BRIEFING_MODELS_DIR}, else {@code $XDG_CACHE_HOME/briefing/models}, else
 * {@code ~/.cache/briefing/models}), downloaded on first use from {@code BRIEFING_MODEL_URL}
 * and checked against {@code BRIEFING_MODEL_SHA256}.
 *
 * @param file       the GGUF to load
 * @param download   where to fetch it when it is missing, or null when the user named the file
 */
public record ModelFiles(Path file, Download download) {
    public static final String FILE_ENV = "BRIEFING_MODEL_FILE";
    public static final String DIR_ENV = "BRIEFING_MODELS_DIR";
    public static final String URL_ENV = "BRIEFING_MODEL_URL";
    public static final String SHA256_ENV = "BRIEFING_MODEL_SHA256";

    /** Qwen2.5 1.5B Instruct, Q4_K_M, as Qwen publishes it (about 1.12 GB). */
    public static final String DEFAULT_FILE_NAME = "qwen2.5-1.5b-instruct-q4_k_m.gguf";
    public static final URI DEFAULT_URL = URI.create(
            "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/" + DEFAULT_FILE_NAME);
    /** The SHA-256 Hugging Face lists for that file (Git LFS details of Qwen/Qwen2.5-1.5B-Instruct-GGUF). */
    public static final String DEFAULT_SHA256 = "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e";

    /** Where and how to fetch a missing default model. */
    public record Download(URI url, String sha256) {
        public Download {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(sha256, "sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
            }
        }
    }

    public ModelFiles {
        Objects.requireNonNull(file, "file");
    }

    /** @throws ModelUnavailableException when a setting is malformed or a named file is missing */
    public static ModelFiles from(Map<String, String> env) {
        String named = value(env, FILE_ENV);
        if (named != null) {
            Path file = Path.of(named).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new ModelUnavailableException(FILE_ENV + " names " + file + ", which is not a file",
                        "set " + FILE_ENV + " to a .gguf file, or unset it to use the default model");
            }
            return new ModelFiles(file, null);
        }
        URI url;
        try {
            url = URI.create(Objects.requireNonNullElse(value(env, URL_ENV), DEFAULT_URL.toString()));
        } catch (IllegalArgumentException e) {
            throw new ModelUnavailableException(URL_ENV + " is not a URL: " + value(env, URL_ENV),
                    "unset it to download from " + DEFAULT_URL, e);
        }
        String sha = Objects.requireNonNullElse(value(env, SHA256_ENV), DEFAULT_SHA256).toLowerCase(java.util.Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new ModelUnavailableException(SHA256_ENV + " must be 64 hex digits, got '" + sha + "'",
                    "unset it to check the default model's published SHA-256");
        }
        return new ModelFiles(modelsDir(env).resolve(DEFAULT_FILE_NAME), new Download(url, sha));
    }

    /**
     * The models directory: {@code BRIEFING_MODELS_DIR}, else {@code models} in the cache home
     * the call cache uses ({@code $XDG_CACHE_HOME/briefing}, else {@code ~/.cache/briefing}),
     * else the JVM's idea of home when the environment names none.
     */
    public static Path modelsDir(Map<String, String> env) {
        String dir = value(env, DIR_ENV);
        if (dir != null) {
            return Path.of(dir).toAbsolutePath();
        }
        Path cache = Xdg.cacheHome(env);
        if (cache == null) {
            cache = Path.of(System.getProperty("user.home"), ".cache");
        }
        return cache.resolve(Xdg.APP).resolve("models");
    }

    public boolean present() {
        return Files.isRegularFile(file);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
