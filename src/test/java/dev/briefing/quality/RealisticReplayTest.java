package dev.briefing.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.RetryPolicy;
import dev.briefing.normalize.Article;
import dev.briefing.pipeline.ArticleLoader;
import dev.briefing.pipeline.BriefingEngine;
import dev.briefing.pipeline.EngineConfig;
import dev.briefing.pipeline.Progress;
import dev.briefing.reduce.Briefing;
import dev.briefing.verify.Citation;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on the three seeds with realistic model replies (src/test/resources/replies):
 * how much of what a model supplied reaches the reader. docs/quality.md tabulates these numbers;
 * when a change moves one, this test says which and the table is updated with it.
 */
class RealisticReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    static final List<Article> SEEDS = ArticleLoader.load(List.of("seeds"), new ByteArrayInputStream(new byte[0]),
            Path.of("")).articles();

    /** The article the {@code --lang en} sets answer for (seeds/000). */
    static final String EN_ARTICLE = "3d489e304f9f";

    /** The articles a set of replies answers: the {@code en-} sets one article, briefed with {@code --lang en}. */
    static List<Article> articles(String set) {
        return set.startsWith("en-") ? SEEDS.stream().filter(a -> a.id().equals(EN_ARTICLE)).toList() : SEEDS;
    }

    static BriefingEngine.Outcome run(String set) {
        EngineConfig.Builder config = EngineConfig.builder().model("m").retry(RetryPolicy.none());
        if (set.startsWith("en-")) {
            config.language("en");
        }
        return new BriefingEngine(config.build(), new ReplayModel(set, !set.equals("slips")),
                new FakeServer(true, List.of("m"), 32768), Progress.silent(), CLOCK).brief(articles(set), List.of());
    }

    /** One item a map reply supplied, with the citations it gave. */
    record Supplied(String article, String kind, String text, List<Citation> citations) {
    }

    static List<Supplied> supplied(String set) throws Exception {
        List<Supplied> items = new ArrayList<>();
        for (Article a : articles(set)) {
            JsonNode reply = JSON.readTree(ReplayModel.fixture(set, "map-" + a.id() + "-1.json"));
            for (String kind : List.of("events", "actors", "claims", "openQuestions")) {
                for (JsonNode item : reply.get(kind)) {
                    String text = Stream.of("title", "name", "claim", "question").filter(item::has)
                            .map(f -> item.get(f).asText()).findFirst().orElseThrow();
                    List<Citation> cited = new ArrayList<>();
                    item.get("citations").forEach(c -> cited.add(new Citation(a.id(), c.get("paragraph").asInt(),
                            c.get("quote").asText())));
                    items.add(new Supplied(a.id(), kind, text, cited));
                }
            }
        }
        return items;
    }

    /** What the reader sees of one kind of note: the citations of its section. */
    static List<Citation> section(Briefing b, String kind) {
        return switch (kind) {
            case "events" -> b.events().stream().flatMap(e -> e.citations().stream()).toList();
            case "actors" -> b.actors().stream().flatMap(e -> e.citations().stream()).toList();
            case "claims" -> Stream.concat(b.claims().stream().flatMap(c -> c.citations().stream()),
                    b.disagreements().stream().flatMap(d -> d.positions().stream())
                            .flatMap(p -> p.citations().stream())).toList();
            case "openQuestions" -> b.openQuestions().stream().flatMap(q -> q.citations().stream()).toList();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static List<Citation> everywhere(Briefing b) {
        List<Citation> all = new ArrayList<>(b.summary().citations());
        for (String kind : List.of("events", "actors", "claims", "openQuestions")) {
            all.addAll(section(b, kind));
        }
        return all;
    }

    /**
     * Whether the reader sees this supplied citation: a citation of the same article whose quote
     * holds one of its fragments (split at an ellipsis), quote marks, punctuation and whitespace
     * aside, or differs from it by at most two characters (a recovered near miss).
     */
    static boolean shown(Citation supplied, List<Citation> seen) {
        for (String fragment : supplied.quote().split("……|\\.\\.\\.|…")) {
            String f = bare(fragment);
            if (f.length() < 4) {
                continue;
            }
            for (Citation c : seen) {
                String q = bare(c.quote());
                if (c.article().equals(supplied.article())
                        && (q.contains(f) || f.contains(q) || (Math.abs(q.length() - f.length()) <= 2
                                && closeEnough(q, f)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean closeEnough(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()] <= 2;
    }

    private static String bare(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return dev.briefing.normalize.ChineseScript.toSimplified(out.toString()).toLowerCase(Locale.ROOT);
    }

    /** The numbers docs/quality.md tabulates for one set of replies. */
    record Tally(int itemsSupplied, int itemsShown, int citationsSupplied, int citationsShown,
            int citationsDropped, int itemsDropped, int claimsSupplied, int claimsShown, int eventsSupplied,
            int eventsDatedSupplied, int eventsShown, int eventsDated, boolean summary, int openQuestions,
            int recovered) {
        String row(String set) {
            return String.format(Locale.ROOT, "%s: items %d/%d shown, citations %d/%d shown (%d dropped and listed),"
                            + " items dropped and listed %d, claims %d/%d, %d events after merging, %d of %d event notes"
                            + " on the timeline (the model dated %d), summary %s, open questions %d, %d citations"
                            + " recovered",
                    set, itemsShown, itemsSupplied, citationsShown, citationsSupplied, citationsDropped, itemsDropped,
                    claimsShown, claimsSupplied, eventsShown, eventsDated, eventsSupplied, eventsDatedSupplied,
                    summary ? "kept" : "lost", openQuestions, recovered);
        }
    }

    static Tally tally(String set) throws Exception {
        BriefingEngine.Outcome outcome = run(set);
        Briefing b = outcome.briefing();
        List<Supplied> items = supplied(set);
        List<Citation> all = everywhere(b);
        int itemsShown = 0;
        int citations = 0;
        int citationsShown = 0;
        int claims = 0;
        int claimsShown = 0;
        int events = 0;
        int eventsDated = 0;
        int datedShown = 0;
        for (Supplied s : items) {
            List<Citation> section = section(b, s.kind());
            if (s.citations().stream().anyMatch(c -> shown(c, section))) {
                itemsShown++;
                if (s.kind().equals("claims")) {
                    claimsShown++;
                }
            }
            if (s.kind().equals("events")) {
                List<Citation> dated = b.events().stream().filter(e -> e.date() != null)
                        .flatMap(e -> e.citations().stream()).toList();
                datedShown += s.citations().stream().anyMatch(c -> shown(c, dated)) ? 1 : 0;
            }
            citations += s.citations().size();
            citationsShown += (int) s.citations().stream().filter(c -> shown(c, all)).count();
            claims += s.kind().equals("claims") ? 1 : 0;
            events += s.kind().equals("events") ? 1 : 0;
        }
        for (Article a : articles(set)) {
            JsonNode reply = JSON.readTree(ReplayModel.fixture(set, "map-" + a.id() + "-1.json"));
            for (JsonNode e : reply.get("events")) {
                eventsDated += e.get("date").isNull() ? 0 : 1;
            }
        }
        Tally t = new Tally(items.size(), itemsShown, citations, citationsShown, b.run().droppedCitations(),
                b.run().droppedItems(), claims, claimsShown, events, eventsDated, b.events().size(),
                datedShown, !b.summary().text().isBlank(),
                b.openQuestions().size(),
                (int) outcome.record().warnings().stream().filter(w -> w.startsWith("recovered citation")).count());
        System.err.println(t.row(set));
        return t;
    }

    /* The rows docs/quality.md tabulates; a change that moves a number updates both. */
    static final String CAREFUL = "careful: items 70/70 shown, citations 78/78 shown (0 dropped and listed), items"
            + " dropped and listed 0, claims 22/22, 20 events after merging, 9 of 21 event notes on the timeline (the"
            + " model dated 10), summary kept, open questions 4, 0 citations recovered";
    static final String SLIPS = "slips: items 70/70 shown, citations 78/78 shown (0 dropped and listed), items dropped"
            + " and listed 0, claims 22/22, 20 events after merging, 9 of 21 event notes on the timeline (the model"
            + " dated 10), summary kept, open questions 4, 14 citations recovered";

    static final String EN_GLOSS = "en-gloss: items 22/22 shown, citations 27/27 shown (0 dropped and listed), items"
            + " dropped and listed 0, claims 7/7, 7 events after merging, 3 of 7 event notes on the timeline (the model"
            + " dated 3), summary kept, open questions 1, 0 citations recovered";
    static final String EN_TRANSLATED = "en-translated: items 0/22 shown, citations 0/27 shown (27 dropped and listed),"
            + " items dropped and listed 22, claims 0/7, 0 events after merging, 0 of 7 event notes on the timeline (the"
            + " model dated 3), summary lost, open questions 0, 0 citations recovered";

    /** {@code --lang en}: quotes copied verbatim with an English gloss all reach the reader, each with its gloss. */
    @Test
    void should_keep_every_verbatim_quote_of_an_english_briefing_with_its_gloss() throws Exception {
        var mapPrompt = EngineConfig.builder().model("m").build().prompts().get("map-chunk");
        assertTrue(mapPrompt.system().contains("the gloss is the quote translated into {{language}}"),
                "the map prompt asks for the gloss");
        assertTrue(mapPrompt.schema().at("/properties/events/items/properties/citations/items/required").toString()
                .contains("gloss"), "and its schema requires one (null when the languages agree)");
        Tally t = tally("en-gloss");
        assertEquals(27, t.citationsSupplied());
        assertEquals(t.citationsSupplied(), t.citationsShown(), "every verbatim quote with a gloss reaches the reader");
        assertEquals(0, t.citationsDropped());
        Briefing b = run("en-gloss").briefing();
        assertEquals("en", b.language());
        assertTrue(b.articles().get(0).titleDerived(), "000 has no headline: its title is flagged as derived");
        List<Citation> all = everywhere(b);
        assertTrue(all.stream().allMatch(c -> c.gloss() != null && c.gloss().matches("[\\x20-\\x7E]+")),
                "each citation keeps its English gloss: " + all);
        assertTrue(all.stream().anyMatch(c -> c.quote().equals("普京支持这一提议")
                && c.gloss().equals("Putin supported the proposal")), all.toString());
        assertEquals(EN_GLOSS, t.row("en-gloss"));
    }

    /** A model that still writes only English quotes has them all dropped, and every one is counted. */
    @Test
    void should_drop_and_count_every_quote_the_model_translated_instead_of_copying() throws Exception {
        Tally t = tally("en-translated");
        assertEquals(27, t.citationsSupplied());
        assertEquals(0, t.citationsShown());
        assertEquals(t.citationsSupplied(), t.citationsDropped(), "each dropped quote is listed with its reason");
        assertTrue(run("en-translated").briefing().incomplete(), "a chunk with nothing verified is a failed chunk");
        assertEquals(EN_TRANSLATED, t.row("en-translated"));
    }

    @Test
    void should_show_what_survives_of_a_careful_models_replies() throws Exception {
        Tally t = tally("careful");
        assertEquals(70, t.itemsSupplied());
        assertEquals(78, t.citationsSupplied());
        assertEquals(0, t.citationsDropped(), "a careful model's citations all verify");
        assertTrue(t.summary());
        assertEquals(t.itemsSupplied(), t.itemsShown(), "every note reaches the reader");
        assertEquals(t.citationsSupplied(), t.citationsShown(), "every citation reaches the reader");
        assertEquals(CAREFUL, t.row("careful"));
    }

    @Test
    void should_show_what_survives_of_a_slipping_models_replies() throws Exception {
        Tally t = tally("slips");
        assertEquals(70, t.itemsSupplied());
        assertTrue(t.summary(), "made-up ids beside real ones do not cost the summary");
        assertEquals(t.citationsSupplied() - t.citationsShown(), t.citationsDropped(),
                "every citation the reader does not see is listed with its reason");
        assertEquals(SLIPS, t.row("slips"));
    }
}
