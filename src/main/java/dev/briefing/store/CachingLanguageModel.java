package dev.briefing.store;

import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.StructuredCaller;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A language model that answers a call it has answered before from the store, and stores a
 * new reply the moment its caller has used it as it is ({@link #keep}: committed before the
 * caller goes on), so a rerun after a crash, a kill or a failed chunk sends only the calls that
 * never got a used answer. A reply is never stored on arrival: one the caller could not use (a
 * failure, a reply cut off at the output limit, one that breaks its schema, one whose input the
 * server truncated, one whose quotes fail verification, as a reply decoded with the wrong
 * charset does) is asked again next time. A stored reply the caller reports unused
 * ({@link #discard}, a cache written by an older version) is deleted.
 */
public final class CachingLanguageModel implements LanguageModel {
    private final LanguageModel delegate;
    private final Store store;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final Map<String, Integer> servedByPurpose = new ConcurrentHashMap<>();

    public CachingLanguageModel(LanguageModel delegate, Store store) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * What the cache saved in one run.
     *
     * @param sent             requests that reached the model server (failed ones included)
     * @param served           replies served from the cache instead
     * @param promptTokens     prompt tokens of the requests sent
     * @param completionTokens completion tokens of the requests sent
     * @param servedByPurpose  per purpose label, replies served from the cache
     */
    public record Counts(int sent, int served, long promptTokens, long completionTokens,
            Map<String, Integer> servedByPurpose) {
        public Counts {
            servedByPurpose = Map.copyOf(servedByPurpose);
        }
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        var hit = store.cachedReply(CacheKey.valueOf(delegate.modelName(), request));
        if (hit.isPresent()) {
            served.incrementAndGet();
            servedByPurpose.merge(request.purpose(), 1, Integer::sum);
            return hit.get().asCached();
        }
        sent.incrementAndGet();
        ModelReply reply = delegate.chat(request);
        promptTokens.addAndGet(Math.max(0, reply.promptTokens()));
        completionTokens.addAndGet(Math.max(0, reply.completionTokens()));
        return reply;
    }

    @Override
    public void keep(ModelRequest request, ModelReply reply) {
        if (StructuredCaller.usable(request, reply)) {
            CacheKey key = CacheKey.of(delegate.modelName(), request);
            store.putReply(new Store.CachedCall(key, delegate.modelName(), request.purpose(), reply));
        }
    }

    /**
     * Keeps the reply as {@link #keep(ModelRequest, ModelReply)} does, and what the caller's
     * checks derived from it, for {@link #replay}.
     */
    @Override
    public void keep(ModelRequest request, ModelReply reply, String checker, String derived) {
        if (StructuredCaller.usable(request, reply)) {
            CacheKey key = CacheKey.of(delegate.modelName(), request);
            store.putReply(new Store.CachedCall(key, delegate.modelName(), request.purpose(), reply));
            store.putVerified(key.value(), checker, reply.content(), derived);
        }
    }

    /** A hit is counted as a reply served from the cache, as {@link #chat} counts one. */
    @Override
    public java.util.Optional<Replay> replay(ModelRequest request, String checker) {
        var hit = store.verified(CacheKey.valueOf(delegate.modelName(), request), checker);
        hit.ifPresent(h -> {
            served.incrementAndGet();
            servedByPurpose.merge(request.purpose(), 1, Integer::sum);
        });
        return hit.map(h -> new Replay(h.reply(), h.result()));
    }

    @Override
    public void discard(ModelRequest request) {
        store.forgetReply(CacheKey.valueOf(delegate.modelName(), request));
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    public Counts counts() {
        return new Counts(sent.get(), served.get(), promptTokens.get(), completionTokens.get(), servedByPurpose);
    }
}
