package dev.briefing.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A deterministic fake model: answers each request with what a function of the request
 * says (a reply, or an exception to throw), and records every request it was sent.
 */
public final class ScriptedModel implements LanguageModel {
    private final Function<ModelRequest, Object> script;
    private final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());

    /** @param script returns a {@link ModelReply}, a String (content, finished normally) or a RuntimeException */
    public ScriptedModel(Function<ModelRequest, Object> script) {
        this.script = script;
    }

    /** Replies in order, one per request; the last is repeated. */
    public static ScriptedModel replying(Object... replies) {
        int[] next = {0};
        return new ScriptedModel(r -> replies[Math.min(next[0]++, replies.length - 1)]);
    }

    public static ModelReply reply(String content) {
        return new ModelReply(content, 100, 50, FinishReason.STOP, 5);
    }

    public static ModelReply cutOff(String content) {
        return new ModelReply(content, 100, 2048, FinishReason.LENGTH, 5);
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        requests.add(request);
        Object answer = script.apply(request);
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        if (answer instanceof String content) {
            return reply(content);
        }
        return (ModelReply) answer;
    }

    @Override
    public String modelName() {
        return "scripted";
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }
}
