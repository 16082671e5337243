package dev.briefing.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object in a model's reply. Small models wrap JSON in prose or a Markdown
 * fence, or add trailing text; when the object inside is complete it is used as is, without
 * a second call. A cut-off object is reported as cut off, never half-parsed.
 */
public final class JsonExtractor {
    /** Strict: "{...} trailing text" is not a whole-reply parse, so it is reported as recovered. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n(.*?)\\n?```", Pattern.DOTALL);

    private JsonExtractor() {
    }

    /**
     * @param recovered true when text around the object had to be removed
     * @param error     why no object could be found, when {@code value} is null
     */
    public record Extraction(ObjectNode value, boolean recovered, String error) {
        public boolean ok() {
            return value != null;
        }
    }

    public static Extraction extract(String reply) {
        String text = reply == null ? "" : reply.strip();
        if (text.isEmpty()) {
            return new Extraction(null, false, "the reply was empty");
        }
        Optional<ObjectNode> whole = parseObject(text);
        if (whole.isPresent()) {
            return new Extraction(whole.get(), false, null);
        }
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) {
            Optional<ObjectNode> inner = parseObject(fence.group(1).strip());
            if (inner.isPresent()) {
                return new Extraction(inner.get(), true, null);
            }
        }
        int start = text.indexOf('{');
        if (start < 0) {
            return new Extraction(null, false, "the reply contains no JSON object");
        }
        // Prose may hold braces of its own ("按照{events}要求：{...}"): try each balanced span in
        // turn. An unbalanced one runs to the end of the reply, so the object is cut off.
        String firstError = null;
        for (; start >= 0; ) {
            int end = matchingBrace(text, start);
            if (end < 0) {
                return new Extraction(null, false, "the JSON object is cut off before its end");
            }
            String candidate = text.substring(start, end + 1);
            Optional<ObjectNode> embedded = parseObject(candidate);
            if (embedded.isPresent()) {
                return new Extraction(embedded.get(), true, null);
            }
            if (firstError == null) {
                firstError = "the JSON object does not parse: " + parseError(candidate);
            }
            start = text.indexOf('{', end + 1);
        }
        return new Extraction(null, false, firstError);
    }

    private static Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String parseError(String text) {
        try {
            JSON.readTree(text);
            return "not an object";
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
    }

    /** Index of the brace closing the one at {@code start}, skipping strings; -1 if none. */
    static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
