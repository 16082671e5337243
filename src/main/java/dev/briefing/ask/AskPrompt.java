package dev.briefing.ask;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.Grounding;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.SchemaEnums;
import dev.briefing.prompt.Fence;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.verify.QuotableSpans;
import java.util.List;
import java.util.Map;

/** The two requests of {@code briefing ask}: the query rewrite and the answer. */
public final class AskPrompt {
    static final int MAX_QUERIES = 3;
    static final int MAX_SENTENCES = 8;

    private AskPrompt() {
    }

    public static ModelRequest rewriteRequest(PromptTemplate template, String question, Conversation conversation,
            CallSettings settings) {
        Map<String, String> values = Map.of(
                "maxQueries", String.valueOf(MAX_QUERIES),
                "conversation", Fence.wrap("text", conversation.render()),
                "question", Fence.wrap("text", question.strip()));
        // A few short queries: a small output budget, so a runaway reply stops early.
        int numPredict = Math.min(settings.numPredict(), 512);
        return request("ask query rewrite", template, template.schema(), values, settings, numPredict);
    }

    public static ModelRequest answerRequest(PromptTemplate template, String question, Conversation conversation,
            List<Passage> passages, String language, CallSettings settings) {
        Map<String, String> values = Map.of(
                "maxSentences", String.valueOf(MAX_SENTENCES),
                "language", language,
                "passageCount", String.valueOf(passages.size()),
                "conversation", Fence.wrap("text", conversation.render()),
                "question", Fence.wrap("text", question.strip()),
                "passages", Fence.wrap("text", passages(passages)));
        return request("ask answer", template, SchemaEnums.restrict(template.schema(), "passage",
                passages.stream().map(Passage::number).toList()), values, settings, settings.numPredict())
                .withGrounding(grounding(passages));
    }

    /** What a citation of each passage may quote, for a backend that can hold a reply to it. */
    static Grounding grounding(List<Passage> passages) {
        List<Passage> shown = List.copyOf(passages);
        return Grounding.lazy("passage", "quote", () -> {
            Map<Integer, List<String>> spans = new java.util.LinkedHashMap<>();
            for (Passage p : shown) {
                spans.put(p.number(), QuotableSpans.of(p.text()));
            }
            return spans;
        });
    }

    /** Each passage under its marker, with the article and paragraph it comes from. */
    static String passages(List<Passage> passages) {
        StringBuilder out = new StringBuilder();
        for (Passage p : passages) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append('[').append(p.number()).append("] article ").append(p.article()).append(", paragraph ")
                    .append(p.paragraph()).append(" (").append(p.title().strip()).append(")\n").append(p.text().strip());
        }
        return out.toString();
    }

    private static ModelRequest request(String purpose, PromptTemplate template, JsonNode schema,
            Map<String, String> values,
            CallSettings settings, int numPredict) {
        String system = template.renderSystem(values);
        String user = template.renderUser(values);
        return new ModelRequest(purpose, List.of(ChatTurn.system(system), ChatTurn.user(user)), schema,
                settings.numCtx(), numPredict, settings.temperature(), settings.seed(),
                TokenEstimator.estimateMessages(List.of(system, user)));
    }
}
