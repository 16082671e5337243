package dev.briefing.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The questions asked so far in a session and the answers given, oldest first. Follow-up
 * questions are rewritten and answered with it, so "why?" after a question about a call
 * means why about that call.
 */
public record Conversation(List<Exchange> exchanges) {
    /** Exchanges the prompts carry: older ones rarely matter and would crowd out passages. */
    public static final int REMEMBERED = 4;

    public record Exchange(String question, String answer) {
        public Exchange {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
        }
    }

    public Conversation {
        exchanges = List.copyOf(exchanges);
    }

    public static Conversation empty() {
        return new Conversation(List.of());
    }

    public boolean isEmpty() {
        return exchanges.isEmpty();
    }

    public Conversation with(String question, String answer) {
        List<Exchange> more = new ArrayList<>(exchanges);
        more.add(new Exchange(question, answer));
        return new Conversation(more);
    }

    /** The last exchanges as plain text for a prompt's fenced block; "(none)" when there are none. */
    public String render() {
        if (exchanges.isEmpty()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (Exchange e : exchanges.subList(Math.max(0, exchanges.size() - REMEMBERED), exchanges.size())) {
            out.append("Q: ").append(e.question().strip()).append('\n');
            out.append("A: ").append(e.answer().strip()).append("\n\n");
        }
        return out.toString().strip();
    }
}
