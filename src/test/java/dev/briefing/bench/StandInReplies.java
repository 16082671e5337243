package dev.briefing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stand-in model answers: schema-valid JSON built from the prompt, so the engine
 * does its real work on the reply. A map call gets notes that cite the paragraphs it was
 * shown with quotes copied from them (verification passes, and recombined articles repeat
 * events and actors, so the reduce has real merging to do), about as many as a 7B model
 * writes for a chunk (up to 4 events, 5 actors, 3 claims, 2 questions); a synthesis call gets a summary,
 * a disagreement and open questions pointing at note ids it was shown. Any other call gets
 * the smallest object its schema accepts. A workload with its own prompt adds a
 * {@link Writer} in front.
 */
public final class StandInReplies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE_OPEN = Pattern.compile("^(`{3,})(\\w*)\\s*$");
    private static final Pattern PARAGRAPH = Pattern.compile("^\\[P(\\d+)\\] (.*)$");
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern YEARS = Pattern.compile("years mentioned: ([0-9, ]+)");
    private static final Pattern NOTE_ID = Pattern.compile("^([eacqsdo]\\d+) (.*)$");
    private static final List<String> NAMES = names();

    /** One call as the stand-in received it. */
    public record Call(List<String> roles, List<String> contents, JsonNode schema, int numCtx, int numPredict) {
        public String lastUser() {
            for (int i = roles.size() - 1; i >= 0; i--) {
                if (roles.get(i).equals("user")) {
                    return contents.get(i);
                }
            }
            return "";
        }

        /** The first user message: the one with the fenced data (a repair turn comes after it). */
        public String firstUser() {
            int i = roles.indexOf("user");
            return i < 0 ? "" : contents.get(i);
        }

        public boolean schemaHas(String... properties) {
            if (schema == null || !schema.has("properties")) {
                return false;
            }
            for (String p : properties) {
                if (!schema.get("properties").has(p)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Answers the calls it recognizes. */
    @FunctionalInterface
    public interface Writer {
        Optional<String> reply(Call call);
    }

    /** The kind of a call, for the benchmark's accounting: which stage it belongs to. */
    public static String kind(Call call) {
        if (call.schemaHas("events", "actors", "claims", "openQuestions")) {
            return "map";
        }
        if (call.schemaHas("summary", "disagreements", "openQuestions")) {
            return "reduce";
        }
        if (call.schemaHas("answerable", "sentences")) {
            return "ask-answer";
        }
        if (call.schemaHas("queries")) {
            return "ask-query";
        }
        return "other";
    }

    private final List<Writer> writers;

    private StandInReplies(List<Writer> writers) {
        this.writers = List.copyOf(writers);
    }

    /** The briefing's map and synthesis replies, then a schema-minimal reply for anything else. */
    public static StandInReplies forBriefing() {
        return new StandInReplies(List.of(StandInReplies::mapReply, StandInReplies::synthesisReply,
                StandInReplies::askQueryReply, StandInReplies::askAnswerReply));
    }

    // ---- LangChain's summarization prompt (the side-by-side benchmark) ----

    /** The end of LangChain's default summarization prompt ({@code loadSummarizationChain}, map and combine). */
    static final String CONCISE_SUMMARY = "CONCISE SUMMARY:";

    /**
     * Summaries this stand-in wrote, with the depth of each: a text that contains earlier
     * summaries is one level above the deepest of them (LangChain's chain summarizes the
     * articles, then summaries of summaries, then combines them), which the benchmark's bound
     * needs to know.
     */
    private final Map<String, Integer> summaries = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The kind of a call for the benchmark's accounting, as {@link #kind(Call)}, except that a
     * summarization prompt is {@code summary-N}: N = 1 for an article, one more than the deepest
     * summary it is made of otherwise. Ask before {@link #reply}, which remembers the new summary.
     */
    public String kindOf(Call call) {
        String text = summaryInput(call);
        if (text == null) {
            return kind(call);
        }
        // LangChain joins the documents of one prompt with blank lines; the summaries written
        // here never hold one. A text made only of earlier summaries is one level above them.
        int level = 0;
        for (String part : text.strip().split("\n\n")) {
            Integer known = summaries.get(part.strip());
            if (known == null) {
                return "summary-1";
            }
            level = Math.max(level, known);
        }
        return "summary-" + (level + 1);
    }

    /** Forgets the summaries written so far (the stand-in's reset: a new run starts at level 1). */
    public void forgetSummaries() {
        summaries.clear();
    }

    /** The text a summarization prompt asks to summarize, or null when the call is not one. */
    static String summaryInput(Call call) {
        if (call.schema() != null) {
            return null;
        }
        String user = call.lastUser();
        int end = user.lastIndexOf(CONCISE_SUMMARY);
        if (end < 0) {
            return null;
        }
        int open = user.indexOf('"');
        int close = user.lastIndexOf('"', end);
        return open >= 0 && close > open ? user.substring(open + 1, close) : user.substring(0, end);
    }

    /**
     * A concise summary as a 7B model writes one: the text's sentences from the start, up to
     * about 30% of its length, between 40 and 240 characters (so summarizing a summary shrinks
     * it further, as a model does).
     */
    Optional<String> summaryReplyRemembered(Call call) {
        Optional<String> reply = summaryReply(call);
        reply.ifPresent(r -> summaries.merge(r, levelOf(kindOf(call)), Math::max));
        return reply;
    }

    private static int levelOf(String kind) {
        return Integer.parseInt(kind.substring(kind.indexOf('-') + 1));
    }

    static Optional<String> summaryReply(Call call) {
        String text = summaryInput(call);
        if (text == null) {
            return Optional.empty();
        }
        String flat = text.strip().replaceAll("\\s*\n+\\s*", " ");
        int target = Math.max(40, Math.min(240, (int) (flat.length() * 0.3)));
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (from < flat.length() && out.length() < target) {
            int end = flat.length();
            for (char stop : new char[] {'。', '！', '？', '.', '!', '?'}) {
                int i = flat.indexOf(stop, from);
                if (i >= 0 && i + 1 < end) {
                    end = i + 1;
                }
            }
            out.append(flat, from, end);
            from = end;
        }
        String summary = out.toString().strip();
        return Optional.of(summary.length() > 300 ? summary.substring(0, 300) : summary);
    }

    /** The same, with a workload's own writers tried first. */
    public StandInReplies with(Writer first) {
        List<Writer> all = new ArrayList<>();
        all.add(first);
        all.addAll(writers);
        return new StandInReplies(all);
    }

    public String reply(Call call) {
        if (summaryInput(call) != null) {
            return summaryReplyRemembered(call).orElseThrow();
        }
        for (Writer w : writers) {
            Optional<String> r = w.reply(call);
            if (r.isPresent()) {
                return r.get();
            }
        }
        return call.schema() == null ? "好的。" : minimal(call.schema()).toString();
    }

    // ---- map ----

    record Shown(int number, String text) {
    }

    static Optional<String> mapReply(Call call) {
        if (!kind(call).equals("map")) {
            return Optional.empty();
        }
        String user = call.firstUser();
        List<Shown> paragraphs = new ArrayList<>();
        for (String line : fenced(user, "article").split("\n")) {
            Matcher m = PARAGRAPH.matcher(line);
            if (m.matches() && m.group(2).strip().length() >= 8) {
                paragraphs.add(new Shown(Integer.parseInt(m.group(1)), m.group(2).strip()));
            }
        }
        Matcher years = YEARS.matcher(user);
        String year = years.find() ? years.group(1).split(",")[0].strip() : null;
        ObjectNode root = JSON.createObjectNode();
        ArrayNode events = root.putArray("events");
        ArrayNode actors = root.putArray("actors");
        ArrayNode claims = root.putArray("claims");
        ArrayNode questions = root.putArray("openQuestions");
        Set<String> actorNames = new LinkedHashSet<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            Shown p = paragraphs.get(i);
            List<String> named = namesIn(p.text());
            if (i % 4 == 0 && events.size() < 4) {
                ObjectNode e = events.addObject();
                e.put("title", head(p.text(), 12));
                e.put("description", firstSentence(p.text(), 24));
                Matcher day = DAY.matcher(p.text());
                if (day.find()) {
                    e.put("dateText", day.group());
                    if (year != null) {
                        e.put("date", String.format("%s-%02d-%02d", year, Integer.parseInt(day.group(1)),
                                Integer.parseInt(day.group(2))));
                    } else {
                        e.putNull("date");
                    }
                } else {
                    e.putNull("dateText");
                    e.putNull("date");
                }
                e.putNull("where");
                ArrayNode names = e.putArray("actors");
                named.stream().limit(4).forEach(names::add);
                cite(e, p, p.text());
            }
            for (String name : named) {
                if (actorNames.size() < 5 && actorNames.add(name)) {
                    ObjectNode a = actors.addObject();
                    a.put("name", name);
                    a.put("type", "other");
                    a.put("role", "当事方");
                    int at = p.text().indexOf(name);
                    cite(a, p, p.text().substring(at));
                }
            }
            if (i % 5 == 1 && claims.size() < 3) {
                ObjectNode c = claims.addObject();
                c.put("topic", head(p.text(), 8));
                c.put("claim", firstSentence(p.text(), 30));
                cite(c, p, p.text());
            }
            if (i % 8 == 2 && questions.size() < 2) {
                ObjectNode q = questions.addObject();
                q.put("question", head(p.text(), 20) + "的后续如何？");
                q.put("context", firstSentence(p.text(), 40));
                cite(q, p, p.text());
            }
        }
        return Optional.of(root.toString());
    }

    private static void cite(ObjectNode item, Shown p, String from) {
        ArrayNode citations = item.putArray("citations");
        ObjectNode c = citations.addObject();
        c.put("paragraph", p.number());
        String quote = head(from, 14);
        c.put("quote", quote.length() >= 6 ? quote : head(p.text(), 14));
    }

    // ---- reduce ----

    static Optional<String> synthesisReply(Call call) {
        if (!kind(call).equals("reduce")) {
            return Optional.empty();
        }
        Map<Character, List<String>> ids = new LinkedHashMap<>();
        Map<String, String> text = new LinkedHashMap<>();
        for (String line : fenced(call.firstUser(), "notes").split("\n")) {
            Matcher m = NOTE_ID.matcher(line);
            if (m.matches()) {
                ids.computeIfAbsent(m.group(1).charAt(0), k -> new ArrayList<>()).add(m.group(1));
                text.put(m.group(1), m.group(2));
            }
        }
        // A part of the notes has e, a, c, q ids; the merge of parts has s, d, o.
        List<String> events = ids.getOrDefault('e', ids.getOrDefault('s', List.of()));
        List<String> claims = ids.getOrDefault('c', ids.getOrDefault('d', List.of()));
        List<String> questions = ids.getOrDefault('q', ids.getOrDefault('o', List.of()));
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        StringBuilder s = new StringBuilder();
        List<String> sources = new ArrayList<>();
        for (String id : events.subList(0, Math.min(4, events.size()))) {
            s.append(head(text.get(id).replaceFirst("^\\[[^\\]]*\\] ", ""), 30)).append("。");
            sources.add(id);
        }
        if (sources.isEmpty()) {
            text.keySet().stream().limit(3).forEach(id -> {
                s.append(head(text.get(id), 30)).append("。");
                sources.add(id);
            });
        }
        summary.put("text", s.length() == 0 ? "无可汇总的内容。" : s.toString());
        ArrayNode src = summary.putArray("sources");
        sources.forEach(src::add);
        ArrayNode disagreements = root.putArray("disagreements");
        for (int i = 0; i + 1 < claims.size() && disagreements.size() < 3; i += 2) {
            ObjectNode d = disagreements.addObject();
            d.put("topic", head(text.get(claims.get(i)).replaceFirst("^\\[([^\\]]*)\\].*$", "$1"), 12));
            ArrayNode positions = d.putArray("positions");
            for (String id : List.of(claims.get(i), claims.get(i + 1))) {
                ObjectNode p = positions.addObject();
                p.put("claim", head(text.get(id).replaceFirst("^\\[[^\\]]*\\] ", ""), 40));
                p.putArray("sources").add(id);
            }
        }
        ArrayNode open = root.putArray("openQuestions");
        for (String id : questions.subList(0, Math.min(6, questions.size()))) {
            ObjectNode q = open.addObject();
            q.put("question", head(text.get(id), 30));
            q.put("context", "多篇报道未作回答。");
            q.putArray("sources").add(id);
        }
        return Optional.of(root.toString());
    }

    // ---- ask ----

    private static final Pattern PASSAGE = Pattern.compile("^\\[(\\d+)\\] article \\S+, paragraph \\d+ .*$");

    /**
     * The query rewrite: the names the question mentions, in Chinese (what a model rewriting an
     * English question into Chinese search queries keeps), and the question as asked.
     */
    static Optional<String> askQueryReply(Call call) {
        if (!kind(call).equals("ask-query")) {
            return Optional.empty();
        }
        List<String> fences = fencedAll(call.firstUser(), "text");
        String question = fences.isEmpty() ? "" : fences.get(fences.size() - 1).strip();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode queries = root.putArray("queries");
        String names = String.join(" ", dev.briefing.ask.SearchQueries.of(question).stream().skip(1).toList());
        if (!names.isBlank()) {
            queries.add(names.length() > 200 ? names.substring(0, 200) : names);
        }
        queries.add(question.isEmpty() ? "新闻" : question.length() > 200 ? question.substring(0, 200) : question);
        return Optional.of(root.toString());
    }

    /** The answer: one sentence from each of the first three passages, each citing a quote copied from it. */
    static Optional<String> askAnswerReply(Call call) {
        if (!kind(call).equals("ask-answer")) {
            return Optional.empty();
        }
        List<String> fences = fencedAll(call.firstUser(), "text");
        String passages = fences.isEmpty() ? "" : fences.get(fences.size() - 1);
        List<Shown> shown = new ArrayList<>();
        int number = -1;
        StringBuilder text = new StringBuilder();
        for (String line : (passages + "\n[0] article end, paragraph 0 ()").split("\n")) {
            Matcher m = PASSAGE.matcher(line);
            if (m.matches()) {
                if (number > 0 && text.toString().strip().length() >= 8) {
                    shown.add(new Shown(number, text.toString().strip()));
                }
                number = Integer.parseInt(m.group(1));
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("answerable", !shown.isEmpty());
        ArrayNode sentences = root.putArray("sentences");
        for (Shown p : shown.subList(0, Math.min(3, shown.size()))) {
            ObjectNode s = sentences.addObject();
            s.put("text", firstSentence(p.text(), 40));
            s.putArray("citations").addObject().put("passage", p.number()).put("quote", head(p.text(), 14));
        }
        return Optional.of(root.toString());
    }

    // ---- any other schema ----

    /** The smallest instance the schema accepts: required properties, minItems items, minLength text. */
    static JsonNode minimal(JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        JsonNode type = schema.get("type");
        String t = type == null ? "object" : type.isArray() ? type.get(0).asText() : type.asText();
        switch (t) {
            case "object" -> {
                ObjectNode o = f.objectNode();
                JsonNode props = schema.path("properties");
                for (JsonNode req : schema.path("required")) {
                    o.set(req.asText(), minimal(props.path(req.asText())));
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = f.arrayNode();
                for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
                    a.add(minimal(schema.path("items")));
                }
                return a;
            }
            case "string" -> {
                return f.textNode("内容".repeat(Math.max(1, (schema.path("minLength").asInt(1) + 1) / 2)));
            }
            case "integer", "number" -> {
                return f.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            }
            case "boolean" -> {
                return f.booleanNode(false);
            }
            default -> {
                return f.nullNode();
            }
        }
    }

    // ---- text helpers ----

    /** The text of the first block fenced with this info string, or "". */
    static String fenced(String message, String info) {
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (open.matches() && open.group(2).equals(info)) {
                StringBuilder body = new StringBuilder();
                for (int j = i + 1; j < lines.length && !lines[j].equals(open.group(1)); j++) {
                    body.append(lines[j]).append('\n');
                }
                return body.toString();
            }
        }
        return "";
    }

    /** The text of every block fenced with this info string, in order. */
    static List<String> fencedAll(String message, String info) {
        List<String> blocks = new ArrayList<>();
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE_OPEN.matcher(lines[i]);
            if (open.matches() && open.group(2).equals(info)) {
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                for (; j < lines.length && !lines[j].equals(open.group(1)); j++) {
                    body.append(lines[j]).append('\n');
                }
                blocks.add(body.toString());
                i = j;
            }
        }
        return blocks;
    }

    private static String head(String s, int codePoints) {
        String t = s.strip();
        int end = t.offsetByCodePoints(0, Math.min(codePoints, t.codePointCount(0, t.length())));
        return t.substring(0, end).strip();
    }

    private static String firstSentence(String s, int max) {
        int end = s.length();
        for (char stop : new char[] {'。', '！', '？', '；'}) {
            int i = s.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i + 1;
            }
        }
        return head(s.substring(0, end), max);
    }

    private static List<String> namesIn(String text) {
        List<String> found = new ArrayList<>();
        for (String name : NAMES) {
            if (text.contains(name) && found.stream().noneMatch(f -> f.contains(name))) {
                found.add(name);
            }
        }
        return found;
    }

    /** Every spelling in the engine's alias table, longest first, as names a model would pick out. */
    private static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = StandInReplies.class.getResourceAsStream("/aliases.txt")) {
            if (in == null) {
                return List.of();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    for (String n : line.split("\\|")) {
                        if (n.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                            names.add(n.strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort((a, b) -> b.length() - a.length());
        return names;
    }
}
