package dev.briefing.llm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a reply's citations may quote: for each paragraph (or passage) number the request
 * shows, the exact spans of its text. A backend that compiles its own sampling grammar (the
 * embedded engine) can pair each citation's number with a quote from that paragraph, so a
 * small model cannot misquote at all; a server that takes only a JSON Schema ignores it, and
 * the verifier checks those replies as before. Derived from the prompt, so it is no part of a
 * call's identity.
 *
 * <p>The spans are worked out on first use, not when the request is built: only the embedded
 * backend reads them, and finding every sentence's and clause's span was a third of the CPU of a
 * rerun answered from the cache, where every chunk's request is built for its cache key alone.
 */
public final class Grounding {
    private final String numberProperty;
    private final String quoteProperty;
    private Supplier<Map<Integer, List<String>>> source;
    private volatile Map<Integer, List<String>> spans;

    private Grounding(String numberProperty, String quoteProperty, Supplier<Map<Integer, List<String>>> source) {
        this.numberProperty = Objects.requireNonNull(numberProperty, "numberProperty");
        this.quoteProperty = Objects.requireNonNull(quoteProperty, "quoteProperty");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param numberProperty the citation's property that names the paragraph ("paragraph", "passage")
     * @param quoteProperty  the citation's property that holds the quote
     * @param spans          number to the spans a quote of it may be, in order; blank ones are dropped
     */
    public static Grounding of(String numberProperty, String quoteProperty, Map<Integer, List<String>> spans) {
        Map<Integer, List<String>> kept = copy(Objects.requireNonNull(spans, "spans"));
        return new Grounding(numberProperty, quoteProperty, () -> kept);
    }

    /** As {@link #of}, the spans computed by {@code spans} the first time they are read. */
    public static Grounding lazy(String numberProperty, String quoteProperty,
            Supplier<Map<Integer, List<String>>> spans) {
        return new Grounding(numberProperty, quoteProperty, spans);
    }

    public String numberProperty() {
        return numberProperty;
    }

    public String quoteProperty() {
        return quoteProperty;
    }

    /** Number to spans, in the request's order; numbers with no span are left out. */
    public Map<Integer, List<String>> spans() {
        Map<Integer, List<String>> resolved = spans;
        if (resolved == null) {
            synchronized (this) {
                resolved = spans;
                if (resolved == null) {
                    resolved = copy(Objects.requireNonNull(source.get(), "spans"));
                    spans = resolved;
                    source = null;
                }
            }
        }
        return resolved;
    }

    public boolean isEmpty() {
        return spans().isEmpty();
    }

    private static Map<Integer, List<String>> copy(Map<Integer, List<String>> spans) {
        Map<Integer, List<String>> copy = new LinkedHashMap<>();
        spans.forEach((number, texts) -> {
            List<String> kept = texts.stream().filter(t -> t != null && !t.isBlank()).toList();
            if (!kept.isEmpty()) {
                copy.put(Objects.requireNonNull(number, "number"), kept);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grounding g && numberProperty.equals(g.numberProperty)
                && quoteProperty.equals(g.quoteProperty) && spans().equals(g.spans());
    }

    @Override
    public int hashCode() {
        return Objects.hash(numberProperty, quoteProperty, spans());
    }

    @Override
    public String toString() {
        return "Grounding[numberProperty=" + numberProperty + ", quoteProperty=" + quoteProperty + ", spans="
                + spans() + "]";
    }
}
