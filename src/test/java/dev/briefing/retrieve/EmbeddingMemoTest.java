package dev.briefing.retrieve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.briefing.normalize.Article;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingMemoTest {
    /** A deterministic stand-in model that records every text it was asked to embed. */
    static final class CountingEmbedder implements Embedder {
        final List<String> seen = new ArrayList<>();

        @Override
        public String id() {
            return "counting-test/4";
        }

        @Override
        public int dimensions() {
            return 4;
        }

        @Override
        public float[] embed(String text) {
            seen.add(text);
            float[] v = {text.length(), text.codePointAt(0) % 97, text.hashCode() % 89, 1};
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return v;
        }
    }

    @Test
    void should_embed_each_distinct_text_once_and_return_the_same_vectors_in_order() {
        CountingEmbedder model = new CountingEmbedder();
        EmbeddingMemo memo = new EmbeddingMemo(model, 16);
        List<float[]> first = memo.embedAll(List.of("甲段落", "乙段落", "甲段落"));
        List<float[]> second = memo.embedAll(List.of("乙段落", "丙段落"));
        assertEquals(List.of("甲段落", "乙段落", "丙段落"), model.seen);
        assertArrayEquals(new CountingEmbedder().embed("甲段落"), first.get(0));
        assertArrayEquals(first.get(0), first.get(2));
        assertArrayEquals(first.get(1), second.get(0));
        assertArrayEquals(new CountingEmbedder().embed("丙段落"), second.get(1));
        assertEquals(3, memo.embedded());
        assertEquals(2, memo.reused());
    }

    @Test
    void should_forget_the_least_recently_used_text_beyond_its_capacity() {
        CountingEmbedder model = new CountingEmbedder();
        EmbeddingMemo memo = new EmbeddingMemo(model, 2);
        memo.embedAll(List.of("一号", "二号"));
        memo.embedAll(List.of("一号"));
        memo.embedAll(List.of("三号"));
        memo.embedAll(List.of("一号", "二号"));
        assertEquals(List.of("一号", "二号", "三号", "二号"), model.seen);
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingMemo(model, 0));
    }

    @Test
    void should_send_a_paragraph_repeated_across_articles_to_the_model_once_when_indexing(@TempDir Path dir) {
        CountingEmbedder model = new CountingEmbedder();
        String wire = "新华社电：乌克兰总统泽连斯基当天访问白宫。";
        Article a = PassageIndexTest.article("aaaaaaaaaaaa", "a.txt", wire, "特朗普表示将考虑提供战斧导弹。");
        Article b = PassageIndexTest.article("bbbbbbbbbbbb", "b.txt", "普京与特朗普通电话。", wire);
        try (PassageIndex index = PassageIndex.open(dir, model)) {
            PassageIndex.SyncReport report = index.sync(List.of(a, b));
            assertEquals(4, report.paragraphsIndexed());
            assertEquals(3, model.seen.size(), model.seen.toString());
            assertEquals(1, model.seen.stream().filter(wire::equals).count());
            List<PassageIndex.Hit> hits = index.search(List.of("泽连斯基 白宫"), 4);
            assertEquals(2, hits.stream().filter(h -> h.article().equals("aaaaaaaaaaaa") && h.paragraph() == 1
                    || h.article().equals("bbbbbbbbbbbb") && h.paragraph() == 2).count(), hits.toString());
        }
    }
}
