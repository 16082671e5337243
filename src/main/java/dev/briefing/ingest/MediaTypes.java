package dev.briefing.ingest;

/** The media type of an input, from its file extension or, failing that, its content. */
final class MediaTypes {
    static final String HTML = "text/html";
    static final String MARKDOWN = "text/markdown";
    static final String PLAIN = "text/plain";

    private MediaTypes() {
    }

    /** @return the type the extension names, or null when it names none (content decides) */
    static String ofExtension(String extension) {
        return switch (extension) {
            case "html", "htm" -> HTML;
            case "md", "markdown" -> MARKDOWN;
            default -> null;
        };
    }

    static String ofContent(String text) {
        return HtmlText.looksLikeHtml(text) ? HTML : PLAIN;
    }
}
