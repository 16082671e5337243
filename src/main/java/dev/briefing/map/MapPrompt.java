package dev.briefing.map;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the map request for one chunk: the prompt file, the fenced numbered paragraphs. */
public final class MapPrompt {
    private MapPrompt() {
    }

    public static ModelRequest request(PromptTemplate template, Chunk chunk, String language, Set<Integer> articleYears,
            CallSettings settings) {
        Map<String, String> values = values(chunk, language, articleYears);
        String system = template.renderSystem(values);
        String user = template.renderUser(values);
        return new ModelRequest("map " + chunk.label(), List.of(ChatTurn.system(system), ChatTurn.user(user)),
                SchemaEnums.restrict(template.schema(), "paragraph",
                        chunk.paragraphs().stream().map(Paragraph::number).toList()),
                settings.numCtx(), settings.numPredict(), settings.temperature(), settings.seed(),
                TokenEstimator.estimateMessages(List.of(system, user)), QuotableSpans.grounding("paragraph",
                        chunk.paragraphs()));
    }

    /** Tokens the prompt adds around the article text: what a chunk's budget must leave room for. */
    public static int overheadTokens(PromptTemplate template, String language) {
        // A long title stands in for any real one: titles ride inside the fenced block.
        Chunk probe = new Chunk("000000000000", "题".repeat(80), 1, 1,
                List.of(new Paragraph(1, "-", "-")), 1);
        Map<String, String> values = values(probe, language, Set.of(2025, 2026));
        return TokenEstimator.estimateMessages(List.of(template.renderSystem(values), template.renderUser(values)));
    }

    private static Map<String, String> values(Chunk chunk, String language, Set<Integer> articleYears) {
        String paragraphs = "Title: " + chunk.articleTitle() + "\n\n" + chunk.paragraphs().stream()
                .map(p -> "[P" + p.number() + "] " + p.text())
                .collect(Collectors.joining("\n\n"));
        int first = chunk.paragraphs().get(0).number();
        int last = chunk.paragraphs().get(chunk.paragraphs().size() - 1).number();
        return new java.util.HashMap<>(Map.of(
                "language", language,
                "articleId", chunk.articleId(),
                "chunkIndex", Integer.toString(chunk.index()),
                "chunkCount", Integer.toString(chunk.count()),
                "articleDates", articleYears.isEmpty() ? "no year is mentioned"
                        : "years mentioned: " + articleYears.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                "paragraphRange", first == last ? "P" + first : "P" + first + " to P" + last,
                "paragraphs", Fence.wrap("article", paragraphs)));
    }
}
