package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTest {
    private static Article article(Script script) {
        return new Article("id" + script, "t", null, "p", script, List.of(new Paragraph(1, "x", "x")));
    }

    @Test
    void should_default_to_the_script_most_articles_use() {
        assertEquals(Language.SIMPLIFIED, Language.resolve(null,
                List.of(article(Script.SIMPLIFIED), article(Script.SIMPLIFIED), article(Script.TRADITIONAL))));
        assertEquals(Language.TRADITIONAL, Language.resolve("zh", List.of(article(Script.TRADITIONAL))));
        assertEquals(Language.ENGLISH, Language.resolve(null, List.of(article(Script.NONE))));
    }

    @Test
    void should_honour_an_explicit_language() {
        assertEquals(Language.ENGLISH, Language.resolve("en", List.of(article(Script.SIMPLIFIED))));
        assertEquals(Language.TRADITIONAL, Language.resolve("zh-Hant", List.of(article(Script.SIMPLIFIED))));
    }

    @Test
    void should_reject_an_unknown_language_as_usage_error() {
        BriefingException e = assertThrows(BriefingException.class, () -> Language.resolve("klingon", List.of()));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
