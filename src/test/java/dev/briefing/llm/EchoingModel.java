package dev.briefing.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in that answers like a well-behaved model: for a map request it
 * makes one event and one actor per chunk from the first shown paragraph, quoting it
 * verbatim; for the synthesis request it summarizes citing the first event. Chunks whose
 * request matches {@code failWhen} get an unusable reply, to exercise failure paths.
 */
public final class EchoingModel implements LanguageModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAGRAPH = Pattern.compile("\\[P(\\d+)] (.+)");
    private final Predicate<ModelRequest> failWhen;
    private final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public EchoingModel(Predicate<ModelRequest> failWhen) {
        this.failWhen = failWhen;
    }

    public EchoingModel() {
        this(r -> false);
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        requests.add(request);
        if (failWhen.test(request)) {
            return new ModelReply("Sorry, I cannot do that.", 100, 8, FinishReason.STOP, 1);
        }
        String content = request.purpose().startsWith("map") ? map(request)
                : request.purpose().startsWith("summarize") ? summarizeChunk(request)
                : request.purpose().startsWith("merge") ? merge(request) : synthesize();
        return new ModelReply(content, request.estimatedPromptTokens() * 3 / 4, 200, FinishReason.STOP, 1);
    }

    private static String map(ModelRequest request) {
        Matcher m = PARAGRAPH.matcher(request.messages().get(1).text());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode events = root.putArray("events");
        ArrayNode actors = root.putArray("actors");
        root.putArray("claims");
        ArrayNode questions = root.putArray("openQuestions");
        if (m.find()) {
            int paragraph = Integer.parseInt(m.group(1));
            String text = m.group(2).strip();
            String quote = text.substring(0, Math.min(12, text.length()));
            ObjectNode event = events.addObject();
            event.put("title", "事件：" + quote);
            event.put("description", quote);
            event.putNull("dateText");
            event.putNull("date");
            event.putNull("where");
            event.putArray("actors").add("普京");
            cite(event, paragraph, quote);
            ObjectNode actor = actors.addObject();
            actor.put("name", "普京");
            actor.put("type", "person");
            actor.put("role", "俄罗斯总统");
            cite(actor, paragraph, quote);
            ObjectNode question = questions.addObject();
            question.put("question", "接下来会怎样？");
            question.put("context", "");
            cite(question, paragraph, quote);
        }
        return root.toString();
    }

    /** Summarizes a chunk from its first and last shown paragraphs, quoting each verbatim. */
    private static String summarizeChunk(ModelRequest request) {
        Matcher m = PARAGRAPH.matcher(request.messages().get(1).text());
        List<int[]> shown = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            shown.add(new int[] {Integer.parseInt(m.group(1))});
            texts.add(m.group(2).strip());
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode points = root.putArray("keyPoints");
        StringBuilder summary = new StringBuilder("摘要：");
        for (int i : texts.size() > 1 ? new int[] {0, texts.size() - 1} : new int[] {0}) {
            String quote = texts.get(i).substring(0, Math.min(12, texts.get(i).length()));
            summary.append(quote).append("。");
            ObjectNode point = points.addObject();
            point.put("text", "要点：" + quote);
            cite(point, shown.get(i)[0], quote);
        }
        root.put("summary", summary.toString());
        return root.toString();
    }

    private static final Pattern PART_SUMMARY = Pattern.compile("(?m)^Summary: (.+)$");
    private static final Pattern PART_POINT = Pattern.compile("(?m)^(k\\d+): (.+)$");

    /** Merges by joining the parts' summaries and keeping the first and last key points by their ids. */
    private static String merge(ModelRequest request) {
        String user = request.messages().get(1).text();
        ObjectNode root = JSON.createObjectNode();
        StringBuilder summary = new StringBuilder();
        Matcher s = PART_SUMMARY.matcher(user);
        while (s.find()) {
            summary.append(s.group(1).strip());
        }
        root.put("summary", summary.toString());
        ArrayNode points = root.putArray("keyPoints");
        Matcher k = PART_POINT.matcher(user);
        List<String[]> all = new ArrayList<>();
        while (k.find()) {
            all.add(new String[] {k.group(1), k.group(2).strip()});
        }
        for (String[] p : all.size() > 1 ? List.of(all.get(0), all.get(all.size() - 1)) : all) {
            ObjectNode point = points.addObject();
            point.put("text", p[1]);
            point.putArray("sources").add(p[0]);
        }
        return root.toString();
    }

    private static void cite(ObjectNode item, int paragraph, String quote) {
        ObjectNode c = item.putArray("citations").addObject();
        c.put("paragraph", paragraph);
        c.put("quote", quote);
    }

    private static String synthesize() {
        return "{\"summary\":{\"text\":\"各方围绕俄乌冲突频繁接触。\",\"sources\":[\"e1\"]},"
                + "\"disagreements\":[],\"openQuestions\":[{\"question\":\"接下来会怎样？\",\"context\":\"\",\"sources\":[\"q1\"]}]}";
    }

    @Override
    public String modelName() {
        return "echo";
    }
}
