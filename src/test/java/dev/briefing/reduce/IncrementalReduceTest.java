package dev.briefing.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.llm.ScriptedModel;
import dev.briefing.llm.StructuredCaller;
import dev.briefing.llm.UsageMeter;
import dev.briefing.map.ChunkNotes.ClaimNote;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A day too large for one window, briefed again after one more article: the cache answers a
 * call whose request is unchanged, byte for byte, so what the rerun must send is the requests
 * the first run did not make. One new article may change one part and the merge above it.
 */
class IncrementalReduceTest {
    private static final int ARTICLES = 300;

    private static String article(int i) {
        return String.format("%012x", i);
    }

    /** Notes of a day whose articles repeat each other: each note reported by 8 of them. */
    private static MergedNotes day(int newArticle, int insertAt) {
        Random random = new Random(7);
        List<Event> events = new ArrayList<>();
        List<MergedNotes.Claim> claims = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            if (newArticle >= 0 && i == insertAt) {
                for (int k = 0; k < 10; k++) { // the new article's own notes, none reported before
                    Citation own = new Citation(article(newArticle), 1 + k, "新文章第" + k + "段的原话");
                    events.add(new Event("x", null, null, "新文章报道的第" + k + "件事", "首次出现", null, List.of(),
                            List.of(own)));
                }
            }
            List<Citation> cited = new ArrayList<>();
            int first = random.nextInt(ARTICLES - 8);
            for (int a = 0; a < 8; a++) {
                cited.add(new Citation(article(first + a), 1 + i % 20, "第" + i + "条引文的原话内容"));
            }
            if (newArticle >= 0 && i % 90 == 0) { // it also reports notes other articles first reported
                cited.add(new Citation(article(newArticle), 11, "第" + i + "条引文的原话内容"));
            }
            events.add(new Event("x", null, null, "第" + i + "件事：谈判出现新的进展", "各方交换意见", null, List.of(), cited));
            if (i % 3 == 0) {
                claims.add(new MergedNotes.Claim("c" + (claims.size() + 1),
                        new ClaimNote("援助", "第" + i + "种说法认为援助在变化", cited)));
            }
        }
        List<Event> numbered = new ArrayList<>();
        for (Event e : events) { // as the reducer numbers them: across the whole day
            numbered.add(new Event("e" + (numbered.size() + 1), e.date(), e.dateText(), e.title(), e.description(),
                    e.where(), e.actors(), e.citations()));
        }
        return new MergedNotes(numbered, List.of(), claims, List.of());
    }

    private static List<ModelRequest> synthesize(MergedNotes day, int articleCount) {
        ScriptedModel model = new ScriptedModel(SynthesizerTest::citingWhatItWasShown);
        Synthesizer.Synthesis s = new Synthesizer(new StructuredCaller(model, RetryPolicy.none(), new UsageMeter()),
                dev.briefing.prompt.PromptLibrary.bundled().get("synthesize"),
                dev.briefing.prompt.PromptLibrary.bundled().get("synthesize-merge"),
                new CallSettings(8192, 1024, 0.1, 42), "简体中文", 2).synthesize(day, articleCount);
        assertTrue(s.failure() == null, String.valueOf(s.failure()));
        return model.requests();
    }

    private static Set<String> bytes(List<ModelRequest> requests) {
        Set<String> out = new HashSet<>();
        requests.forEach(r -> out.add(r.messages().toString() + r.schema()));
        return out;
    }

    private static List<String> sentAgain(List<ModelRequest> first, List<ModelRequest> rerun) {
        Set<String> cached = bytes(first);
        return rerun.stream().filter(r -> !cached.contains(r.messages().toString() + r.schema()))
                .map(ModelRequest::purpose).toList();
    }

    @Test
    void should_send_only_one_part_and_the_merge_again_for_an_article_that_arrives_last() {
        List<ModelRequest> first = synthesize(day(-1, 0), ARTICLES);
        long parts = first.stream().filter(r -> r.purpose().startsWith("synthesize part")).count();
        assertTrue(parts >= 6, "a day of several parts: " + parts);

        List<ModelRequest> rerun = synthesize(day(ARTICLES, 900), ARTICLES + 1);

        List<String> sent = sentAgain(first, rerun);
        assertTrue(sent.size() <= 3, "sent again: " + sent);
        assertEquals("synthesize", sent.get(sent.size() - 1), "the final merge is sent again: " + sent);
        assertTrue(sent.stream().filter(p -> p.startsWith("synthesize part")).count() <= 1, sent.toString());
    }

    @Test
    void should_change_at_most_two_parts_for_an_article_whose_notes_sit_in_the_middle_of_the_day() {
        List<ModelRequest> first = synthesize(day(-1, 0), ARTICLES);

        List<ModelRequest> rerun = synthesize(day(ARTICLES, 450), ARTICLES + 1);

        List<String> sent = sentAgain(first, rerun);
        assertTrue(sent.stream().filter(p -> p.startsWith("synthesize part")).count() <= 2, sent.toString());
        assertTrue(sent.size() <= 4, "sent again: " + sent);
    }

    @Test
    void should_round_what_a_line_says_of_many_sources_so_one_more_does_not_change_it() {
        List<Citation> eight = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            eight.add(new Citation(article(a), 1, "原话"));
        }
        List<Citation> nine = new ArrayList<>(eight);
        nine.add(new Citation(article(99), 1, "原话"));
        assertEquals(StableParts.sources(eight), StableParts.sources(nine));
        assertEquals(" (articles: 000000000000, 000000000001, 000000000002 and 4 or more)", StableParts.sources(eight));
        assertEquals(" (articles: 000000000000, 000000000001 and 0 more)".replace(" and 0 more", ""),
                StableParts.sources(eight.subList(0, 2)));
    }
}
