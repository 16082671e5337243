package dev.briefing.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkerTest {

    static Stream<Arguments> seedsAndBudgets() {
        return Seeds.ALL.stream().flatMap(name -> Stream.of(16, 40, 100, 300, 1000, 100_000)
                .map(budget -> Arguments.of(name, budget)));
    }

    @Test
    void should_put_a_small_article_in_one_chunk_unchanged() {
        Article article = Seeds.article(Seeds.SIMPLIFIED);
        List<Chunk> chunks = new Chunker(4000).chunk(article);

        assertEquals(1, chunks.size());
        Chunk only = chunks.get(0);
        assertEquals(1, only.index());
        assertEquals(1, only.count());
        assertEquals(article.id(), only.articleId());
        assertEquals(article.title(), only.articleTitle());
        assertEquals(article.paragraphs(), only.paragraphs());
        assertSame(article.paragraphs().get(4), only.paragraphs().get(4), "whole paragraphs are passed through");
        assertEquals(article.paragraphs().stream().mapToInt(Chunker::paragraphTokens).sum(), only.estimatedTokens());
    }

    @Test
    void should_keep_every_paragraph_whole_once_and_in_order_when_each_fits() {
        Article article = Seeds.article(Seeds.TRADITIONAL);
        int budget = 300;
        assertTrue(article.paragraphs().stream().allMatch(p -> Chunker.paragraphTokens(p) <= budget),
                "precondition: no paragraph needs splitting");

        List<Chunk> chunks = new Chunker(budget).chunk(article);

        assertTrue(chunks.size() > 1, "precondition: the article needs several chunks");
        List<Paragraph> shown = chunks.stream().flatMap(c -> c.paragraphs().stream()).toList();
        assertEquals(article.paragraphs(), shown);
    }

    @ParameterizedTest
    @MethodSource("seedsAndBudgets")
    void should_never_exceed_the_budget_and_report_honest_estimates(String seed, int budget) {
        for (Chunk chunk : new Chunker(budget).chunk(Seeds.article(seed))) {
            int recomputed = chunk.paragraphs().stream().mapToInt(Chunker::paragraphTokens).sum();
            assertEquals(recomputed, chunk.estimatedTokens(), chunk.label());
            assertTrue(chunk.estimatedTokens() <= budget, () -> chunk.label() + " has " + chunk.estimatedTokens());
        }
    }

    @ParameterizedTest
    @MethodSource("seedsAndBudgets")
    void should_show_every_paragraph_in_order_and_rejoin_split_ones_to_the_original(String seed, int budget) {
        Article article = Seeds.article(seed);
        Map<Integer, StringBuilder> rejoined = new LinkedHashMap<>();
        int previous = 0;
        for (Chunk chunk : new Chunker(budget).chunk(article)) {
            for (Paragraph piece : chunk.paragraphs()) {
                assertTrue(piece.number() >= previous, "paragraph numbers never go back");
                previous = piece.number();
                rejoined.computeIfAbsent(piece.number(), n -> new StringBuilder()).append(piece.text());
            }
        }
        assertEquals(article.paragraphs().size(), rejoined.size());
        for (Paragraph paragraph : article.paragraphs()) {
            assertEquals(paragraph.text(), rejoined.get(paragraph.number()).toString());
        }
    }

    @ParameterizedTest
    @MethodSource("seedsAndBudgets")
    void should_number_chunks_from_one_to_count(String seed, int budget) {
        List<Chunk> chunks = new Chunker(budget).chunk(Seeds.article(seed));
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i + 1, chunks.get(i).index());
            assertEquals(chunks.size(), chunks.get(i).count());
        }
    }

    @Test
    void should_split_an_over_long_paragraph_only_at_sentence_ends() {
        String sentences = Seeds.lines(Seeds.SIMPLIFIED).get(3) + Seeds.lines(Seeds.SIMPLIFIED).get(11);
        String longText = sentences.repeat(4);
        Article article = Seeds.articleOf("几点分析:", longText, "综上所述。");
        int budget = 200;
        assertTrue(Chunker.paragraphTokens(article.paragraphs().get(1)) > 2 * budget, "precondition: too long");

        List<Chunk> chunks = new Chunker(budget).chunk(article);

        List<String> pieces = chunks.stream().flatMap(c -> c.paragraphs().stream())
                .filter(p -> p.number() == 2).map(Paragraph::text).toList();
        assertTrue(pieces.size() >= 3, pieces::toString);
        assertEquals(longText, String.join("", pieces));
        Set<Integer> sentenceEnds = sentenceEnds(longText);
        int offset = 0;
        for (String piece : pieces) {
            offset += piece.length();
            assertTrue(sentenceEnds.contains(offset), () -> "cut inside a sentence: " + piece);
        }
        chunks.forEach(c -> assertTrue(c.estimatedTokens() <= budget, c.label()));
    }

    @Test
    void should_cut_a_sentence_only_when_it_alone_exceeds_the_budget() {
        String fits = "俄罗斯经济濒于崩溃。";
        String tooLong = Seeds.lines(Seeds.SIMPLIFIED).get(9).replace("。", ",") + "。";
        Article article = Seeds.articleOf(fits + tooLong + fits);
        int budget = 60;

        List<Chunk> chunks = new Chunker(budget).chunk(article);

        List<String> pieces = chunks.stream().map(c -> c.paragraphs().get(0).text()).toList();
        assertEquals(fits + tooLong + fits, String.join("", pieces));
        assertTrue(pieces.get(0).startsWith(fits), "the short sentence before stays whole");
        assertTrue(pieces.get(pieces.size() - 1).endsWith(fits), "the short sentence after stays whole");
        for (String piece : pieces.subList(0, pieces.size() - 1)) {
            assertTrue(piece.endsWith(",") || piece.endsWith("。"), () -> "cut outside a clause break: " + piece);
        }
        chunks.forEach(c -> assertTrue(c.estimatedTokens() <= budget, c.label()));
    }

    @Test
    void should_balance_chunks_instead_of_leaving_a_small_remainder() {
        String[] texts = new String[10];
        Arrays.fill(texts, "普京与特朗普通电话讨论。");
        Article article = Seeds.articleOf(texts);
        int largest = article.paragraphs().stream().mapToInt(Chunker::paragraphTokens).max().orElseThrow();
        int total = article.paragraphs().stream().mapToInt(Chunker::paragraphTokens).sum();
        int budget = 4 * largest; // greedy packing would give 4 + 4 + 2 paragraphs

        List<Chunk> chunks = new Chunker(budget).chunk(article);

        assertEquals(3, chunks.size(), "still the fewest chunks");
        List<Integer> sizes = new ArrayList<>(chunks.stream().map(c -> c.paragraphs().size()).toList());
        sizes.sort(null);
        assertEquals(List.of(3, 3, 4), sizes);
        int target = (total + chunks.size() - 1) / chunks.size();
        chunks.forEach(c -> assertTrue(Math.abs(c.estimatedTokens() - target) <= largest, c.label()));
    }

    @Test
    void should_balance_a_real_article_that_greedy_packing_would_leave_with_a_small_last_chunk() {
        Article article = Seeds.article(Seeds.SIMPLIFIED);
        int largest = article.paragraphs().stream().mapToInt(Chunker::paragraphTokens).max().orElseThrow();
        int total = article.paragraphs().stream().mapToInt(Chunker::paragraphTokens).sum();

        List<Chunk> chunks = new Chunker(1000).chunk(article);

        int target = (total + chunks.size() - 1) / chunks.size();
        for (Chunk chunk : chunks) {
            assertTrue(chunk.estimatedTokens() >= target - largest,
                    () -> chunk.label() + " has " + chunk.estimatedTokens() + " tokens, target " + target);
        }
    }

    @Test
    void should_be_deterministic() {
        Article article = Seeds.article(Seeds.NUMBERED);
        assertEquals(new Chunker(300).chunk(article), new Chunker(300).chunk(article));
    }

    @Test
    void should_cut_the_simplified_form_at_the_same_offsets_when_both_forms_line_up() {
        String traditional = String.join("", Seeds.lines(Seeds.TRADITIONAL).subList(11, 13));
        String simplified = traditional.replace('對', '对').replace('國', '国').replace('這', '这')
                .replace('為', '为').replace('與', '与');
        assertEquals(traditional.length(), simplified.length());
        Article article = new Article("003", "重塑對俄路線", null, "003.txt", Script.TRADITIONAL,
                List.of(new Paragraph(1, traditional, simplified)));

        List<Chunk> chunks = new Chunker(100).chunk(article);

        assertTrue(chunks.size() > 1, "precondition: the paragraph is split");
        int offset = 0;
        StringBuilder joined = new StringBuilder();
        for (Chunk chunk : chunks) {
            Paragraph piece = chunk.paragraphs().get(0);
            assertEquals(simplified.substring(offset, offset + piece.text().length()), piece.simplified());
            offset += piece.text().length();
            joined.append(piece.simplified());
        }
        assertEquals(simplified, joined.toString());
    }

    @Test
    void should_fall_back_to_the_piece_text_when_the_simplified_form_does_not_line_up() {
        String traditional = String.join("", Seeds.lines(Seeds.TRADITIONAL).subList(11, 13));
        Article article = new Article("003", "重塑對俄路線", null, "003.txt", Script.TRADITIONAL,
                List.of(new Paragraph(1, traditional, "简体")));

        List<Chunk> chunks = new Chunker(100).chunk(article);

        assertTrue(chunks.size() > 1, "precondition: the paragraph is split");
        for (Chunk chunk : chunks) {
            Paragraph piece = chunk.paragraphs().get(0);
            assertEquals(piece.text(), piece.simplified());
        }
    }

    @Test
    void should_take_its_budget_from_a_chunk_budget() {
        ChunkBudget budget = ChunkBudget.of(32_768, 4096, 800, 1024, 100_000);
        assertEquals(budget.articleTokens(), new Chunker(budget).articleTokens());
    }

    @Test
    void should_reject_a_budget_too_small_for_a_label_and_some_text() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Chunker(15));
        assertTrue(e.getMessage().contains("articleTokens"), e.getMessage());
    }

    @Test
    void should_count_the_paragraph_label_and_line_break() {
        assertEquals(5, Chunker.paragraphOverhead(1), "[ P 1 ] and a newline");
        assertEquals(6, Chunker.paragraphOverhead(12));
        assertEquals(TokenEstimator.estimate("俄罗斯经济濒于崩溃。") + 6,
                Chunker.paragraphTokens(new Paragraph(12, "俄罗斯经济濒于崩溃。", "俄罗斯经济濒于崩溃。")));
    }

    private static Set<Integer> sentenceEnds(String text) {
        Set<Integer> ends = new HashSet<>();
        int offset = 0;
        for (String sentence : SentenceSplitter.split(text)) {
            offset += sentence.length();
            ends.add(offset);
        }
        return ends;
    }
}
