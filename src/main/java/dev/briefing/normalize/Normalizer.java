package dev.briefing.normalize;

import dev.briefing.ingest.SourceDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a decoded document into an article: platform boilerplate removed, the 来源 line taken
 * as metadata, a title, and paragraphs numbered from 1. A pure function of the document.
 */
public final class Normalizer {
    /** A first line this short without a full stop is a headline, not a paragraph. */
    static final int TITLE_MAX = 50;
    private static final String MARKDOWN = "text/markdown";

    /** @return the article, or empty when nothing is left after cleaning */
    public Optional<Article> normalize(SourceDocument doc) {
        Objects.requireNonNull(doc, "doc");
        String source = null;
        List<String> content = new ArrayList<>();
        for (String line : cleanLines(doc)) {
            Optional<SourceLine> sourceLine = source == null ? SourceLine.parse(line) : Optional.empty();
            if (sourceLine.isEmpty()) {
                content.add(line);
                continue;
            }
            if (!sourceLine.get().source().isEmpty()) {
                source = sourceLine.get().source();
            }
            if (!sourceLine.get().remainder().isEmpty()) {
                content.add(sourceLine.get().remainder());
            }
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }

        String first = content.get(0);
        boolean headlineOnly = content.size() > 1 && first.codePointCount(0, first.length()) <= TITLE_MAX
                && !first.contains("。");
        List<String> texts = headlineOnly ? content.subList(1, content.size()) : content;
        String title = headlineOnly ? first : derivedTitle(texts);
        // The id keeps the title as it was first derived (the first line, shortened), so an
        // article keeps its id, its cache entries and its daily history across this rule.
        String idTitle = headlineOnly ? first : shorten(first);

        List<Paragraph> paragraphs = new ArrayList<>(texts.size());
        for (String text : texts) {
            paragraphs.add(Paragraph.of(paragraphs.size() + 1, text));
        }
        Script script = ChineseScript.detect(title + "\n" + String.join("\n", texts));
        return Optional.of(new Article(ArticleId.of(idTitle, texts), title, source, doc.path(), script,
                paragraphs, !headlineOnly));
    }

    /** Trimmed, non-blank lines with markdown markers, images and boilerplate gone. */
    private static List<String> cleanLines(SourceDocument doc) {
        boolean markdown = MARKDOWN.equals(doc.mediaType());
        List<String> lines = new ArrayList<>();
        for (String raw : doc.text().split("\\R")) {
            String line = Lines.trim(raw);
            if (markdown) {
                line = Lines.trim(Lines.stripMarkdownMarkers(line));
            }
            if (line.isEmpty() || Boilerplate.matches(line)) {
                continue;
            }
            // Checked again: an image may have hidden a footer ("![](x.jpg)责任编辑：王五").
            line = Lines.trim(Boilerplate.removeInlineImages(line));
            if (!line.isEmpty() && !Boilerplate.matches(line)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A greeting or the author introducing themself: never a headline ("哈喽,各位朋友好,我是小玖。"). */
    private static final java.util.regex.Pattern GREETING = java.util.regex.Pattern.compile(
            "^(哈喽|哈啰|嗨|你好|您好|大家好|各位|亲爱的|欢迎|hello|hi\\b|dear\\b).*|.*(我是|我叫)[^,，。]{1,12}[。!！]?$",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    /** A derived title is the first clauses of a sentence, up to this many characters. */
    static final int DERIVED_TITLE_MAX = 32;

    /**
     * For an article whose first line is not a headline: the first sentence of its first line
     * that is not a greeting, cut at a clause boundary to {@value #DERIVED_TITLE_MAX} characters
     * (a whole first paragraph is not a title).
     */
    static String derivedTitle(List<String> texts) {
        String line = texts.stream().limit(4).filter(t -> !GREETING.matcher(t).matches()).findFirst()
                .orElse(texts.get(0));
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("[。！？!?]").matcher(line);
        String sentence = end.find() && end.start() > 0 ? line.substring(0, end.start()) : line;
        if (sentence.codePointCount(0, sentence.length()) <= DERIVED_TITLE_MAX) {
            return sentence;
        }
        StringBuilder title = new StringBuilder();
        for (String clause : sentence.split("(?<=[,，;；、])")) {
            String next = title + clause;
            if (title.length() > 0 && next.codePointCount(0, next.length()) > DERIVED_TITLE_MAX + 1) {
                break;
            }
            title.append(clause);
        }
        String cut = title.toString().replaceAll("[,，;；、]$", "");
        return cut.codePointCount(0, cut.length()) <= DERIVED_TITLE_MAX ? cut : shorten(cut, DERIVED_TITLE_MAX);
    }

    private static String shorten(String line, int max) {
        return line.substring(0, line.offsetByCodePoints(0, max)) + "…";
    }

    private static String shorten(String line) {
        if (line.codePointCount(0, line.length()) <= TITLE_MAX) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, TITLE_MAX)) + "…";
    }
}
