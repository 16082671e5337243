package dev.briefing.summarize;

import dev.briefing.error.BriefingException;
import java.util.Locale;

/** How long a summary is: a sentence, a paragraph, or a page. */
public enum Length {
    SHORT("One sentence of at most 40 words (or 60 Chinese characters).", 3),
    MEDIUM("One paragraph of three to five sentences.", 5),
    LONG("About a page: three to five paragraphs, in the order that makes the story clear.", 8);

    private final String instruction;
    private final int maxPoints;

    Length(String instruction, int maxPoints) {
        this.instruction = instruction;
        this.maxPoints = maxPoints;
    }

    /** What the prompt asks for, as one or two sentences. */
    public String instruction() {
        return instruction;
    }

    /** The most key points the final summary may have. */
    public int maxPoints() {
        return maxPoints;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws BriefingException (exit 2) for anything but short, medium or long */
    public static Length from(String text) {
        if (text == null || text.isBlank()) {
            return MEDIUM;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "short" -> SHORT;
            case "medium" -> MEDIUM;
            case "long" -> LONG;
            default -> throw BriefingException.usage("--length must be short, medium or long, got '" + text + "'");
        };
    }
}
