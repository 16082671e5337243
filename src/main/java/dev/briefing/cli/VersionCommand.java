package dev.briefing.cli;

import dev.briefing.error.ExitCode;
import dev.briefing.pipeline.EngineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Properties;

/** {@code briefing --version}: what was built from which commit, and the defaults a run starts from. */
final class VersionCommand implements Main.Command {
    static final String BUILD_PROPERTIES = "/briefing-build.properties";

    @Override
    public int help(Io io) {
        io.out().println("usage: briefing --version");
        io.out().println("The version and commit of this build, the model defaults, and where data, cache and config live.");
        return ExitCode.OK.code();
    }

    @Override
    public int run(String[] args, Io io) {
        Properties build = build();
        var out = io.out();
        out.println("briefing " + build.getProperty("version", "unknown") + " (commit "
                + build.getProperty("commit", "unknown") + ")");
        out.println("java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        Homes homes = Homes.of(io.env(), io.workDir());
        ConfigFile config = ConfigFile.read(homes.config());
        out.println("model     " + effective(io, config, "BRIEFING_MODEL", "model", EngineConfig.DEFAULT_MODEL));
        out.println("host      " + effective(io, config, "OLLAMA_HOST", "host", "127.0.0.1:11434"));
        out.println(String.format(Locale.ROOT, "defaults  num_ctx %d, num_predict %d, chunks up to %d tokens, %d in "
                        + "parallel", EngineConfig.DEFAULT_NUM_CTX, EngineConfig.DEFAULT_NUM_PREDICT,
                EngineConfig.DEFAULT_CHUNK_TOKENS, EngineConfig.DEFAULT_PARALLEL));
        String dataDir = io.env().get(DataDir.ENV);
        out.println("data      " + (dataDir != null && !dataDir.isBlank() ? dataDir + " (" + DataDir.ENV + ")"
                : homes.data() + (homes.legacy() ? " (./.briefing of an earlier version)" : "")));
        out.println("cache     " + (dataDir != null && !dataDir.isBlank() ? dataDir : homes.callCache().getParent()));
        out.println("config    " + (homes.config() == null ? "none (no HOME)" : homes.config()
                + (Files.isRegularFile(homes.config()) ? "" : " (not there)")));
        return ExitCode.OK.code();
    }

    /** The value a run would use, and where it came from (environment, config file, default). */
    private static String effective(Io io, ConfigFile config, String env, String key, String fallback) {
        String fromEnv = io.env().get(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip() + " (" + env + ")";
        }
        if (config.get(key) != null) {
            return config.get(key) + " (config file)";
        }
        return fallback + " (default)";
    }

    static Properties build() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
