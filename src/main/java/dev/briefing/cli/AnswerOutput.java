package dev.briefing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.ask.Answer;
import dev.briefing.ask.AnswerSentence;
import dev.briefing.ask.Passage;
import dev.briefing.llm.CallRecord;
import dev.briefing.pipeline.Language;
import dev.briefing.render.BriefingJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code briefing ask} prints an answer: text lines with passage markers and sources, or JSON. */
final class AnswerOutput {
    static final String UNSUPPORTED = "[unsupported]";

    private AnswerOutput() {
    }

    static String sentenceLine(AnswerSentence s) {
        String markers = s.supported() ? " " + s.citations().stream().map(c -> "[" + c.passage() + "]").distinct()
                .collect(Collectors.joining()) : " " + UNSUPPORTED;
        return s.text() + markers + "\n";
    }

    /** The answer as printed, from sentence {@code from} on (those before were already shown). */
    static String text(Answer a, Language language, int from) {
        StringBuilder out = new StringBuilder();
        if (!a.answerable()) {
            return noAnswer(language) + "\n";
        }
        for (int i = from; i < a.sentences().size(); i++) {
            out.append(sentenceLine(a.sentences().get(i)));
        }
        List<AnswerSentence.Cited> cited = cited(a);
        if (!cited.isEmpty()) {
            out.append("\nSources:\n");
            Map<Integer, List<String>> quotes = new LinkedHashMap<>();
            cited.stream().sorted(java.util.Comparator.comparingInt(AnswerSentence.Cited::passage))
                    .forEach(c -> quotes.computeIfAbsent(c.passage(), n -> new ArrayList<>()).add(c.citation().quote()));
            for (Map.Entry<Integer, List<String>> e : quotes.entrySet()) {
                Passage p = a.passages().get(e.getKey() - 1);
                out.append("[").append(p.number()).append("] ").append(p.path()).append(" P").append(p.paragraph())
                        .append(": ").append(e.getValue().stream().distinct().map(q -> "「" + q + "」")
                                .collect(Collectors.joining(" "))).append('\n');
            }
        }
        return out.toString();
    }

    static String noAnswer(Language language) {
        return switch (language.code()) {
            case "zh-Hans" -> "所给文章没有回答这个问题。";
            case "zh-Hant" -> "所給文章沒有回答這個問題。";
            default -> "The articles do not answer this question.";
        };
    }

    /** The answer's sentences as one text (JSON's "answer"). */
    static String plainText(Answer a) {
        return a.sentences().stream().map(AnswerSentence::text).collect(Collectors.joining(" "));
    }

    /**
     * What the session remembers of an answer for follow-ups: its supported sentences only, so
     * an unsupported claim does not become the premise of the next question.
     */
    static String remembered(Answer a) {
        if (!a.answerable()) {
            return "(the articles do not answer this question)";
        }
        String supported = a.sentences().stream().filter(AnswerSentence::supported).map(AnswerSentence::text)
                .collect(Collectors.joining(" "));
        return supported.isEmpty() ? "(no sentence of the answer was supported by the articles)" : supported;
    }

    /** Every verified citation, in sentence order, each passage and quote once. */
    static List<AnswerSentence.Cited> cited(Answer a) {
        List<AnswerSentence.Cited> out = new ArrayList<>();
        for (AnswerSentence s : a.sentences()) {
            for (AnswerSentence.Cited c : s.citations()) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static ObjectNode json(Answer a, Language language, List<CallRecord> calls, long millis, String model,
            int k) {
        ObjectMapper mapper = BriefingJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("question", a.question());
        root.put("answer", a.answerable() ? plainText(a) : noAnswer(language));
        root.put("answerable", a.answerable());
        ArrayNode sentences = root.putArray("sentences");
        for (AnswerSentence se : a.sentences()) {
            ObjectNode n = sentences.addObject();
            n.put("text", se.text());
            n.put("supported", se.supported());
            ArrayNode refs = n.putArray("citations");
            se.citations().stream().map(AnswerSentence.Cited::passage).distinct().forEach(refs::add);
        }
        ArrayNode citations = root.putArray("citations");
        for (AnswerSentence.Cited c : cited(a)) {
            Passage p = a.passages().get(c.passage() - 1);
            citations.addObject().put("passage", c.passage()).put("article", p.article()).put("path", p.path())
                    .put("paragraph", p.paragraph()).put("quote", c.citation().quote());
        }
        ArrayNode passages = root.putArray("passages");
        for (Passage p : a.passages()) {
            passages.addObject().put("number", p.number()).put("article", p.article()).put("path", p.path())
                    .put("paragraph", p.paragraph()).put("score", Math.round(p.score() * 1e6) / 1e6)
                    .put("text", p.text());
        }
        ObjectNode run = root.putObject("run");
        run.put("model", model);
        run.put("k", k);
        ArrayNode queries = run.putArray("queries");
        a.queries().forEach(queries::add);
        run.put("calls", calls.stream().mapToInt(CallRecord::attempts).sum());
        run.put("promptTokens", calls.stream().mapToLong(CallRecord::promptTokens).sum());
        run.put("completionTokens", calls.stream().mapToLong(CallRecord::completionTokens).sum());
        run.put("durationMs", millis);
        run.put("unsupportedSentences", a.unsupportedSentences());
        run.put("droppedCitations", a.droppedCitations());
        ArrayNode callList = run.putArray("modelCalls");
        for (CallRecord c : calls) {
            callList.addObject().put("purpose", c.purpose()).put("durationMs", c.durationMs())
                    .put("promptTokens", c.promptTokens()).put("completionTokens", c.completionTokens())
                    .put("attempts", c.attempts()).put("outcome", c.outcome());
        }
        ArrayNode warnings = run.putArray("warnings");
        a.warnings().forEach(warnings::add);
        return root;
    }

    /** The answer as JSON: pretty, or on one line (a session prints one object per line). */
    static String json(Answer a, Language language, List<CallRecord> calls, long millis, String model, int k,
            boolean oneLine) {
        ObjectMapper mapper = BriefingJson.mapper();
        try {
            ObjectNode node = json(a, language, calls, millis, model, k);
            return oneLine ? mapper.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(node) : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write answer JSON", e);
        }
    }
}
