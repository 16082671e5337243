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
    void should_rehearse_every_file_into_nothing_and_write_no_file() throws Exception {
        Path workDir = Path.of("").toAbsolutePath();
        List<String> before = names(workDir);
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            OutputWriter.rehearse(briefing, run, SampleBriefing.sourceArticles());
        } finally {
            System.setOut(out);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertEquals(before, names(workDir), "no file, no folder");
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

    @Test
    void should_write_the_index_of_days() throws Exception {
        Path dir = tmp.resolve("briefings");
        HtmlIndex.Day day = HtmlIndex.Day.of(java.time.LocalDate.of(2026, 11, 23), "2026-11-23/briefing.html",
                SampleBriefing.dailyBriefing());

        assertEquals(dir.resolve("index.html"), OutputWriter.writeIndex(dir, List.of(day)));

        assertEquals(List.of("index.html"), names(dir));
        assertEquals(HtmlIndex.page(List.of(day)), Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8));
        assertEquals(new HtmlIndex.Day(java.time.LocalDate.of(2026, 11, 23), "2026-11-23/briefing.html", 2, 1, 3, true,
                "zh-Hans", HtmlIndex.headline(SampleBriefing.dailyBriefing())), day);
        assertEquals(0, HtmlIndex.Day.of(java.time.LocalDate.of(2026, 11, 23), "x.html", briefing).newArticles());
    }

    @Test
    void should_say_what_to_do_when_the_index_cannot_be_written() throws Exception {
        Path file = tmp.resolve("not-a-folder");
        Files.writeString(file, "x");

        dev.briefing.error.BriefingException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.briefing.error.BriefingException.class, () -> OutputWriter.writeIndex(file, List.of()));
        assertEquals(dev.briefing.error.ExitCode.INCOMPLETE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("index.html")), e.getMessage());
    }

    @Test
    void should_write_every_file_whole_when_several_render_at_once_and_throw_the_one_that_failed() throws Exception {
        java.util.Map<Path, OutputWriter.Content> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String line = "文件" + i + "\n";
            files.put(tmp.resolve("f" + i + ".txt"), out -> {
                for (int k = 0; k < 20_000; k++) {
                    out.write(line);
                }
            });
        }
        OutputWriter.writeEach(files);
        for (int i = 0; i < 6; i++) {
            assertEquals(("文件" + i + "\n").repeat(20_000), Files.readString(tmp.resolve("f" + i + ".txt")));
        }

        files.put(tmp.resolve("bad.txt"), out -> {
            throw new java.io.IOException("disk full");
        });
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> OutputWriter.writeEach(files));
        assertEquals("disk full", e.getMessage());
        for (int i = 0; i < 6; i++) {
            assertEquals(("文件" + i + "\n").repeat(20_000), Files.readString(tmp.resolve("f" + i + ".txt")),
                    "the others are finished whatever failed");
        }
    }

    @Test
    void should_copy_a_written_file_for_stdout_or_render_it_when_the_file_is_gone() throws Exception {
        Path written = tmp.resolve("day.md");
        Files.writeString(written, "# 简报\n\n- 一件事\n");
        java.io.StringWriter copied = new java.io.StringWriter();
        OutputWriter.Content.copyOf(written, OutputWriter.Content.text("rendered")).writeTo(copied);
        assertEquals("# 简报\n\n- 一件事\n", copied.toString());
        java.io.StringWriter rendered = new java.io.StringWriter();
        OutputWriter.Content.copyOf(tmp.resolve("gone.md"), OutputWriter.Content.text("rendered")).writeTo(rendered);
        assertEquals("rendered", rendered.toString());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
