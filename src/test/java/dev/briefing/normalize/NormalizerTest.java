package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.ingest.IngestResult;
import dev.briefing.ingest.Ingestor;
import dev.briefing.ingest.Seeds;
import dev.briefing.ingest.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizerTest {
    private final Normalizer normalizer = new Normalizer();

    @Test
    void should_ingest_and_normalize_every_seed_without_boilerplate() {
        IngestResult ingested = new Ingestor().read(List.of(Seeds.DIR.toString()), InputStream.nullInputStream());
        assertEquals(List.of(), ingested.warnings());
        assertEquals(3, ingested.documents().size());

        for (SourceDocument doc : ingested.documents()) {
            assertEquals("UTF-8", doc.charset());
            Article article = normalizer.normalize(doc).orElseThrow();
            assertTrue(article.paragraphs().size() > 5, doc.path());
            for (Paragraph p : article.paragraphs()) {
                for (String banned : List.of("特别声明", "Notice:", "![", "网易号")) {
                    assertFalse(p.text().contains(banned), doc.path() + " ¶" + p.number() + ": " + p.text());
                }
                assertFalse(p.text().matches("\\d+"), doc.path() + " ¶" + p.number() + " is a number");
            }
        }
    }

    @Test
    void should_drop_paragraph_number_lines_of_seed_002() {
        Article article = seed(Seeds.S002);

        assertEquals("哈喽,各位朋友好,我是小玖。", article.paragraph(1).orElseThrow().text());
        // A greeting is not a headline: the title comes from the first paragraph after it.
        assertEquals("2025年,俄罗斯与美国之间的互动频率达到了近年来的高峰", article.title());
        assertEquals("尽管高层沟通频繁,但俄乌战争的和平前景依然模糊不清,实质性进展迟迟未能落地。",
                article.paragraph(3).orElseThrow().text());
        assertEquals(Script.SIMPLIFIED, article.script());
        // "信息来源" heads the reference list; it is content, not a source line.
        assertNull(article.source());
        assertTrue(article.paragraphs().stream().anyMatch(p -> p.text().equals("信息来源")));
        assertEquals("中国网2025-05-24特朗普三度对话普京,俄乌和谈仍难破局",
                article.paragraphs().get(article.paragraphs().size() - 1).text());
    }

    @Test
    void should_take_source_title_and_traditional_script_from_seed_003() {
        Article article = seed(Seeds.S003);

        assertEquals("倍可親(backchina.com)", article.source());
        assertEquals("從\"密談\"到「拒談」:特朗普為何對普京轉向強硬?", article.title());
        Paragraph first = article.paragraph(1).orElseThrow();
        assertTrue(first.text().startsWith("當地時間7月28日"), first.text());
        assertEquals(Script.TRADITIONAL, article.script());
        assertTrue(first.text().contains("衝突"), "text stays as written");
        assertTrue(first.simplified().contains("冲突"), first.simplified());
        assertFalse(first.simplified().contains("衝突"));
        assertEquals("從「密談」到「拒談」", article.paragraph(2).orElseThrow().text());
        assertFalse(article.titleDerived(), "a headline is the article's own title");
    }

    @Test
    void should_use_a_first_line_that_is_a_sentence_as_both_title_and_first_paragraph() {
        Article article = seed(Seeds.S000);
        String firstLine = Seeds.text(Seeds.S000).lines().findFirst().orElseThrow();

        assertEquals(Script.SIMPLIFIED, article.script());
        assertNull(article.source());
        // Not the whole first paragraph: its first clauses, up to 32 characters.
        assertEquals("经俄罗斯总统普京提议,10月16日,普京与美国总统特朗普通电话", article.title());
        assertEquals(firstLine, article.paragraph(1).orElseThrow().text());
        assertEquals("几点分析:", article.paragraph(7).orElseThrow().text(), "the ![]() line is gone");
        assertTrue(article.titleDerived(), "a title made from the first sentence says so");
    }

    @Test
    void should_shorten_a_long_first_line_for_the_title_and_keep_it_whole_as_paragraph_one() {
        String longLine = "一".repeat(Normalizer.TITLE_MAX) + "𠀀二三";
        Article article = normalize("a.txt", longLine + "\n第二段。");

        assertEquals("一".repeat(Normalizer.DERIVED_TITLE_MAX) + "…", article.title());
        assertEquals(longLine, article.paragraph(1).orElseThrow().text());
        assertEquals(2, article.paragraphs().size());
    }

    @Test
    void should_count_title_length_in_characters_not_chars() {
        // 50 characters, one outside the BMP (two Java chars): still a headline.
        String headline = "一".repeat(Normalizer.TITLE_MAX - 1) + "𠀀";
        Article article = normalize("a.txt", headline + "\n正文。");
        assertEquals(headline, article.title());
        assertEquals(List.of("正文。"), article.paragraphs().stream().map(Paragraph::text).toList());
    }

    @Test
    void should_give_the_same_article_the_same_id_from_any_path_or_encoding(@TempDir Path dir)
            throws IOException {
        Path big5 = Files.write(dir.resolve("copy.txt"), Seeds.text(Seeds.S003).getBytes(Charset.forName("Big5")));
        SourceDocument fromBig5 = new Ingestor().read(List.of(big5.toString()), InputStream.nullInputStream())
                .documents().get(0);
        assertEquals("Big5", fromBig5.charset());

        Article original = seed(Seeds.S003);
        Article copy = normalizer.normalize(fromBig5).orElseThrow();

        assertEquals(original.id(), copy.id());
        assertNotEquals(original.path(), copy.path());
        assertTrue(original.id().matches("[0-9a-f]{12}"), original.id());
        assertEquals(original.id(), seed(Seeds.S003).id(), "same id on every run");
    }

    @Test
    void should_give_different_articles_different_ids() {
        String text = Seeds.text(Seeds.S000);
        Article a = normalize("a.txt", text);
        Article b = normalize("a.txt", text.replace("10月16日", "10月17日"));
        assertNotEquals(a.id(), b.id());
        assertNotEquals(seed(Seeds.S000).id(), seed(Seeds.S002).id());
    }

    @Test
    void should_ignore_blank_lines_surrounding_spaces_and_trailing_boilerplate_for_the_id() {
        Article clean = normalize("a.txt", "标题\n第一段。\n第二段。");
        Article messy = normalize("b.txt", "\u3000标题\u00A0\n\n  第一段。\r\n![](x.jpg)\n第二段。 \n3\n（完）\n");
        assertEquals(clean.id(), messy.id());
        assertEquals(List.of("第一段。", "第二段。"), messy.paragraphs().stream().map(Paragraph::text).toList());
    }

    @Test
    void should_strip_markdown_heading_and_quote_markers() {
        SourceDocument doc = new SourceDocument("a.md",
                "# 普京与特朗普通电话\n\n> 引用的一段话。\n## 小标题\n正文![图](a.png)继续。", "UTF-8", "text/markdown");
        Article article = normalizer.normalize(doc).orElseThrow();

        assertEquals("普京与特朗普通电话", article.title());
        assertEquals(List.of("引用的一段话。", "小标题", "正文继续。"),
                article.paragraphs().stream().map(Paragraph::text).toList());
    }

    @Test
    void should_keep_hash_lines_of_plain_text() {
        Article article = normalize("a.txt", "标题\n#话题#正文。");
        assertEquals("#话题#正文。", article.paragraph(1).orElseThrow().text());
    }

    @Test
    void should_number_paragraphs_from_one_with_their_simplified_form() {
        Article article = normalize("a.txt", "標題\n第一段關於衝突。\n第二段。");
        assertEquals(2, article.paragraphs().size());
        assertEquals(new Paragraph(1, "第一段關於衝突。", "第一段关于冲突。"), article.paragraphs().get(0));
        assertEquals(new Paragraph(2, "第二段。", "第二段。"), article.paragraphs().get(1));
    }

    @Test
    void should_return_empty_when_only_boilerplate_remains() {
        SourceDocument doc = new SourceDocument("a.txt",
                "1\n![]()\n特别声明:以上内容为自媒体平台用户上传\n  \n", "UTF-8", "text/plain");
        assertEquals(Optional.empty(), normalizer.normalize(doc));
    }

    @Test
    void should_make_a_single_short_line_both_title_and_paragraph() {
        Article article = normalize("-", "普京与特朗普通电话");
        assertEquals("普京与特朗普通电话", article.title());
        assertEquals(List.of("普京与特朗普通电话"), article.paragraphs().stream().map(Paragraph::text).toList());
    }

    @Test
    void should_take_only_the_first_source_line_as_metadata() {
        Article article = normalize("a.txt", "来源：新华社\n标题\n正文。\n来源：人民日报");
        assertEquals("新华社", article.source());
        assertEquals("标题", article.title());
        assertEquals(List.of("正文。", "来源：人民日报"), article.paragraphs().stream().map(Paragraph::text).toList());
    }

    private Article seed(Path seed) {
        return normalize(seed.toString(), Seeds.text(seed));
    }

    private Article normalize(String path, String text) {
        return normalizer.normalize(new SourceDocument(path, text, "UTF-8", "text/plain")).orElseThrow();
    }

    @Test
    void should_skip_a_self_introduction_and_cut_a_derived_title_at_the_first_sentence() {
        Article article = normalize("a.txt", "大家好,我是老王。\n普京与特朗普通电话。两人讨论了俄美关系。\n第三段。");
        assertEquals("普京与特朗普通电话", article.title());
        assertEquals("大家好,我是老王。", article.paragraph(1).orElseThrow().text(), "the greeting stays in the text");
    }

    @Test
    void should_keep_the_id_an_article_had_before_titles_were_derived() {
        // The id hashes the first line as the old rule titled it, so caches and daily stores still match.
        // These are the ids the replay fixtures (src/test/resources/replies/) are keyed by.
        assertEquals(java.util.Set.of("1446a1150ce9", "3d489e304f9f", "81666df97467"), java.util.Set.of(
                seed(Seeds.S000).id(), seed(Seeds.S002).id(), seed(Seeds.S003).id()));
    }
}
