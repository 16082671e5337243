package dev.briefing.daily;

import static dev.briefing.render.OutputWriter.Content.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.briefing.error.BriefingException;
import dev.briefing.render.OutputWriter.Content;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayOutputTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    @TempDir
    Path root;

    private static Map<String, Content> files(String version) {
        Map<String, Content> files = new LinkedHashMap<>();
        files.put("briefing.json", text("{\"v\":\"" + version + "\"}\n"));
        files.put("briefing.md", text("# " + version + "\n"));
        return files;
    }

    private List<String> tree() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void should_keep_each_earlier_version_under_previous_oldest_first() throws IOException {
        DayOutput.Written first = DayOutput.write(root, DAY, files("1"));
        assertNull(first.previous());
        assertEquals(root.resolve("2026-11-23"), first.dir());
        DayOutput.write(root, DAY, files("2"));
        DayOutput.Written third = DayOutput.write(root, DAY, files("3"));
        assertEquals(root.resolve("2026-11-23/previous/2"), third.previous());
        assertEquals(List.of("2026-11-23/briefing.json", "2026-11-23/briefing.md",
                "2026-11-23/previous/1/briefing.json", "2026-11-23/previous/1/briefing.md",
                "2026-11-23/previous/2/briefing.json", "2026-11-23/previous/2/briefing.md"), tree());
        assertEquals("# 3\n", Files.readString(root.resolve("2026-11-23/briefing.md")));
        assertEquals("# 1\n", Files.readString(root.resolve("2026-11-23/previous/1/briefing.md")));
        assertEquals("{\"v\":\"2\"}\n", Files.readString(root.resolve("2026-11-23/previous/2/briefing.json")));
    }

    @Test
    void should_replace_a_version_that_says_the_same_instead_of_keeping_a_copy() throws IOException {
        Map<String, Content> first = files("1");
        first.put("briefing.json", text("{\"events\":[1],\"run\":{\"calls\":4,\"durationMs\":900}}\n"));
        Map<String, Content> rerun = files("1");
        rerun.put("briefing.json", text("{\"events\":[1],\"run\":{\"calls\":0,\"durationMs\":12}}\n"));
        DayOutput.write(root, DAY, first);
        assertNull(DayOutput.write(root, DAY, rerun).previous());
        assertEquals(List.of("2026-11-23/briefing.json", "2026-11-23/briefing.md"), tree());
        assertTrue(Files.readString(root.resolve("2026-11-23/briefing.json")).contains("\"calls\":0"));
        Map<String, Content> changed = files("1");
        changed.put("briefing.json", text("{\"events\":[1,2],\"run\":{\"calls\":1}}\n"));
        assertEquals(root.resolve("2026-11-23/previous/1"), DayOutput.write(root, DAY, changed).previous());
    }

    @Test
    void should_leave_out_only_the_top_level_run_when_comparing_versions() throws IOException {
        Path dir = Files.createDirectories(root.resolve("cmp"));
        Path next = dir.resolve("next.json");
        String[][] cases = {
            // current, next, same?
            {"{\"run\":{\"calls\":4},\"events\":[{\"t\":\"甲\"}]}", "{\"run\":{\"calls\":0},\"events\":[{\"t\":\"甲\"}]}", "true"},
            {"{\"events\":[{\"run\":1}]}", "{\"events\":[{\"run\":2}]}", "false"},
            {"{\"events\":[1],\"n\":1.5}", "{\"events\":[1],\"n\":1.50}", "false"},
            {"{\"events\":[1]}", "{\"events\":[1]", "false"},
            {"{\"events\":[1]}", "{\"events\":[1],\"extra\":null}", "false"},
            {"[1]", "[1]", "false"},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("briefing.json"), c[0]);
            Files.writeString(next, c[1]);
            assertEquals(Boolean.parseBoolean(c[2]), DayOutput.saysTheSame(dir, next), c[0] + " / " + c[1]);
        }
    }

    @Test
    void should_create_the_files_as_the_umask_says_not_owner_only() throws IOException {
        assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(root.resolve("probe")); // mode 0666 less this process's umask
        var expected = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        DayOutput.write(root, DAY, files("1"));
        DayOutput.write(root, DAY, files("2"));
        assertEquals(expected, Files.getPosixFilePermissions(root.resolve("2026-11-23/briefing.md")));
        assertEquals(expected, Files.getPosixFilePermissions(root.resolve("2026-11-23/previous/1/briefing.md")));
        dev.briefing.render.OutputWriter.writeIndex(root, List.of());
        assertEquals(expected, Files.getPosixFilePermissions(root.resolve("index.html")));
    }

    @Test
    void should_move_a_file_the_new_version_lacks_with_the_rest_of_the_old_one() throws IOException {
        Map<String, Content> withHtml = files("1");
        withHtml.put("briefing.html", text("<p>1</p>\n"));
        DayOutput.write(root, DAY, withHtml);
        DayOutput.write(root, DAY, files("2"));
        assertFalse(Files.exists(root.resolve("2026-11-23/briefing.html")), "no stale page beside the new version");
        assertEquals("<p>1</p>\n", Files.readString(root.resolve("2026-11-23/previous/1/briefing.html")));
    }

    @Test
    void should_refuse_file_names_that_are_not_plain_names() {
        for (String bad : List.of("../x.json", "a/b.md", "..", ".hidden", "previous", "", "a\\b", "x\u0000y")) {
            Map<String, Content> files = Map.of(bad, text("x"));
            assertThrows(IllegalArgumentException.class, () -> DayOutput.write(root, DAY, files), bad);
        }
        assertFalse(Files.exists(root.resolve("2026-11-23")));
    }

    @Test
    void should_refuse_a_day_folder_that_is_a_link_out_of_the_root() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.createDirectories(root);
            Files.createSymbolicLink(root.resolve("2026-11-23"), outside);
            BriefingException e = assertThrows(BriefingException.class, () -> DayOutput.write(root, DAY, files("1")));
            assertTrue(e.getMessage().contains("leads outside"), e.getMessage());
            try (Stream<Path> left = Files.list(outside)) {
                assertEquals(0, left.count());
            }
        } finally {
            Files.deleteIfExists(root.resolve("2026-11-23"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void should_leave_no_temporary_file_behind() throws IOException {
        DayOutput.write(root, DAY, files("1"));
        DayOutput.write(root, DAY, files("2"));
        try (Stream<Path> all = Files.walk(root)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    /** A file's content that may be rendered only once, as the page of a large day is. */
    private static final class Once implements Content {
        private final String text;
        private int written;

        Once(String text) {
            this.text = text;
        }

        @Override
        public void writeTo(java.io.Writer out) throws IOException {
            if (++written > 1) {
                throw new AssertionError("rendered twice");
            }
            out.write(text);
        }
    }

    @Test
    void should_render_each_file_once_and_compare_an_unchanged_rerun_from_the_written_files() throws IOException {
        Map<String, Content> first = new LinkedHashMap<>();
        first.put("briefing.json", new Once("{\"events\":[1],\"run\":{\"calls\":4}}\n"));
        first.put("briefing.html", new Once("<p>1</p>\n"));
        DayOutput.write(root, DAY, first);
        Map<String, Content> rerun = new LinkedHashMap<>();
        rerun.put("briefing.json", new Once("{\"events\":[1],\"run\":{\"calls\":0}}\n"));
        rerun.put("briefing.html", new Once("<p>1</p>\n"));
        assertNull(DayOutput.write(root, DAY, rerun).previous(), "the same briefing, read back from its file");
        assertEquals(List.of("2026-11-23/briefing.html", "2026-11-23/briefing.json"), tree());
        assertTrue(Files.readString(root.resolve("2026-11-23/briefing.json")).contains("\"calls\":0"));
    }

    @Test
    void should_send_a_file_to_its_temporary_file_as_it_is_rendered_not_once_it_is_whole() throws IOException {
        String piece = "双方同意保持沟通，但未公布下一轮会谈的时间。".repeat(1_000) + "\n"; // 23,001 characters
        long[] onDiskHalfway = {-1};
        Content page = out -> {
            for (int i = 0; i < 200; i++) {
                out.write(piece);
                if (i == 100) {
                    try (Stream<Path> temps = Files.list(root.resolve("2026-11-23"))) {
                        onDiskHalfway[0] = temps.filter(p -> p.getFileName().toString().startsWith(".briefing.html."))
                                .mapToLong(p -> p.toFile().length()).sum();
                    }
                }
            }
        };
        DayOutput.write(root, DAY, Map.of("briefing.html", page));
        long whole = Files.size(root.resolve("2026-11-23/briefing.html"));
        assertEquals(200L * piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, whole);
        // Halfway through the rendering, all but the writer's small buffer is already in the file.
        long renderedHalfway = 101L * piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(onDiskHalfway[0] > renderedHalfway - 65_536, onDiskHalfway[0] + " of " + renderedHalfway);
    }

    @Test
    void should_keep_the_version_on_disk_and_leave_no_temporary_file_when_the_disk_fills_mid_file()
            throws IOException {
        DayOutput.write(root, DAY, files("1"));
        Map<String, Content> next = files("2");
        next.put("briefing.html", out -> {
            out.write("<p>".repeat(10_000));
            throw new IOException("No space left on device");
        });
        next.put("run.json", text("{}\n"));
        BriefingException e = assertThrows(BriefingException.class, () -> DayOutput.write(root, DAY, next));
        assertEquals(dev.briefing.error.ExitCode.INCOMPLETE, e.exitCode());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of("2026-11-23/briefing.json", "2026-11-23/briefing.md"), tree(), "no previous/, no temp");
        assertEquals("# 1\n", Files.readString(root.resolve("2026-11-23/briefing.md")));
        try (Stream<Path> all = Files.walk(root)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void should_move_nothing_into_the_day_folder_when_what_must_come_first_fails() throws IOException {
        // The daily run stores the version while the files render; a store that fails must leave
        // the folder as it was, with its own failure.
        DayOutput.write(root, DAY, files("1"));
        boolean[] rendered = new boolean[1];
        Map<String, Content> next = files("2");
        next.put("run.json", out -> {
            rendered[0] = true;
            out.write("{}\n");
        });
        BriefingException storeFailed = new BriefingException(dev.briefing.error.ExitCode.INCOMPLETE,
                "cannot write the store: disk I/O error", null, null);
        BriefingException e = assertThrows(BriefingException.class, () -> DayOutput.write(root, DAY, next, () -> {
            throw storeFailed;
        }));
        assertSame(storeFailed, e);
        assertTrue(rendered[0], "the files were rendered first");
        assertEquals(List.of("2026-11-23/briefing.json", "2026-11-23/briefing.md"), tree(), "no previous/, no temp");
        assertEquals("# 1\n", Files.readString(root.resolve("2026-11-23/briefing.md")));
        int[] ran = new int[1];
        DayOutput.write(root, DAY, files("3"), () -> ran[0]++);
        assertEquals(1, ran[0]);
        assertEquals("# 3\n", Files.readString(root.resolve("2026-11-23/briefing.md")));
    }

    @Test
    void should_write_every_file_whole_when_the_thread_is_interrupted() throws IOException {
        DayOutput.write(root, DAY, files("1"));
        String page = "<p>两国代表团举行为期两天的会谈。</p>\n".repeat(20_000);
        Map<String, Content> next = files("2");
        next.put("briefing.html", text(page));
        Thread.currentThread().interrupt();
        try {
            DayOutput.write(root, DAY, next);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the command to see");
        } finally {
            Thread.interrupted();
        }
        assertEquals(page, Files.readString(root.resolve("2026-11-23/briefing.html")));
        assertEquals("# 2\n", Files.readString(root.resolve("2026-11-23/briefing.md")));
        assertEquals("# 1\n", Files.readString(root.resolve("2026-11-23/previous/1/briefing.md")));
    }

    /**
     * Bounded memory, proved the honest way: a day whose page is 36 MB (12 million characters, 1,000
     * cited paragraphs in the sources appendix) written twice as {@code daily} writes it, in a JVM
     * with a 48 MB heap. Holding the page as one string (24 MB, more while a StringWriter grows,
     * and again as UTF-8 bytes) runs out of memory even at 96 MB.
     */
    @Test
    void should_write_a_day_whose_page_is_larger_than_the_heap_in_48_mb() throws Exception {
        Path out = root.resolve("out");
        Path stdout = root.resolve("stdout.txt");
        Path stderr = root.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), LargeDay.class.getName(), out.toString(),
                "1000", "12000", "2")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        boolean ended = process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertTrue(ended, "still running after 3 minutes\n" + err);
        assertEquals(0, process.exitValue(), err);
        Path page = out.resolve("2026-11-23/briefing.html");
        assertTrue(Files.size(page) > 36_000_000L, "page of " + Files.size(page) + " bytes");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(page.toFile(), "r")) {
            byte[] end = new byte[8];
            file.seek(file.length() - end.length);
            file.readFully(end);
            assertEquals("</html>\n", new String(end, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(List.of(out.resolve("2026-11-23") + " previous=null", out.resolve("2026-11-23") + " previous=null"),
                Files.readAllLines(stdout), "the unchanged second run replaced the first");
        try (Stream<Path> all = Files.walk(out)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }
}
