package dev.briefing.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.PartialJson;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.ChineseScript;
import dev.briefing.normalize.Script;
import dev.briefing.prompt.PromptTemplate;
import dev.briefing.reduce.AliasTable;
import dev.briefing.retrieve.PassageIndex;
import dev.briefing.verify.Citation;
import dev.briefing.verify.PromptEcho;
import dev.briefing.verify.QuoteMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a question from the articles: search queries (the question; for a question that is
 * not Chinese, or a follow-up, the model's standalone Chinese rewrite of it; the Chinese names
 * of actors it mentions), the {@code k} best paragraphs by fused BM25 and dense retrieval, one
 * structured answer call over them as numbered passages, and every citation checked against
 * the passage it names. The model is told to say when the passages do not answer; it is never
 * asked to guess.
 */
public final class Asker {
    private final PassageIndex index;
    private final Map<String, Article> articles;
    private final StructuredCaller caller;
    static final String WITHHELD = "[withheld: this sentence repeated the model's instructions]";
    private final PromptTemplate rewritePrompt;
    private final PromptTemplate answerPrompt;
    /** An answer sentence copied from the instructions is an injection at work, not an answer. */
    private final PromptEcho echo;
    private final CallSettings settings;
    private final AliasTable aliases;
    private final int k;

    /** Sees each answer sentence as soon as it is complete and verified, while the answer is generated. */
    public interface Listener {
        void sentence(AnswerSentence sentence);

        /** What was shown so far is void: the call is being made again (a failed stream, a repair). */
        void restart(String reason);
    }

    public Asker(PassageIndex index, List<Article> articles, StructuredCaller caller, PromptTemplate rewritePrompt,
            PromptTemplate answerPrompt, CallSettings settings, AliasTable aliases, int k) {
        this.index = Objects.requireNonNull(index, "index");
        this.articles = new LinkedHashMap<>();
        articles.forEach(a -> this.articles.put(a.id(), a));
        this.caller = Objects.requireNonNull(caller, "caller");
        this.rewritePrompt = Objects.requireNonNull(rewritePrompt, "rewritePrompt");
        this.answerPrompt = Objects.requireNonNull(answerPrompt, "answerPrompt");
        this.echo = PromptEcho.of(rewritePrompt.system(), answerPrompt.system());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.aliases = Objects.requireNonNull(aliases, "aliases");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        this.k = k;
        if (rewritePrompt.schema() == null || answerPrompt.schema() == null) {
            throw new IllegalArgumentException("ask prompts need their schema files");
        }
    }

    /**
     * @param language how the answer prompt names the answer's language
     * @param listener sees sentences as they are generated (the reply is streamed), or null
     */
    public Answer ask(String question, Conversation conversation, String language, Listener listener) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question is blank");
        }
        List<String> warnings = new ArrayList<>();
        List<String> queries = queries(question, conversation, warnings);
        List<Passage> passages = passages(queries);
        if (passages.isEmpty()) {
            warnings.add("no paragraph matched the question");
            return new Answer(question, false, List.of(), List.of(), queries, warnings);
        }
        ModelRequest request = AskPrompt.answerRequest(answerPrompt, question, conversation, passages, language,
                settings);
        while (request.estimatedPromptTokens() + request.numPredict() > request.numCtx() && passages.size() > 1) {
            passages = passages.subList(0, passages.size() - 1);
            request = AskPrompt.answerRequest(answerPrompt, question, conversation, passages, language, settings);
        }
        if (passages.size() < Math.min(k, index.searchedCount())) {
            warnings.add("only " + passages.size() + " passages fit the model's context window (--num-ctx "
                    + settings.numCtx() + ")");
        }
        Streamed streamed = listener == null ? null : new Streamed(passages, echo, listener);
        StructuredCaller.Result result = caller.call(request, streamed);
        warnings.addAll(result.warnings());
        ObjectNode reply = result.value();
        boolean answerable = reply.path("answerable").asBoolean(false);
        List<AnswerSentence> sentences = new ArrayList<>();
        if (answerable) {
            for (JsonNode s : reply.path("sentences")) {
                sentences.add(verify(s, passages, echo));
            }
            if (sentences.isEmpty()) {
                warnings.add("the model said the passages answer the question but wrote no sentence");
                answerable = false;
            }
        }
        return new Answer(question, answerable, sentences, passages, queries, warnings);
    }

    /**
     * What {@link #ask} would send for a question, without calling the model: the rewrite
     * request when the question needs one (its queries then cannot be known), and the answer
     * request over the passages found with the question and its known names and dates.
     *
     * @param rewrite the rewrite request, or null when the question is searched as asked
     */
    public record Plan(ModelRequest rewrite, List<String> queries, List<Passage> passages, ModelRequest answer) {
    }

    public Plan plan(String question, String language) {
        ModelRequest rewrite = isChinese(question) ? null
                : AskPrompt.rewriteRequest(rewritePrompt, question, Conversation.empty(), settings);
        Set<String> queries = new LinkedHashSet<>(List.of(question.strip()));
        String expansion = QueryExpansion.of(question, aliases);
        if (!expansion.isEmpty()) {
            queries.add(expansion);
        }
        List<Passage> passages = passages(List.copyOf(queries));
        ModelRequest answer = AskPrompt.answerRequest(answerPrompt, question, Conversation.empty(), passages, language,
                settings);
        while (answer.estimatedPromptTokens() + answer.numPredict() > answer.numCtx() && passages.size() > 1) {
            passages = passages.subList(0, passages.size() - 1);
            answer = AskPrompt.answerRequest(answerPrompt, question, Conversation.empty(), passages, language, settings);
        }
        return new Plan(rewrite, List.copyOf(queries), passages, answer);
    }

    /**
     * The question first; then the model's Chinese rewrite where it is needed; then known names
     * and dates. A follow-up that was rewritten is searched only as rewritten: on its own
     * ("为什么？") it matches whatever paragraph says 什么, and rank fusion would put that first.
     */
    List<String> queries(String question, Conversation conversation, List<String> warnings) {
        Set<String> queries = new LinkedHashSet<>();
        queries.add(question.strip());
        if (!isChinese(question) || !conversation.isEmpty()) {
            try {
                StructuredCaller.Result r = caller.call(AskPrompt.rewriteRequest(rewritePrompt, question,
                        conversation, settings));
                warnings.addAll(r.warnings());
                for (JsonNode q : r.value().path("queries")) {
                    String text = q.asText("").strip();
                    if (!text.isEmpty()) {
                        queries.add(text.length() > 200 ? text.substring(0, 200) : text);
                    }
                }
                if (!conversation.isEmpty() && queries.size() > 1) {
                    queries.remove(question.strip());
                }
            } catch (ModelCallException e) {
                warnings.add("could not rewrite the question into Chinese search queries (" + e.getMessage()
                        + "); searching with it as asked");
            }
        }
        String expansion = QueryExpansion.of(question, aliases);
        if (!expansion.isEmpty()) {
            queries.add(expansion);
        }
        return List.copyOf(queries);
    }

    private List<Passage> passages(List<String> queries) {
        List<Passage> passages = new ArrayList<>();
        for (PassageIndex.Hit hit : index.search(queries, k)) {
            Article article = articles.get(hit.article());
            if (article == null || article.paragraph(hit.paragraph()).isEmpty()) {
                continue; // the index mirrors the articles given; a stale hit is not shown
            }
            passages.add(new Passage(passages.size() + 1, article.id(), article.path(), article.title(),
                    hit.paragraph(), article.paragraph(hit.paragraph()).get().text(), hit.score()));
        }
        return passages;
    }

    /**
     * A question counts as Chinese, and is searched as asked without a rewrite, when it has at
     * least two Han characters and more of them than Latin words.
     */
    public static boolean isChinese(String question) {
        long han = question.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                .count();
        long latinWords = java.util.Arrays.stream(question.split("[^A-Za-z]+")).filter(w -> !w.isEmpty()).count();
        return han >= 2 && han > latinWords;
    }

    /** The question's own script for a Chinese question, else English; --lang overrides. */
    public static dev.briefing.pipeline.Language languageOf(String question) {
        if (!isChinese(question)) {
            return dev.briefing.pipeline.Language.ENGLISH;
        }
        return ChineseScript.detect(question) == Script.TRADITIONAL ? dev.briefing.pipeline.Language.TRADITIONAL
                : dev.briefing.pipeline.Language.SIMPLIFIED;
    }

    /**
     * Checks each citation of one answer sentence against the passage it names. A sentence that
     * repeats the prompt is withheld: shown as a marker, unsupported, whatever it cites.
     */
    static AnswerSentence verify(JsonNode sentence, List<Passage> passages, PromptEcho echo) {
        String text = sentence.path("text").asText("").strip();
        if (echo.echoes(text)) {
            return new AnswerSentence(WITHHELD, List.of(), List.of("the sentence repeated the model's instructions"));
        }
        List<AnswerSentence.Cited> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode c : sentence.path("citations")) {
            int n = c.path("passage").asInt(0);
            String quote = c.path("quote").asText("");
            if (n < 1 || n > passages.size()) {
                problems.add("passage [" + n + "] was not shown (there were " + passages.size() + ")");
                continue;
            }
            Passage p = passages.get(n - 1);
            Optional<String> found = QuoteMatcher.locate(p.text(), quote);
            if (found.isEmpty()) {
                problems.add("quote not found in passage [" + n + "] (" + p.article() + " paragraph " + p.paragraph()
                        + "): \"" + abbreviate(quote) + "\"");
                continue;
            }
            AnswerSentence.Cited cited = new AnswerSentence.Cited(n, new Citation(p.article(), p.paragraph(),
                    found.get()));
            if (!kept.contains(cited)) {
                kept.add(cited);
            }
        }
        return new AnswerSentence(text, kept, problems);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }

    /** Reads the streamed reply and hands over each sentence once its object is complete and verified. */
    private static final class Streamed implements StructuredCaller.Stream {
        private final List<Passage> passages;
        private final PromptEcho echo;
        private final Listener listener;
        private final StringBuilder text = new StringBuilder();
        private int emitted;

        Streamed(List<Passage> passages, PromptEcho echo, Listener listener) {
            this.passages = passages;
            this.echo = echo;
            this.listener = listener;
        }

        @Override
        public void text(String piece) {
            text.append(piece);
            PartialJson json = PartialJson.of(text);
            if (!json.literal("answerable").map("true"::equals).orElse(false)) {
                return;
            }
            List<JsonNode> done = json.completeElements("sentences");
            for (int i = emitted; i < done.size(); i++) {
                JsonNode s = done.get(i);
                if (!s.path("text").isTextual() || s.path("text").asText().isBlank()) {
                    return; // off-schema: the complete reply is validated, and repaired if need be
                }
                listener.sentence(verify(s, passages, echo));
                emitted++;
            }
        }

        @Override
        public void restart(String reason) {
            text.setLength(0);
            emitted = 0;
            listener.restart(reason);
        }
    }
}
