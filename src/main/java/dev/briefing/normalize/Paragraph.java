package dev.briefing.normalize;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One paragraph of a cleaned article: {@code number} (1-based, stable across runs for the same
 * article), {@code text} as written (traditional stays traditional; this is what quotes must
 * match) and its simplified-script form, for matching and merging only.
 *
 * <p>The simplified form is worked out on first use: nothing before the first model call needs
 * it (the prompt carries the text as written), so a run does not convert, or wait for ICU's
 * tables where the jar has no copy of their rules, before its first request. Equal paragraphs
 * have equal number, text and simplified form, as the record this was.
 */
public final class Paragraph {
    private final int number;
    private final String text;
    private final Supplier<String> converter;
    private volatile String simplified;

    /** A paragraph whose simplified form is known. */
    public Paragraph(int number, String text, String simplified) {
        this(number, text, null, Objects.requireNonNull(simplified, "simplified"));
    }

    private Paragraph(int number, String text, Supplier<String> converter, String simplified) {
        if (number < 1) {
            throw new IllegalArgumentException("paragraph number must be >= 1: " + number);
        }
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("paragraph " + number + " is blank");
        }
        this.number = number;
        this.text = text;
        this.converter = converter;
        this.simplified = simplified;
    }

    /** A paragraph whose simplified form is ChineseScript's conversion of its text, made when first asked for. */
    public static Paragraph of(int number, String text) {
        return new Paragraph(number, text, () -> ChineseScript.toSimplified(text), null);
    }

    /** A paragraph whose simplified form {@code simplified} supplies when first asked for (once). */
    public static Paragraph of(int number, String text, Supplier<String> simplified) {
        return new Paragraph(number, text, Objects.requireNonNull(simplified, "simplified"), null);
    }

    public int number() {
        return number;
    }

    public String text() {
        return text;
    }

    public String simplified() {
        String known = simplified;
        if (known == null) {
            // Two threads that race convert the same text twice and keep equal strings.
            known = Objects.requireNonNull(converter.get(), "simplified");
            simplified = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Paragraph p && p.number == number && p.text.equals(text) && p.simplified().equals(simplified());
    }

    @Override
    public int hashCode() {
        return 31 * number + text.hashCode();
    }

    @Override
    public String toString() {
        return "Paragraph[number=" + number + ", text=" + text + "]";
    }
}
