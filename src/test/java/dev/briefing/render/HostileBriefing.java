package dev.briefing.render;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Script;
import dev.briefing.map.ActorType;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.reduce.Briefing.ArticleRef;
import dev.briefing.reduce.Briefing.Disagreement;
import dev.briefing.reduce.Briefing.EarlierEvent;
import dev.briefing.reduce.Briefing.Event;
import dev.briefing.reduce.Briefing.EventChange;
import dev.briefing.reduce.Briefing.FailedChunk;
import dev.briefing.reduce.Briefing.Novelty;
import dev.briefing.reduce.Briefing.OpenQuestion;
import dev.briefing.reduce.Briefing.Position;
import dev.briefing.reduce.Briefing.RunSummary;
import dev.briefing.reduce.Briefing.Summary;
import dev.briefing.verify.Citation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A briefing in which every string an article or the model can supply is an attack: a script
 * element, an attribute break-out with an event handler, an SVG with onload, a single-quote
 * break-out, a javascript: URL, a style element, a closing title and an entity that must stay
 * literal. The hostile article is also a real source whose paragraph is cited.
 */
final class HostileBriefing {

    static final String SCRIPT = "<script>window.__pwned=1</script>";
    static final String IMG = "\"><img src=x onerror=\"window.__pwned=1\">";
    static final String SVG = "<svg onload=\"window.__pwned=1\"></svg>";
    static final String QUOTE_BREAK = "' onfocus='window.__pwned=1' autofocus='";
    static final String URL = "javascript:window.__pwned=1";
    static final String STYLE = "<style>body{display:none}</style>";
    static final String TITLE_BREAK = "</title><script>window.__pwned=1</script>";
    static final String ENTITY = "&lt;b&gt;";

    /** All of them, in one string, each field of the fixture gets its own prefix. */
    static String hostile(String field) {
        return field + " " + SCRIPT + IMG + SVG + QUOTE_BREAK + URL + STYLE + TITLE_BREAK + ENTITY;
    }

    static final String ARTICLE_ID = hostile("id");
    static final String PARAGRAPH = "记者报道：" + SCRIPT + " 以及 " + IMG + " 结束。";
    static final Citation CITED = new Citation(ARTICLE_ID, 2, SCRIPT + " 以及 " + IMG);

    private HostileBriefing() {
    }

    static Briefing briefing() {
        Citation sample = SampleBriefing.TALKS;
        List<ArticleRef> articles = List.of(
                SampleBriefing.articles().get(0),
                new ArticleRef(ARTICLE_ID, hostile("title"), hostile("source"), hostile("path"), Script.SIMPLIFIED, 3));
        Briefing briefing = new Briefing(
                "zh-Hans\"><script>window.__pwned=1</script>",
                articles,
                new Summary(hostile("summary") + "\n\n" + hostile("summary2"), List.of(CITED, sample)),
                List.of(
                        new Event(hostile("event-id"), LocalDate.of(2025, 10, 16), hostile("dateText"), hostile("event"),
                                hostile("description"), hostile("where"), List.of(hostile("actor-id"), "unknown"),
                                List.of(CITED)),
                        new Event("e2", null, hostile("undatedText"), hostile("undated"), "", null, List.of(),
                                List.of(CITED, sample))),
                List.of(new Actor(hostile("actor-id"), hostile("actor"), List.of(hostile("alias")), ActorType.OTHER,
                        hostile("role"), List.of(CITED, sample))),
                List.of(new Disagreement(hostile("topic"), List.of(
                        new Position(hostile("claim1"), List.of(CITED)),
                        new Position(hostile("claim2"), List.of(sample))))),
                List.of(new OpenQuestion(hostile("question"), hostile("context"), List.of(CITED))),
                true,
                List.of(hostile("warning")),
                new RunSummary(hostile("model"), hostile("host"), Instant.parse("2026-11-23T09:00:00Z"), 1000, 2, 10,
                        10, 0, 0, List.of(new FailedChunk(hostile("chunk"), hostile("reason")))));
        return briefing.withChanges(new Briefing.Changes(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 16),
                List.of(ARTICLE_ID, hostile("unknown-article")), List.of(
                        new EventChange(hostile("event-id"), Novelty.DEVELOPING,
                                List.of(new EarlierEvent(LocalDate.of(2026, 11, 22), hostile("earlier")))),
                        new EventChange("e2", Novelty.NEW, List.of()))));
    }

    static List<Article> articles() {
        return List.of(SampleBriefing.sourceArticles().get(0),
                SampleBriefing.article(ARTICLE_ID, hostile("title"), hostile("source"), hostile("path"),
                        Script.SIMPLIFIED, hostile("p1"), PARAGRAPH, hostile("p3")));
    }

    /** Every hostile string the page must show as text (field prefixes tell where one went missing). */
    static List<String> fields() {
        return List.of("title", "source", "path", "id", "summary", "summary2", "dateText", "event", "description",
                "where", "undatedText", "undated", "actor", "alias", "role", "topic", "claim1", "claim2", "question",
                "context", "warning", "model", "chunk", "reason", "earlier").stream().map(HostileBriefing::hostile)
                .toList();
    }
}
