package dev.briefing.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
