package dev.briefing.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Embeds each distinct paragraph text once while an index is built. Syndicated news repeats
 * paragraphs verbatim across outlets (a wire story reprinted, a standard background paragraph),
 * and the embedding model is the costliest step of indexing (tens of milliseconds a paragraph
 * on a laptop CPU), while a repeated text's vector is by definition the same. The memo keeps
 * the most recently used {@code capacity} vectors (repeats of a day's news sit close together),
 * so its memory is bounded however large the corpus: 4,096 vectors of 512 floats are 8 MB.
 */
final class EmbeddingMemo {
    static final int DEFAULT_CAPACITY = 4096;
    private final Embedder embedder;
    private final Map<String, float[]> recent;
    private long embedded;
    private long reused;

    EmbeddingMemo(Embedder embedder, int capacity) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The vectors of {@code texts}, in order; only texts not seen recently reach the model, each once. */
    synchronized List<float[]> embedAll(List<String> texts) {
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String t : texts) {
            if (!recent.containsKey(t)) {
                missing.add(t);
            }
        }
        Map<String, float[]> fresh = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing);
            List<float[]> vectors = embedder.embedAll(todo);
            for (int i = 0; i < todo.size(); i++) {
                fresh.put(todo.get(i), vectors.get(i));
            }
            embedded += todo.size();
        }
        reused += texts.size() - fresh.size();
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            float[] v = fresh.get(t);
            if (v == null) {
                v = recent.get(t);
            }
            out.add(v);
        }
        // Stored after the lookups, so a batch larger than the capacity cannot evict its own texts midway.
        recent.putAll(fresh);
        return out;
    }

    /** Texts sent to the model so far. */
    long embedded() {
        return embedded;
    }

    /** Texts answered without the model so far (seen recently, or earlier in the same batch). */
    long reused() {
        return reused;
    }
}
