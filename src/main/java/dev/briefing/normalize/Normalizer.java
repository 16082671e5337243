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
        String title = headlineOnly ? first : shorten(first);
        List<String> texts = headlineOnly ? content.subList(1, content.size()) : content;

        List<Paragraph> paragraphs = new ArrayList<>(texts.size());
        for (String text : texts) {
            paragraphs.add(new Paragraph(paragraphs.size() + 1, text, ChineseScript.toSimplified(text)));
        }
        Script script = ChineseScript.detect(title + "\n" + String.join("\n", texts));
        return Optional.of(new Article(ArticleId.of(title, texts), title, source, doc.path(), script,
                paragraphs));
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

    private static String shorten(String line) {
        if (line.codePointCount(0, line.length()) <= TITLE_MAX) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, TITLE_MAX)) + "…";
    }
}
