package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.briefing.normalize.Article;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleLoaderTest {
    @TempDir
    Path dir;

    /** Cleaning runs on several threads; what comes out must be what one thread gives, in file order. */
    @Test
    void should_keep_the_file_order_and_name_duplicates_as_one_thread_would() throws IOException {
        List<String> expectedPaths = new ArrayList<>();
        List<String> expectedWarnings = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < 120; i++) {
            String name = String.format("a%03d.txt", i);
            String text;
            if (i % 7 == 6) {
                text = Files.readString(dir.resolve(previous), StandardCharsets.UTF_8);
                expectedWarnings.add("skipped " + dir.resolve(name) + ": same article as " + previous);
            } else {
                // Long enough that the cleaning takes a while, different lengths so threads finish out of order.
                text = "第" + i + "号新闻标题\n\n" + "记者报道，第" + i + "次会议在北京举行，各方代表出席了会议并发表讲话。\n\n"
                        .repeat(1 + (i * 37) % 40);
                expectedPaths.add(name);
                previous = name;
            }
            Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        }
        ArticleLoader.Loaded loaded = ArticleLoader.load(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]),
                dir);
        assertEquals(expectedPaths, loaded.articles().stream().map(Article::path).toList());
        assertEquals(expectedWarnings, loaded.warnings());
        for (int k = 0; k < 3; k++) {
            ArticleLoader.Loaded again = ArticleLoader.load(List.of(dir.toString()),
                    new ByteArrayInputStream(new byte[0]), dir);
            assertEquals(loaded.articles(), again.articles(), "the same articles every time");
            assertEquals(loaded.warnings(), again.warnings());
        }
    }
}
