package dev.briefing.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.Grounding;
import dev.briefing.normalize.Paragraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotableSpansTest {
    @Test
    void should_offer_each_sentence_and_the_clauses_of_a_long_one_all_verbatim() {
        String paragraph = "美方周三宣布新的关税措施。 外交部发言人表示，中方对此坚决反对，将采取必要措施维护自身的正当权益，"
                + "并呼吁美方立即纠正错误做法，回到对话协商的正确轨道上来，以免对两国关系造成更大的损害。好。";
        List<String> spans = QuotableSpans.of(paragraph);
        assertEquals("美方周三宣布新的关税措施。", spans.get(0), "the sentence without the space after it");
        assertTrue(spans.contains("中方对此坚决反对"), "a clause of the long sentence: " + spans);
        assertTrue(spans.stream().anyMatch(s -> s.startsWith("外交部发言人表示，") && s.endsWith("损害。")),
                "the long sentence whole: " + spans);
        assertFalse(spans.contains("好。"), "shorter than the shortest quote the verifier takes");
        spans.forEach(s -> assertTrue(paragraph.contains(s), "verbatim: " + s));
        assertEquals(spans.size(), spans.stream().distinct().count(), "no span twice");
    }

    @Test
    void should_ground_every_paragraph_of_a_seed_in_text_the_verifier_finds_there() throws Exception {
        Path seed;
        try (var files = Files.list(Path.of("seeds"))) {
            seed = files.sorted().findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(seed).stream().filter(l -> !l.isBlank()).toList();
        List<Paragraph> paragraphs = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            paragraphs.add(new Paragraph(i + 1, lines.get(i).strip(), lines.get(i).strip()));
        }
        Grounding grounding = QuotableSpans.grounding("paragraph", paragraphs);
        assertTrue(grounding.spans().size() > 3, grounding.toString());
        grounding.spans().forEach((number, spans) -> spans.forEach(span -> assertEquals(
                java.util.Optional.of(span), QuoteMatcher.locate(paragraphs.get(number - 1).text(), span),
                "the verifier finds P" + number + "'s span exactly there: " + span)));
    }
}
