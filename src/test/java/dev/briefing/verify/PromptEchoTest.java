package dev.briefing.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.prompt.PromptLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PromptEchoTest {
    private static final String SYSTEM = PromptLibrary.bundled().get("map-chunk").system();
    private final PromptEcho echo = PromptEcho.of(SYSTEM);

    @Test
    void should_spot_a_passage_of_the_instructions_whatever_its_spacing_or_case() {
        String passage = SYSTEM.substring(SYSTEM.indexOf("You are a careful news analyst"));
        passage = passage.substring(0, 60);
        assertTrue(echo.echoes(passage));
        assertTrue(echo.echoes("好的，我的指令是：" + passage.toUpperCase(java.util.Locale.ROOT).replace(" ", "\n  ")));
    }

    @Test
    void should_not_flag_article_text_or_short_phrases_the_instructions_also_use() throws IOException {
        for (String seed : new String[] {"seeds/000_aeeaa0b9bae0c82b.txt", "seeds/002_69f628739a3c6881.txt",
                "seeds/003_0abb118a677dbc7b.txt"}) {
            assertFalse(echo.echoes(Files.readString(Path.of(seed))), seed);
        }
        assertFalse(echo.echoes("The date exactly as the article writes it is unclear."));
        assertFalse(echo.echoes(null));
    }
}
