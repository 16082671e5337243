package dev.briefing.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.error.ModelCallException;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic model for {@code briefing ask}: rewrites questions into fixed Chinese
 * queries, and answers from the passages it is shown, quoting them verbatim (passage 1 and 2),
 * or says they do not answer, or cites badly, as the test sets. Streams its reply in small
 * pieces, and can fail mid-stream first, as Ollama's error line does.
 */
public final class AskingModel implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "[3] article 1446a1150ce9, paragraph 4 (title)\ntext" as AskPrompt lays passages out. */
    static final Pattern PASSAGE = Pattern.compile("\\[(\\d+)] article (\\w+), paragraph (\\d+) \\(.*\\)\\n(.+)");

    public enum Mode { ANSWER, NO_ANSWER, BAD_CITATIONS }

    private volatile Mode mode = Mode.ANSWER;
    private volatile List<String> rewrites = List.of("特朗普 普京 通话");
    private volatile int failMidStream;
    private final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public AskingModel mode(Mode m) {
        this.mode = m;
        return this;
    }

    public AskingModel rewrites(String... queries) {
        this.rewrites = List.of(queries);
        return this;
    }

    /** The next {@code n} streamed answer calls send part of their reply, then fail. */
    public AskingModel failMidStream(int n) {
        this.failMidStream = n;
        return this;
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public List<ModelRequest> requests(String purpose) {
        return requests().stream().filter(r -> r.purpose().equals(purpose)).toList();
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        requests.add(request);
        return new ModelReply(content(request), 300, 80, FinishReason.STOP, 2);
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> onPartialText) {
        requests.add(request);
        String content = content(request);
        boolean fail = request.purpose().equals("ask answer") && failMidStream > 0;
        int end = fail ? content.length() * 2 / 3 : content.length();
        for (int i = 0; i < end; i += 7) {
            onPartialText.accept(content.substring(i, Math.min(end, i + 7)));
        }
        if (fail) {
            failMidStream--;
            throw new ModelCallException("Ollama failed mid-reply: llama runner process has terminated", true, null);
        }
        return new ModelReply(content, 300, 80, FinishReason.STOP, 2);
    }

    @Override
    public String modelName() {
        return "asking";
    }

    private String content(ModelRequest request) {
        if (request.purpose().equals("ask query rewrite")) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode q = root.putArray("queries");
            rewrites.forEach(q::add);
            return root.toString();
        }
        List<String[]> passages = passages(request.messages().get(1).text());
        ObjectNode root = JSON.createObjectNode();
        if (mode == Mode.NO_ANSWER) {
            root.put("answerable", false);
            root.putArray("sentences");
            return root.toString();
        }
        root.put("answerable", true);
        ArrayNode sentences = root.putArray("sentences");
        for (int i = 0; i < Math.min(2, passages.size()); i++) {
            String[] p = passages.get(i);
            ObjectNode s = sentences.addObject();
            s.put("text", "第" + (i + 1) + "句：" + p[1].substring(0, Math.min(10, p[1].length())) + "。");
            ObjectNode c = s.putArray("citations").addObject();
            if (mode == Mode.BAD_CITATIONS && i == 0) {
                c.put("passage", 99);
                c.put("quote", p[1].substring(0, Math.min(12, p[1].length())));
            } else if (mode == Mode.BAD_CITATIONS) {
                c.put("passage", Integer.parseInt(p[0]));
                c.put("quote", "这句话不在任何段落里面");
            } else {
                c.put("passage", Integer.parseInt(p[0]));
                c.put("quote", p[1].substring(0, Math.min(12, p[1].length())));
            }
        }
        return root.toString();
    }

    /** Number and text of each passage in the answer prompt. */
    public static List<String[]> passages(String user) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PASSAGE.matcher(user);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(4)});
        }
        return out;
    }
}
