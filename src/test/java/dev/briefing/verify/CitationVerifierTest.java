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
    void should_keep_the_models_gloss_with_the_verbatim_quote_it_translates() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "今天的通话让我们取得了重大的进展",
                "today's call made great progress")));
        assertEquals(1, o.kept().size());
        Citation kept = o.kept().get(0);
        assertEquals("今天的通话让我们取得了重大的进展", kept.quote());
        assertEquals("today's call made great progress", kept.gloss());
        assertEquals(new Citation("abc123abc123", 4, "今天的通话让我们取得了重大的进展"), kept,
                "a gloss is not part of what is cited");
    }

    @Test
    void should_drop_a_quote_the_model_translated_instead_of_copying_whatever_its_gloss() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(
                new Claimed(4, "today's call made great progress", null),
                new Claimed(4, "today's call made great progress", "today's call made great progress")));
        assertTrue(o.kept().isEmpty(), o.kept().toString());
        assertEquals(2, o.dropped());
    }

    @Test
    void should_drop_citation_to_paragraph_not_in_chunk_whose_quote_no_paragraph_holds() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(1, "普京宣布全面停火协议即日生效")));
        assertTrue(o.kept().isEmpty());
        assertEquals(1, o.dropped());
        assertTrue(o.problems().get(0).contains("paragraph 1 is not in"), o.problems().toString());
    }

    @Test
    void should_drop_citation_whose_quote_is_in_no_paragraph() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(
                new Claimed(5, "普京宣布全面停火协议即日生效"), new Claimed(4, "特朗普宣布胜利")));
        assertTrue(o.kept().isEmpty());
        assertEquals(2, o.dropped());
    }

    @Test
    void should_cite_the_neighbouring_paragraph_that_holds_the_quote() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(5, "今天的通话让我们取得了重大的进展")));
        assertEquals(List.of(new Citation("abc123abc123", 4, "今天的通话让我们取得了重大的进展")), o.kept());
        assertEquals(0, o.dropped());
        assertTrue(o.recoveries().get(0).contains("cited as paragraph 5 found in paragraph 4"), o.recoveries().toString());
    }

    @Test
    void should_match_whatever_quote_marks_the_model_used_and_show_the_sources() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "特朗普还宣称「今天的通话")));
        assertEquals(List.of(new Citation("abc123abc123", 4, "特朗普还宣称“今天的通话")), o.kept());
    }

    @Test
    void should_verify_each_fragment_of_a_quote_joined_with_an_ellipsis() {
        for (String joined : List.of("特朗普还宣称……取得了重大的进展", "特朗普还宣称...取得了重大的进展")) {
            CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, joined)));
            assertEquals(List.of(new Citation("abc123abc123", 4, "特朗普还宣称"),
                    new Citation("abc123abc123", 4, "取得了重大的进展")), o.kept(), joined);
        }
        CitationVerifier.Outcome half = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "特朗普还宣称……普京宣布全面停火")));
        assertEquals(List.of(new Citation("abc123abc123", 4, "特朗普还宣称")), half.kept(), "the fragment found");
        assertTrue(half.recoveries().get(0).contains("1 not found"), half.recoveries().toString());
    }

    @Test
    void should_accept_a_near_miss_within_the_documented_edits_showing_the_sources_span() {
        // One wrong character (迫 for 重) in a 16-character quote: shown as the source wrote it.
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "今天的通话让我们取得了迫大的进展")));
        assertEquals(List.of(new Citation("abc123abc123", 4, "今天的通话让我们取得了重大的进展")), o.kept());
        assertTrue(o.recoveries().get(0).startsWith("near-miss quote"), o.recoveries().toString());
        // Three wrong characters are a different sentence, and a short quote must be exact.
        assertTrue(CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "今天的会谈让他们取得了迫大的进展"))).kept().isEmpty());
        assertTrue(CitationVerifier.verify(CHUNK, List.of(new Claimed(4, "今天的通话没"))).kept().isEmpty());
    }

    @Test
    void should_deduplicate_repeated_citations() {
        CitationVerifier.Outcome o = CitationVerifier.verify(CHUNK, List.of(
                new Claimed(4, "取得了重大的进展"), new Claimed(4, "取得了重大的进展")));
        assertEquals(1, o.kept().size());
    }
}
