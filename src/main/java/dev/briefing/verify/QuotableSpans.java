package dev.briefing.verify;

import dev.briefing.chunk.SentenceSplitter;
import dev.briefing.llm.Grounding;
import dev.briefing.normalize.Paragraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of a paragraph a grounded citation may quote: each sentence as it stands, and for a
 * long sentence each of its clauses too, so a model is not forced to quote 150 characters to
 * cite one fact. Every span is a verbatim substring of the paragraph (trimmed of the spaces
 * around it) that the verifier accepts as a quote of it (not too short to prove anything).
 */
public final class QuotableSpans {
    /** A sentence longer than this (the map prompt's longest quote) offers its clauses as well. */
    static final int LONG_SENTENCE_CHARS = 40;
    private static final String CLAUSE_BREAKS = "，,、：:；;";

    private QuotableSpans() {
    }

    /** What a citation of these paragraphs may quote, by paragraph number. */
    public static Grounding grounding(String numberProperty, List<Paragraph> paragraphs) {
        List<Paragraph> shown = List.copyOf(paragraphs);
        return Grounding.lazy(numberProperty, "quote", () -> {
            Map<Integer, List<String>> spans = new LinkedHashMap<>();
            for (Paragraph p : shown) {
                spans.put(p.number(), of(p.text()));
            }
            return spans;
        });
    }

    public static List<String> of(String paragraph) {
        Set<String> spans = new LinkedHashSet<>();
        for (String sentence : SentenceSplitter.split(paragraph)) {
            String s = sentence.strip();
            add(spans, paragraph, s);
            if (s.codePointCount(0, s.length()) > LONG_SENTENCE_CHARS) {
                for (String clause : clauses(s)) {
                    add(spans, paragraph, clause);
                }
            }
        }
        return List.copyOf(spans);
    }

    private static List<String> clauses(String sentence) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sentence.length(); i++) {
            if (CLAUSE_BREAKS.indexOf(sentence.charAt(i)) >= 0) {
                out.add(sentence.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(sentence.substring(start).strip());
        return out;
    }

    private static void add(Set<String> spans, String paragraph, String span) {
        if (!span.isEmpty() && QuoteMatcher.locate(paragraph, span).isPresent()) {
            spans.add(span);
        }
    }
}
