package dev.briefing.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.briefing.error.BriefingException;
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

    private static Map<String, String> files(String version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("briefing.json", "{\"v\":\"" + version + "\"}\n");
        files.put("briefing.md", "# " + version + "\n");
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
        Map<String, String> first = files("1");
        first.put("briefing.json", "{\"events\":[1],\"run\":{\"calls\":4,\"durationMs\":900}}\n");
        Map<String, String> rerun = files("1");
        rerun.put("briefing.json", "{\"events\":[1],\"run\":{\"calls\":0,\"durationMs\":12}}\n");
        DayOutput.write(root, DAY, first);
        assertNull(DayOutput.write(root, DAY, rerun).previous());
        assertEquals(List.of("2026-11-23/briefing.json", "2026-11-23/briefing.md"), tree());
        assertTrue(Files.readString(root.resolve("2026-11-23/briefing.json")).contains("\"calls\":0"));
        Map<String, String> changed = files("1");
        changed.put("briefing.json", "{\"events\":[1,2],\"run\":{\"calls\":1}}\n");
        assertEquals(root.resolve("2026-11-23/previous/1"), DayOutput.write(root, DAY, changed).previous());
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
        Map<String, String> withHtml = files("1");
        withHtml.put("briefing.html", "<p>1</p>\n");
        DayOutput.write(root, DAY, withHtml);
        DayOutput.write(root, DAY, files("2"));
        assertFalse(Files.exists(root.resolve("2026-11-23/briefing.html")), "no stale page beside the new version");
        assertEquals("<p>1</p>\n", Files.readString(root.resolve("2026-11-23/previous/1/briefing.html")));
    }

    @Test
    void should_refuse_file_names_that_are_not_plain_names() {
        for (String bad : List.of("../x.json", "a/b.md", "..", ".hidden", "previous", "", "a\\b", "x\u0000y")) {
            Map<String, String> files = Map.of(bad, "x");
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
}
