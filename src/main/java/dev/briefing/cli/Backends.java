package dev.briefing.cli;

import dev.briefing.ollama.OllamaHost;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Which backend serves a {@code --host} value. Each kind says whether it serves a host; the
 * first that does builds it, and Ollama, last, serves everything else (as before there was a
 * choice). A new backend joins with one {@link Kind} and one line in {@link #KINDS}.
 *
 * <p>With no host at all (no {@code --host}, no {@code OLLAMA_HOST}), an Ollama answering at
 * its default address is used, as always; when none answers, the embedded model is, said in
 * one line on stderr, so a fresh machine can brief without installing a server.
 */
public final class Backends {

    /** One kind of model server the command line can talk to. */
    public interface Kind {
        /** @param host one host as the user gave it (no {@code #slots} suffix), never null */
        boolean serves(String host);

        /** @param env the process environment (an API key may be there); never printed or recorded */
        Backend create(String host, String model, Duration timeout, Map<String, String> env);

        /** As {@link #create(String, String, Duration, Map)}, reporting what it does on {@code err}. */
        default Backend create(String host, String model, Duration timeout, Map<String, String> env, PrintStream err,
                boolean animate) {
            return create(host, model, timeout, env);
        }
    }

    private static final List<Kind> KINDS = List.of(
            EmbeddedBackend.KIND,
            OpenAiBackend.KIND,
            OllamaBackend.KIND);

    /** How long the default Ollama address is given to accept a connection before the embedded model is used. */
    private static final int PROBE_MS = 300;

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Backends() {
    }

    /** The production {@link Backend.Factory}: the first kind that serves the host builds it. */
    public static final Backend.Factory FACTORY = reporting(NOWHERE, false);

    private static Backend.Factory reporting(PrintStream err, boolean animate) {
        return new Backend.Factory() {
            @Override
            public Backend create(String host, String model, Duration timeout) {
                return create(host, model, timeout, Map.of());
            }

            @Override
            public Backend create(String host, String model, Duration timeout, Map<String, String> env) {
                return Backends.create(host, model, timeout, env, err, animate, Backends::defaultOllamaAnswers);
            }

            @Override
            public Backend.Factory reportingTo(PrintStream newErr, boolean newAnimate) {
                return reporting(newErr, newAnimate);
            }
        };
    }

    public static Backend create(String host, String model, Duration timeout, Map<String, String> env) {
        return create(host, model, timeout, env, NOWHERE, false, Backends::defaultOllamaAnswers);
    }

    /** @param defaultOllamaAnswers whether an Ollama accepts connections at its default address */
    static Backend create(String host, String model, Duration timeout, Map<String, String> env, PrintStream err,
            boolean animate, BooleanSupplier defaultOllamaAnswers) {
        String h = host == null ? "" : host.strip();
        if (h.isEmpty() && !defaultOllamaAnswers.getAsBoolean()) {
            Backend embedded = EmbeddedBackend.create(model, timeout, env, err, animate);
            err.println("no Ollama answers at " + OllamaHost.parse(null).baseUrl() + " and no --host was given: "
                    + "using the embedded model " + embedded.model().modelName());
            return embedded;
        }
        for (Kind kind : KINDS) {
            if (kind.serves(h)) {
                return kind.create(host, model, timeout, env, err, animate);
            }
        }
        throw new IllegalStateException("no backend serves '" + host + "'; the Ollama kind should serve any host");
    }

    /** A TCP connect only: an Ollama that is up accepts at once, a machine without one refuses at once. */
    static boolean defaultOllamaAnswers() {
        OllamaHost ollama = OllamaHost.parse(null);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ollama.host(), ollama.port()), PROBE_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
