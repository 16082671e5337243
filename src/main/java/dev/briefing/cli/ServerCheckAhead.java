package dev.briefing.cli;

import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelServer;
import dev.briefing.pipeline.Parallel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A model server whose check ({@link #ensureReachable}, then {@link #show} of the run's model)
 * starts on a daemon thread when it is made, so it runs while the articles are read instead of
 * after: a tenth of a second of a short brief's lead-in. The answers are the server's own, only
 * earlier; a failure is thrown where the check would have thrown it, so an input error the
 * reading finds first still ends the run first.
 */
final class ServerCheckAhead implements ModelServer {
    private final ModelServer server;
    private final String model;
    private final Future<Void> reachable;
    private final Future<ModelInfo> shown;

    private ServerCheckAhead(ModelServer server, String model) {
        this.server = server;
        this.model = model;
        CompletableFuture<Void> reach = new CompletableFuture<>();
        CompletableFuture<ModelInfo> show = new CompletableFuture<>();
        Thread check = new Thread(() -> {
            try {
                server.ensureReachable();
                reach.complete(null);
            } catch (RuntimeException | Error e) {
                reach.completeExceptionally(e);
                show.completeExceptionally(e);
                return;
            }
            try {
                show.complete(server.show(model));
            } catch (RuntimeException | Error e) {
                show.completeExceptionally(e);
            }
        }, "server-check");
        check.setDaemon(true);
        check.start();
        this.reachable = reach;
        this.shown = show;
    }

    /**
     * {@code backend} with its server checked ahead, unless checking would fetch something (the
     * embedded model's first download must not start before the input is known to be good).
     */
    static Backend of(Backend backend, String model) {
        Objects.requireNonNull(model, "model");
        if (EmbeddedBackend.among(backend.server().host())) {
            return backend;
        }
        return new Backend(new ServerCheckAhead(backend.server(), model), backend.model());
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public void ensureReachable() {
        await(reachable);
    }

    @Override
    public List<String> models() {
        return server.models();
    }

    @Override
    public ModelInfo show(String wanted) {
        if (!wanted.equals(model)) {
            return server.show(wanted);
        }
        return await(shown);
    }

    private static <T> T await(Future<T> answer) {
        return Parallel.await(answer, "interrupted while checking the model server");
    }
}
