package dev.briefing.cli;

import dev.briefing.embedded.EmbeddedLanguageModel;
import dev.briefing.embedded.EmbeddedModelServer;
import dev.briefing.embedded.ModelDownload;
import dev.briefing.embedded.ModelFiles;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --host embedded}: llama.cpp in-process on a GGUF file, no server. Building it reads
 * settings only; the model file is fetched (first use) and loaded when the engine first needs it.
 */
public final class EmbeddedBackend {
    public static final String HOST = "embedded";

    static final Backends.Kind KIND = new Backends.Kind() {
        @Override
        public boolean serves(String host) {
            return host.toLowerCase(Locale.ROOT).equals(HOST);
        }

        @Override
        public Backend create(String host, String model, Duration timeout, Map<String, String> env) {
            return EmbeddedBackend.create(model, timeout, env, new PrintStream(OutputStream.nullOutputStream()), false);
        }

        @Override
        public Backend create(String host, String model, Duration timeout, Map<String, String> env, PrintStream err,
                boolean animate) {
            return EmbeddedBackend.create(model, timeout, env, err, animate);
        }
    };

    private EmbeddedBackend() {
    }

    /** The model file an embedded server's host names ("embedded:/path/model.gguf"), or null for any other host. */
    static java.nio.file.Path modelFile(String host) {
        return host.startsWith(HOST + ":") ? java.nio.file.Path.of(host.substring(HOST.length() + 1)) : null;
    }

    /** Whether the embedded backend is among a pool's hosts (as HostPool joins them). */
    static boolean among(String hosts) {
        return hosts.contains(HOST + ":");
    }

    /** @param model ignored: the embedded backend runs the file {@link ModelFiles} names */
    public static Backend create(String model, Duration timeout, Map<String, String> env, PrintStream err,
            boolean animate) {
        ModelFiles files = ModelFiles.from(env);
        return new Backend(new EmbeddedModelServer(files, new ModelDownload(err, animate)),
                new EmbeddedLanguageModel(files.file(), timeout));
    }
}
