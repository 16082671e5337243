package dev.briefing.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the ask-query rewrite prompt as a careful model would: the Chinese queries written
 * for each question beforehand, found by the question the prompt carries (not by the prompt's
 * bytes, so a reworded prompt still gets its reply). A question it has no reply for, or any
 * other call, fails the test: the evaluation must never measure a reply nobody wrote.
 */
final class RewritingModel implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The question's fence, the last one of the user message (see AskPrompt.rewriteRequest). */
    private static final Pattern QUESTION = Pattern.compile("Question:\\s*(`{3,})text\\n(.*?)\\n\\1", Pattern.DOTALL);
    private final Map<String, java.util.List<String>> replies;

    RewritingModel(Map<String, java.util.List<String>> replies) {
        this.replies = Map.copyOf(replies);
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        if (!request.purpose().equals("ask query rewrite")) {
            throw new AssertionError("the evaluation makes rewrite calls only, not " + request.purpose());
        }
        Matcher m = QUESTION.matcher(request.messages().get(request.messages().size() - 1).text());
        if (!m.find()) {
            throw new AssertionError("no fenced question in the rewrite prompt");
        }
        java.util.List<String> queries = replies.get(m.group(2).strip());
        if (queries == null) {
            throw new AssertionError("no rewrite written for: " + m.group(2));
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode q = root.putArray("queries");
        queries.forEach(q::add);
        return new ModelReply(root.toString(), -1, -1, FinishReason.STOP, 1);
    }

    @Override
    public String modelName() {
        return "rewriting";
    }
}
