package dev.briefing.render;

import dev.briefing.map.ActorType;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.ArticleRef;
import dev.briefing.reduce.Briefing.Disagreement;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.FailedChunk;
import dev.briefing.reduce.Briefing.OpenQuestion;
import dev.briefing.reduce.Briefing.Position;
import dev.briefing.reduce.Briefing.RunSummary;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * briefing.md: the briefing as a readable Markdown document (CommonMark with GFM footnotes and
 * tables). Section titles follow the briefing's language: Chinese in the script the language
 * tag implies ({@code zh-Hant}, {@code zh-TW}, {@code zh-HK}, {@code zh-MO}: traditional; other
 * {@code zh}: simplified), English otherwise.
 *
 * <p>Every citation becomes a footnote {@code [^n]}, numbered in order of first appearance; the
 * same citation always gets the same number. All text that comes from articles or the model is
 * escaped, so it cannot open a link, a tag, a heading or a table cell.
 */
public final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    public static String render(Briefing briefing) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            write(briefing, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not throw
        }
        return text.toString();
    }

    /**
     * briefing.md written to {@code out} as it is rendered, a few KB at a time (a large day's
     * document is never held whole); {@code out} is neither flushed nor closed.
     */
    public static void write(Briefing briefing, java.io.Writer out) throws java.io.IOException {
        try {
            new Rendering(briefing, out).render();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One rendering: the labels, the lookups and the footnote numbering for one briefing. */
    private static final class Rendering {
        private final Briefing briefing;
        private final Labels labels;
        private final Map<String, ArticleRef> articles;
        private final Map<String, Actor> actors;
        private final Map<Citation, Integer> footnotes = new LinkedHashMap<>();
        /** Lines not yet handed to {@link #sink}; drained whenever it passes {@link #DRAIN_AT} characters. */
        private final StringBuilder out = new StringBuilder();
        private final java.io.Writer sink;
        private static final int DRAIN_AT = 8192;

        Rendering(Briefing briefing, java.io.Writer sink) {
            this.briefing = briefing;
            this.sink = sink;
            this.labels = Labels.of(briefing.language());
            this.articles = briefing.articles().stream()
                    .collect(Collectors.toMap(ArticleRef::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            this.actors = briefing.actors().stream()
                    .collect(Collectors.toMap(Actor::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }

        void render() {
            line("# " + labels.title + " " + day());
            if (briefing.incomplete()) {
                incomplete();
            }
            summary();
            changes();
            timeline();
            actorSection();
            claimSection();
            disagreements();
            openQuestions();
            sources();
            warnings();
            runLine();
            footnoteDefinitions();
            drain();
        }

        private void drain() {
            try {
                sink.append(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.setLength(0);
        }

        /** The briefing's day: the day a daily briefing is for, else the run's (UTC) day. */
        private String day() {
            return briefing.changes() != null ? briefing.changes().day().toString()
                    : java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC)
                            .format(briefing.run().startedAt());
        }

        private void incomplete() {
            List<FailedChunk> failed = briefing.run().failedChunks();
            blank();
            line("> **" + labels.incomplete + "** " + labels.incompleteText(failed.size()));
            if (!failed.isEmpty()) {
                line(">");
                for (FailedChunk chunk : failed) {
                    line("> - " + Markdown.inline(chunk.chunk()) + labels.colon + Markdown.inline(chunk.reason()));
                }
            }
        }

        private void summary() {
            section(labels.summary);
            List<String> paragraphs = Markdown.paragraphs(briefing.summary().text());
            String marks = marks(briefing.summary().citations());
            if (paragraphs.isEmpty()) {
                line(labels.none + marks);
                return;
            }
            for (int i = 0; i < paragraphs.size(); i++) {
                if (i > 0) {
                    blank();
                }
                line(paragraphs.get(i) + (i == paragraphs.size() - 1 ? marks : ""));
            }
        }

        /** daily only: what is new against the earlier days compared. */
        private void changes() {
            Briefing.Changes changes = briefing.changes();
            if (changes == null) {
                return;
            }
            section(labels.changesTitle(changes));
            long developing = changes.events().stream()
                    .filter(c -> c.novelty() == Briefing.Novelty.DEVELOPING).count();
            line(labels.changesCounts(changes.events().size() - developing, developing));
            blank();
            line(labels.newArticles(changes.newArticles().size()));
            if (!changes.newArticles().isEmpty()) {
                blank();
                for (String id : changes.newArticles()) {
                    ArticleRef article = articles.get(id);
                    line("- " + (article == null ? Markdown.inline(id)
                            : Markdown.inline(article.title()) + " (" + Markdown.inline(id) + ")"));
                }
            }
        }

        private String novelty(Event event) {
            if (briefing.changes() == null) {
                return "";
            }
            return briefing.changes().events().stream().filter(c -> c.event().equals(event.id())).findFirst()
                    .map(c -> "**[" + labels.novelty(c.novelty()) + "]** ").orElse("");
        }

        private void continues(Event event) {
            if (briefing.changes() == null) {
                return;
            }
            briefing.changes().events().stream().filter(c -> c.event().equals(event.id())).findFirst()
                    .filter(c -> !c.continues().isEmpty())
                    .ifPresent(c -> line("  - " + labels.continues() + labels.colon + c.continues().stream()
                            .map(e -> e.day() + " " + Markdown.inline(e.title()))
                            .collect(Collectors.joining(labels.listSeparator))));
        }

        private void timeline() {
            section(labels.timeline);
            if (briefing.events().isEmpty()) {
                line(labels.none);
                return;
            }
            for (Event event : briefing.events()) {
                StringBuilder item = new StringBuilder("- ").append(novelty(event)).append("**").append(when(event))
                        .append("** — **")
                        .append(Markdown.inline(event.title())).append("**");
                if (!event.description().isBlank()) {
                    item.append(labels.afterTitle).append(Markdown.inline(event.description()));
                }
                item.append(marks(event.citations()));
                line(item.toString());
                continues(event);
                if (event.where() != null && !event.where().isBlank()) {
                    line("  - " + labels.where + labels.colon + Markdown.inline(event.where()));
                }
                if (!event.actors().isEmpty() || !event.otherActors().isEmpty()) {
                    line("  - " + labels.actorsLabel + labels.colon + java.util.stream.Stream.concat(
                                    event.actors().stream().map(id -> actors.containsKey(id) ? actors.get(id).name() : id),
                                    event.otherActors().stream())
                            .map(Markdown::inline)
                            .collect(Collectors.joining(labels.listSeparator)));
                }
            }
        }

        private String when(Event event) {
            String dateText = event.dateText() == null || event.dateText().isBlank() ? null : event.dateText();
            if (event.date() != null) {
                String iso = event.date().toString();
                String inferred = event.dateBasis() == dev.briefing.map.DateBasis.INFERRED ? labels.inferred() : "";
                return dateText == null || dateText.equals(iso) ? iso + inferred
                        : iso + inferred + " (" + Markdown.inline(dateText) + ")";
            }
            // Undated events stay visibly undated even when the article gave a vague date.
            return dateText != null ? labels.undated + " (" + Markdown.inline(dateText) + ")" : labels.undated;
        }

        private void actorSection() {
            section(labels.actors);
            if (briefing.actors().isEmpty()) {
                line(labels.none);
                return;
            }
            for (Actor actor : briefing.actors()) {
                StringBuilder item = new StringBuilder("- **").append(Markdown.inline(actor.name())).append("**")
                        .append(labels.parenthesized(labels.type(actor.type())));
                if (!actor.role().isBlank()) {
                    item.append(" — ").append(Markdown.inline(actor.role()));
                }
                if (!actor.aliases().isEmpty()) {
                    item.append(labels.sentenceBreak).append(labels.aliases).append(labels.colon)
                            .append(actor.aliases().stream().map(Markdown::inline)
                                    .collect(Collectors.joining(labels.listSeparator)));
                }
                item.append(marks(actor.citations()));
                line(item.toString());
            }
        }

        /** Every claim the articles make, under its topic; a topic's claims from several articles together. */
        private void claimSection() {
            section(labels.claims());
            if (briefing.claims().isEmpty()) {
                line(labels.none);
                return;
            }
            String topic = null;
            for (Briefing.Claim claim : briefing.claims()) {
                String key = claim.topic().strip();
                if (!key.equals(topic)) {
                    line("- **" + Markdown.inline(key) + "**");
                    topic = key;
                }
                line("  - " + Markdown.inline(claim.claim()) + marks(claim.citations()));
            }
        }

        private void disagreements() {
            section(labels.disagreements);
            if (briefing.disagreements().isEmpty()) {
                line(labels.none);
                return;
            }
            for (Disagreement disagreement : briefing.disagreements()) {
                line("- **" + Markdown.inline(disagreement.topic()) + "**");
                for (Position position : disagreement.positions()) {
                    line("  - " + Markdown.inline(position.claim()) + marks(position.citations()));
                }
            }
        }

        private void openQuestions() {
            section(labels.openQuestions);
            if (briefing.openQuestions().isEmpty()) {
                line(labels.none);
                return;
            }
            for (OpenQuestion question : briefing.openQuestions()) {
                if (question.context().isBlank()) {
                    line("- **" + Markdown.inline(question.question()) + "**" + marks(question.citations()));
                } else {
                    line("- **" + Markdown.inline(question.question()) + "**");
                    line("  " + labels.context + labels.colon + Markdown.inline(question.context())
                            + marks(question.citations()));
                }
            }
        }

        private void sources() {
            section(labels.sources);
            if (briefing.articles().isEmpty()) {
                line(labels.none);
                return;
            }
            line("| " + String.join(" | ", labels.sourceColumns) + " |");
            line("|---|---|---|---|---|");
            for (ArticleRef article : briefing.articles()) {
                line("| " + Markdown.inline(article.id())
                        + " | " + Markdown.inline(article.title()) + (article.titleDerived() ? Labels.derivedTitle(labels.variant()) : "")
                        + " | " + (article.source() == null ? "—" : Markdown.inline(article.source()))
                        + " | " + Markdown.inline(article.path())
                        + " | " + article.paragraphs() + " |");
            }
        }

        private void warnings() {
            if (briefing.warnings().isEmpty()) {
                return;
            }
            section(labels.warnings);
            for (String warning : briefing.warnings()) {
                line("- " + Markdown.inline(warning));
            }
        }

        private void runLine() {
            blank();
            line("---");
            blank();
            line(labels.run(briefing.run()));
        }

        private void footnoteDefinitions() {
            if (footnotes.isEmpty()) {
                return;
            }
            blank();
            // The article by its id only: its title is given once, in the sources table the id
            // heads, not again in each of the many footnotes that cite it.
            footnotes.forEach((citation, n) -> line("[^" + n + "]: " + Markdown.inline(citation.article()) + " ¶"
                    + citation.paragraph() + ": " + Markdown.inline(Html.bracketed(citation.quote()))
                    + (citation.gloss() == null ? "" : " (translation: " + Markdown.inline(citation.gloss()) + ")")));
        }

        private String marks(List<Citation> citations) {
            StringBuilder marks = new StringBuilder();
            List<Integer> seen = new ArrayList<>();
            for (Citation citation : citations) {
                int n = footnotes.computeIfAbsent(citation, c -> footnotes.size() + 1);
                if (!seen.contains(n)) {
                    seen.add(n);
                    marks.append("[^").append(n).append(']');
                }
            }
            return marks.toString();
        }

        private void section(String title) {
            blank();
            line("## " + title);
            blank();
        }

        private void blank() {
            out.append('\n');
        }

        private void line(String text) {
            out.append(text).append('\n');
            if (out.length() >= DRAIN_AT) {
                drain();
            }
        }
    }

    /** Escaping of text that comes from articles or the model. */
    static final class Markdown {
        private static final String INLINE_SPECIALS = "\\`*_[]<>|~&";

        private Markdown() {
        }

        /**
         * Text for use inside a line: line breaks become spaces, every character that could start
         * or end inline Markdown syntax (emphasis, code, links, HTML, table cells, entities) is
         * backslash-escaped, and so is whatever would turn the text into a heading, quote or list
         * if it began a line. CJK text passes through untouched.
         */
        static String inline(String text) {
            String flat = text.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ").strip();
            StringBuilder escaped = new StringBuilder(flat.length() + 8);
            for (int i = 0; i < flat.length(); i++) {
                char c = flat.charAt(i);
                if (INLINE_SPECIALS.indexOf(c) >= 0) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
            return escapeBlockStart(escaped.toString());
        }

        /** Paragraphs of a multi-paragraph text (split on blank lines), each escaped. */
        static List<String> paragraphs(String text) {
            List<String> paragraphs = new ArrayList<>();
            for (String part : text.strip().split("\\R\\s*\\R")) {
                if (!part.isBlank()) {
                    paragraphs.add(inline(part));
                }
            }
            return paragraphs;
        }

        /**
         * Escapes what would make a line a block other than a paragraph when the text starts
         * it: a heading ({@code #}), a list marker ({@code -}, {@code +}, {@code 1.}, {@code 1)}),
         * a thematic break or setext underline ({@code =}). {@code >}, {@code *} and backticks
         * are already escaped everywhere.
         */
        private static String escapeBlockStart(String text) {
            if (text.isEmpty()) {
                return text;
            }
            char first = text.charAt(0);
            if (first == '#' || first == '-' || first == '+' || first == '=') {
                return "\\" + text;
            }
            int digits = 0;
            while (digits < text.length() && digits < 10 && Character.isDigit(text.charAt(digits))
                    && text.charAt(digits) < 128) {
                digits++;
            }
            if (digits > 0 && digits < text.length() && (text.charAt(digits) == '.' || text.charAt(digits) == ')')) {
                return text.substring(0, digits) + "\\" + text.substring(digits);
            }
            return text;
        }
    }

    /** Section titles and phrases in English, simplified or traditional Chinese (shared with {@link HtmlRenderer}). */
    record Labels(String title, String incomplete, String summary, String timeline, String actors,
            String disagreements, String openQuestions, String sources, String warnings, String undated,
            String none, String where, String actorsLabel, String aliases, String context, String colon,
            String listSeparator, String afterTitle, String sentenceBreak, List<String> sourceColumns,
            List<String> types, Variant variant) {

        enum Variant { EN, HANS, HANT }

        /** Said after a title the article did not give (no headline: made from its first sentence). */
        static String derivedTitle(Variant variant) {
            return switch (variant) {
                case HANS -> "（无标题，取自正文）";
                case HANT -> "（無標題，取自正文）";
                case EN -> " (no headline; taken from the text)";
            };
        }

        static Labels of(String language) {
            return switch (variant(language)) {
                case HANS -> new Labels("简报 / Briefing", "⚠ 不完整：", "摘要", "重要事件时间线", "相关方", "分歧",
                        "待解问题", "来源", "警告", "日期不详", "无。", "地点", "相关方", "别名", "背景", "：", "、",
                        "：", "。", List.of("编号", "标题", "来源", "路径", "段落数"),
                        List.of("人物", "国家", "组织", "其他"), Variant.HANS);
                case HANT -> new Labels("簡報 / Briefing", "⚠ 不完整：", "摘要", "重要事件時間線", "相關方", "分歧",
                        "待解問題", "來源", "警告", "日期不詳", "無。", "地點", "相關方", "別名", "背景", "：", "、",
                        "：", "。", List.of("編號", "標題", "來源", "路徑", "段落數"),
                        List.of("人物", "國家", "組織", "其他"), Variant.HANT);
                case EN -> new Labels("Briefing", "⚠ Incomplete:", "Summary", "Timeline of key events", "Actors",
                        "Where sources disagree", "Open questions", "Sources", "Warnings", "undated", "None.",
                        "Where", "Actors", "Also known as", "Context", ": ", ", ", ": ", ". ",
                        List.of("ID", "Title", "Source", "Path", "Paragraphs"),
                        List.of("person", "country", "organization", "other"), Variant.EN);
            };
        }

        static Variant variant(String language) {
            Locale locale = Locale.forLanguageTag(language.trim().replace('_', '-'));
            if (!locale.getLanguage().equals("zh")) {
                return Variant.EN;
            }
            String script = locale.getScript();
            if (script.equalsIgnoreCase("Hant")) {
                return Variant.HANT;
            }
            if (script.equalsIgnoreCase("Hans")) {
                return Variant.HANS;
            }
            return switch (locale.getCountry()) {
                case "TW", "HK", "MO" -> Variant.HANT;
                default -> Variant.HANS;
            };
        }

        private static String plural(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }

        String changesTitle(Briefing.Changes changes) {
            boolean none = changes.since().equals(changes.day());
            String last = changes.day().minusDays(1).toString();
            String range = changes.since().toString().equals(last) ? last : changes.since() + " – " + last;
            return switch (variant) {
                case HANS -> none ? "今日变化（无更早的简报可比）" : "与 " + range + " 相比的变化";
                case HANT -> none ? "今日變化（無更早的簡報可比）" : "與 " + range + " 相比的變化";
                case EN -> none ? "What changed (no earlier day compared)" : "What changed since " + range;
            };
        }

        String changesCounts(long fresh, long developing) {
            return switch (variant) {
                case HANS -> "新事件 " + fresh + " 件，进展中的事件 " + developing + " 件。";
                case HANT -> "新事件 " + fresh + " 件，進展中的事件 " + developing + " 件。";
                case EN -> plural(fresh, "new event") + ", " + plural(developing, "developing event") + ".";
            };
        }

        String newArticles(int n) {
            return switch (variant) {
                case HANS -> "今日新文章：" + n + " 篇" + (n == 0 ? "。" : "：");
                case HANT -> "今日新文章：" + n + " 篇" + (n == 0 ? "。" : "：");
                case EN -> n == 0 ? "No new articles today." : "New articles today (" + n + "):";
            };
        }

        String novelty(Briefing.Novelty novelty) {
            boolean fresh = novelty == Briefing.Novelty.NEW;
            return switch (variant) {
                case HANS -> fresh ? "新" : "进展";
                case HANT -> fresh ? "新" : "進展";
                case EN -> fresh ? "new" : "developing";
            };
        }

        /** After an inferred ISO date: the article did not state it in full. */
        String inferred() {
            return switch (variant) {
                case HANS -> "（推定）";
                case HANT -> "（推定）";
                case EN -> " (inferred)";
            };
        }

        String claims() {
            return switch (variant) {
                case HANS -> "观点与判断";
                case HANT -> "觀點與判斷";
                case EN -> "Claims and assessments";
            };
        }

        String continues() {
            return switch (variant) {
                case HANS -> "延续";
                case HANT -> "延續";
                case EN -> "Continues";
            };
        }

        String type(ActorType type) {
            return types.get(type.ordinal());
        }

        String parenthesized(String text) {
            return variant == Variant.EN ? " (" + text + ")" : "（" + text + "）";
        }

        String incompleteText(int failed) {
            return switch (variant) {
                case HANS -> failed == 0 ? "部分内容处理失败，本简报可能有遗漏。"
                        : "有 " + failed + " 个文本块处理失败，本简报不含其内容：";
                case HANT -> failed == 0 ? "部分內容處理失敗，本簡報可能有遺漏。"
                        : "有 " + failed + " 個文本塊處理失敗，本簡報不含其內容：";
                case EN -> failed == 0 ? "some content could not be processed; this briefing may leave things out."
                        : failed == 1 ? "1 chunk could not be processed; this briefing leaves out what it contains:"
                        : failed + " chunks could not be processed; this briefing leaves out what they contain:";
            };
        }

        String run(RunSummary run) {
            String seconds = String.format(Locale.ROOT, "%.1f", run.durationMs() / 1000.0);
            String model = Markdown.inline(run.model());
            return switch (variant) {
                case HANS -> "*运行：模型 " + model + "，调用 " + run.calls() + " 次，提示词元 " + run.promptTokens()
                        + "，生成词元 " + run.completionTokens() + "，用时 " + seconds + " 秒，丢弃引用 "
                        + run.droppedCitations() + " 条，丢弃条目 " + run.droppedItems() + " 条。*";
                case HANT -> "*執行：模型 " + model + "，呼叫 " + run.calls() + " 次，提示詞元 " + run.promptTokens()
                        + "，生成詞元 " + run.completionTokens() + "，用時 " + seconds + " 秒，捨棄引用 "
                        + run.droppedCitations() + " 條，捨棄條目 " + run.droppedItems() + " 條。*";
                case EN -> "*Run: model " + model + ", " + plural(run.calls(), "call") + ", " + run.promptTokens()
                        + " prompt + " + run.completionTokens() + " completion tokens, " + seconds + " s, "
                        + plural(run.droppedCitations(), "dropped citation") + ", "
                        + plural(run.droppedItems(), "dropped item") + ".*";
            };
        }
    }
}
