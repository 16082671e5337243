package dev.briefing.store;

import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.Role;
import java.util.Locale;
import java.util.Objects;

/**
 * What identifies a model call for the cache: the model's name, the call options, the reply
 * schema and every message as sent. The prompt files' text is in the messages, so an edited
 * prompt (or schema) is a different call; the purpose label ("map 000 chunk 1/2") is not part
 * of it, since the same question asked for another reason has the same answer.
 *
 * @param value      SHA-256 over all of the above, each part length-prefixed so no two differ only in
 *                   where one part ends
 * @param options    the options as stored: {@code {"num_ctx":..,"num_predict":..,"temperature":..,"seed":..}}
 * @param inputHash  SHA-256 of the messages other than the system prompt (the data sent)
 * @param promptName the prompt the call came from, taken from the purpose's first word
 * @param promptHash SHA-256 of the system message (the prompt file's instructions as sent)
 */
public record CacheKey(String value, String options, String inputHash, String promptName, String promptHash) {
    public CacheKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(inputHash, "inputHash");
        Objects.requireNonNull(promptName, "promptName");
        Objects.requireNonNull(promptHash, "promptHash");
    }

    public static CacheKey of(String model, ModelRequest request) {
        String options = options(request);
        StringBuilder system = new StringBuilder();
        StringBuilder input = new StringBuilder();
        split(request, system, input);
        String purpose = request.purpose().strip();
        String promptName = purpose.contains(" ") ? purpose.substring(0, purpose.indexOf(' ')) : purpose;
        return new CacheKey(Hashes.sha256(all(model, options, request, system, input)), options,
                Hashes.sha256(input.toString()), promptName, Hashes.sha256(system.toString()));
    }

    /**
     * {@link #value} alone, for a lookup: the hashes of the input and of the system prompt are
     * kept beside a stored reply only, and hashing the request three times was most of what a
     * rerun answered from the cache spent on its keys.
     */
    public static String valueOf(String model, ModelRequest request) {
        StringBuilder system = new StringBuilder();
        StringBuilder input = new StringBuilder();
        split(request, system, input);
        return Hashes.sha256(all(model, options(request), request, system, input));
    }

    private static String options(ModelRequest request) {
        return String.format(Locale.ROOT, "{\"num_ctx\":%d,\"num_predict\":%d,\"temperature\":%s,\"seed\":%s}",
                request.numCtx(), request.numPredict(), Double.toString(request.temperature()),
                request.seed() == null ? "null" : request.seed().toString());
    }

    private static void split(ModelRequest request, StringBuilder system, StringBuilder input) {
        for (ChatTurn turn : request.messages()) {
            StringBuilder target = turn.role() == Role.SYSTEM ? system : input;
            part(target, turn.role().name());
            part(target, turn.text());
        }
    }

    private static String all(String model, String options, ModelRequest request, CharSequence system,
            CharSequence input) {
        StringBuilder all = new StringBuilder(system.length() + input.length() + 4096);
        part(all, "briefing-cache-v1");
        part(all, model);
        part(all, options);
        part(all, request.schema() == null ? "" : request.schema().toString());
        part(all, system.toString());
        part(all, input.toString());
        return all.toString();
    }

    private static void part(StringBuilder out, String text) {
        out.append(text.length()).append(':').append(text).append('\n');
    }
}
