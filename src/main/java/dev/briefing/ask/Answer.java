package dev.briefing.ask;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one question, checked: each sentence's citations verified against the
 * passages the model was shown.
 *
 * @param answerable false when the model found the passages do not answer the question;
 *                   the answer then has no sentences and cites nothing
 * @param queries    the search queries the passages were retrieved with (the question first)
 * @param warnings   things the user should know (a rewrite that failed, passages left out)
 */
public record Answer(String question, boolean answerable, List<AnswerSentence> sentences, List<Passage> passages,
        List<String> queries, List<String> warnings) {

    public Answer {
        Objects.requireNonNull(question, "question");
        sentences = List.copyOf(sentences);
        passages = List.copyOf(passages);
        queries = List.copyOf(queries);
        warnings = List.copyOf(warnings);
        if (!answerable && !sentences.isEmpty()) {
            throw new IllegalArgumentException("an unanswerable question has no answer sentences");
        }
    }

    public long unsupportedSentences() {
        return sentences.stream().filter(s -> !s.supported()).count();
    }

    public int droppedCitations() {
        return sentences.stream().mapToInt(s -> s.problems().size()).sum();
    }
}
