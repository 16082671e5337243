package dev.briefing.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.chunk.Chunk;
import dev.briefing.normalize.Paragraph;
import dev.briefing.verify.CitationVerifier.Claimed;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {
    private static final Chunk CHUNK = new Chunk("abc123abc123", "标题", 2, 3, List.of(
            new Paragraph(4, "特朗普还宣称“今天的通话让我们取得了重大的进展。”", "特朗普还宣称“今天的通话让我们取得了重大的进展。”"),
            new Paragraph(5, "几点分析:", "几点分析:")), 40);

    @Test
    void should_keep_verified_citation_with_article_and_source_text() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "今天的通话让我们取得了重大的进展")));
        assertEquals(List.of(new Citation("abc123abc123", 4, "今天的通话让我们取得了重大的进展")), o.kept());
        assertEquals(0, o.dropped());
    }

    @Test
    void should_drop_citation_to_paragraph_not_in_chunk() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(1, "今天的通话让我们取得了重大的进展")));
        assertTrue(o.kept().isEmpty());
        assertEquals(1, o.dropped());
        assertTrue(o.problems().get(0).contains("paragraph 1 is not in"), o.problems().toString());
    }

    @Test
    void should_drop_citation_whose_quote_is_not_in_paragraph() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(
                new Claimed(5, "今天的通话让我们取得了重大的进展"), new Claimed(4, "特朗普宣布胜利")));
        assertTrue(o.kept().isEmpty());
        assertEquals(2, o.dropped());
    }

    @Test
    void should_deduplicate_repeated_citations() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(
                new Claimed(4, "取得了重大的进展"), new Claimed(4, "取得了重大的进展")));
        assertEquals(1, o.kept().size());
    }
}
