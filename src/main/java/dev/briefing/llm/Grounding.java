package dev.briefing.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reply's citations may quote: for each paragraph (or passage) number the request
 * shows, the exact spans of its text. A backend that compiles its own sampling grammar (the
 * embedded engine) can pair each citation's number with a quote from that paragraph, so a
 * small model cannot misquote at all; a server that takes only a JSON Schema ignores it, and
 * the verifier checks those replies as before. Derived from the prompt, so it is no part of a
 * call's identity.
 *
 * @param numberProperty the citation's property that names the paragraph ("paragraph", "passage")
 * @param quoteProperty  the citation's property that holds the quote
 * @param spans          number to the spans a quote of it may be, in order; none empty
 */
public record Grounding(String numberProperty, String quoteProperty, Map<Integer, List<String>> spans) {
    public Grounding {
        Objects.requireNonNull(numberProperty, "numberProperty");
        Objects.requireNonNull(quoteProperty, "quoteProperty");
        Objects.requireNonNull(spans, "spans");
        Map<Integer, List<String>> copy = new LinkedHashMap<>();
        spans.forEach((number, texts) -> {
            List<String> kept = texts.stream().filter(t -> t != null && !t.isBlank()).toList();
            if (!kept.isEmpty()) {
                copy.put(Objects.requireNonNull(number, "number"), kept);
            }
        });
        spans = java.util.Collections.unmodifiableMap(copy);
    }

    public static Grounding of(String numberProperty, String quoteProperty, Map<Integer, List<String>> spans) {
        return new Grounding(numberProperty, quoteProperty, spans);
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }
}
