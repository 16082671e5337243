package dev.briefing.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.briefing.chunk.Chunk;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.SchemaEnums;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.Fence;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.verify.QuotableSpans;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the two requests of a summary: one per chunk (the fenced numbered paragraphs) and
 * the merge over the chunks' summaries (fenced too; it carries text the model wrote from the
 * article). Values are inserted once, never expanded as templates.
 */
public final class SummaryPrompt {
    /** Asked of each part of a multi-chunk article, whatever the final length: the merge needs substance. */
    static final String PART_INSTRUCTION = "One paragraph of three to five sentences on this part.";
    static final int PART_POINTS = 6;

    private SummaryPrompt() {
    }

    public static ModelRequest chunkRequest(PromptTemplate template, Chunk chunk, String language, Length length,
            CallSettings settings) {
        Map<String, String> values = chunkValues(chunk, language, length);
        return request(template, SchemaEnums.restrict(template.schema(), "paragraph",
                chunk.paragraphs().stream().map(Paragraph::number).toList()), "summarize " + chunk.label(), values,
                settings).withGrounding(QuotableSpans.grounding("paragraph", chunk.paragraphs()));
    }

    /** Tokens the chunk prompt adds around the article text: what a chunk's budget must leave room for. */
    public static int overheadTokens(PromptTemplate template, String language, Length length) {
        int most = 0;
        for (int count : new int[] {1, 2}) {
            Chunk probe = new Chunk("000000000000", "题".repeat(80), 1, count, List.of(new Paragraph(1, "-", "-")), 1);
            Map<String, String> values = chunkValues(probe, language, length);
            most = Math.max(most, TokenEstimator.estimateMessages(List.of(template.renderSystem(values),
                    template.renderUser(values))));
        }
        return most;
    }

    /** @param parts the chunks' summaries and key points, as {@link Summarizer} lays them out */
    public static ModelRequest mergeRequest(PromptTemplate template, String articleId, int partCount, String parts,
            String language, String lengthInstruction, int maxPoints, CallSettings settings) {
        Map<String, String> values = new HashMap<>(Map.of(
                "language", language,
                "length", lengthInstruction,
                "maxPoints", Integer.toString(maxPoints),
                "articleId", articleId,
                "chunkCount", Integer.toString(partCount),
                "parts", Fence.wrap("parts", parts)));
        return request(template, template.schema(), "merge " + articleId, values, settings);
    }

    private static ModelRequest request(PromptTemplate template, JsonNode schema, String purpose,
            Map<String, String> values, CallSettings settings) {
        String system = template.renderSystem(values);
        String user = template.renderUser(values);
        return new ModelRequest(purpose, List.of(ChatTurn.system(system), ChatTurn.user(user)), schema,
                settings.numCtx(), settings.numPredict(), settings.temperature(), settings.seed(),
                TokenEstimator.estimateMessages(List.of(system, user)));
    }

    private static Map<String, String> chunkValues(Chunk chunk, String language, Length length) {
        String paragraphs = "Title: " + chunk.articleTitle() + "\n\n" + chunk.paragraphs().stream()
                .map(p -> "[P" + p.number() + "] " + p.text())
                .collect(Collectors.joining("\n\n"));
        int first = chunk.paragraphs().get(0).number();
        int last = chunk.paragraphs().get(chunk.paragraphs().size() - 1).number();
        boolean whole = chunk.count() == 1;
        return new HashMap<>(Map.of(
                "language", language,
                "length", whole ? length.instruction() : PART_INSTRUCTION,
                "maxPoints", Integer.toString(whole ? length.maxPoints() : PART_POINTS),
                "articleId", chunk.articleId(),
                "chunkIndex", Integer.toString(chunk.index()),
                "chunkCount", Integer.toString(chunk.count()),
                "paragraphRange", first == last ? "P" + first : "P" + first + " to P" + last,
                "paragraphs", Fence.wrap("article", paragraphs)));
    }
}
