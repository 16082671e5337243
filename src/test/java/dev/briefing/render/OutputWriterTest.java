package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    @TempDir
    Path tmp;

    private final Briefing briefing = SampleBriefing.briefing();
    private final RunRecord run = SampleBriefing.runRecord();

    @Test
    void should_write_four_files_into_a_new_folder_and_leave_no_temp_files() throws Exception {
        Path dir = tmp.resolve("briefings").resolve("2026-11-23T0900");

        assertEquals(dir, OutputWriter.writeAll(dir, briefing, run, SampleBriefing.sourceArticles()));

        assertEquals(List.of("briefing.html", "briefing.json", "briefing.md", "run.json"), names(dir));
        assertEquals(HtmlRenderer.page(briefing, SampleBriefing.sourceArticles()),
                Files.readString(dir.resolve("briefing.html"), StandardCharsets.UTF_8));
        String json = Files.readString(dir.resolve("briefing.json"), StandardCharsets.UTF_8);
        assertEquals(BriefingJson.write(briefing) + "\n", json);
        BriefingSchema.assertValid(json);
        assertEquals(MarkdownRenderer.render(briefing), Files.readString(dir.resolve("briefing.md"), StandardCharsets.UTF_8));
        assertEquals(BriefingJson.write(run) + "\n", Files.readString(dir.resolve("run.json"), StandardCharsets.UTF_8));
        assertTrue(new String(Files.readAllBytes(dir.resolve("briefing.md")), StandardCharsets.UTF_8).contains("立法會"));
    }

    @Test
    void should_write_no_page_without_the_articles() throws Exception {
        OutputWriter.writeAll(tmp, briefing, run);

        assertEquals(List.of("briefing.json", "briefing.md", "run.json"), names(tmp));
    }

    @Test
    void should_replace_the_files_of_an_earlier_write() throws Exception {
        Files.writeString(tmp.resolve("briefing.json"), "old");
        OutputWriter.writeAll(tmp, briefing, run);
        OutputWriter.writeAll(tmp, briefing, run);

        assertEquals(List.of("briefing.json", "briefing.md", "run.json"), names(tmp));
        assertEquals(briefing, BriefingJson.readBriefing(Files.readString(tmp.resolve("briefing.json"))));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
