package dev.briefing.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.normalize.Article;
import dev.briefing.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayInputsTest {
    private static List<Article> seeds;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @BeforeAll
    static void load() {
        seeds = DailySeeds.articles();
    }

    private static DayInputs base() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("numCtxRequested", 8192);
        settings.put("language", "auto");
        return new DayInputs("jar 100 200", DailyRun.Window.of(DAY, null), seeds, List.of(seeds.get(0).id()),
                List.of("skipped a.bin: binary"), settings, "qwen2.5:7b", "http://127.0.0.1:11434", 32768,
                Map.of("map-chunk.md", "aa", "synthesize.md", "bb"), List.of(new Store.DayVersion(DAY.minusDays(1), 1)));
    }

    private static DayInputs with(UnaryOperator<DayInputs> change) {
        return change.apply(base());
    }

    @Test
    void should_give_equal_inputs_one_digest_and_every_change_of_a_part_another() {
        assertEquals(base().digest(), base().digest());
        Article a = seeds.get(1);
        Article moved = new Article(a.id(), a.title(), a.source(), "elsewhere/" + a.path(), a.script(), a.paragraphs());
        List<Article> renamed = new ArrayList<>(seeds);
        renamed.set(1, moved);
        List<Article> reversed = new ArrayList<>(seeds);
        java.util.Collections.reverse(reversed);
        Map<String, Object> otherSettings = new LinkedHashMap<>(base().settings());
        otherSettings.put("numCtxRequested", 4096);
        Map<String, String> editedPrompt = new LinkedHashMap<>(base().promptHashes());
        editedPrompt.put("synthesize.md", "cc");
        List<DayInputs> changed = List.of(
                with(d -> new DayInputs("jar 100 201", d.window(), d.articles(), d.newIds(), d.inputWarnings(),
                        d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), DailyRun.Window.of(DAY, DAY.minusDays(7)), d.articles(), d.newIds(),
                        d.inputWarnings(), d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(),
                        d.earlier())),
                with(d -> new DayInputs(d.build(), DailyRun.Window.of(DAY.plusDays(1), DAY), d.articles(), d.newIds(),
                        d.inputWarnings(), d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(),
                        d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), seeds.subList(0, 2), d.newIds(), d.inputWarnings(),
                        d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), renamed, d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), reversed, d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), List.of(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), List.of(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), otherSettings,
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        "qwen2.5:14b", d.host(), d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), "http://gpu:11434", d.contextLength(), d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), 8192, d.promptHashes(), d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), editedPrompt, d.earlier())),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(),
                        List.of(new Store.DayVersion(DAY.minusDays(1), 2)))),
                with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), d.inputWarnings(), d.settings(),
                        d.model(), d.host(), d.contextLength(), d.promptHashes(), List.of())));
        Set<String> digests = new HashSet<>();
        digests.add(base().digest());
        for (DayInputs d : changed) {
            assertTrue(digests.add(d.digest()), "a change that left the digest as it was: " + d);
        }
    }

    @Test
    void should_not_run_two_parts_together() {
        DayInputs a = with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), List.of("ab", "c"),
                d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier()));
        DayInputs b = with(d -> new DayInputs(d.build(), d.window(), d.articles(), d.newIds(), List.of("a", "bc"),
                d.settings(), d.model(), d.host(), d.contextLength(), d.promptHashes(), d.earlier()));
        assertNotEquals(a.digest(), b.digest());
    }

    @Test
    void should_tell_a_new_jar_or_newly_compiled_classes_by_their_time(@TempDir Path dir) throws IOException {
        // These tests run from compiled classes: their folder and the newest class file's time.
        String build = DayInputs.currentBuild();
        assertTrue(build.startsWith("classes "), build);
        Path classes = Files.createDirectories(dir.resolve("classes/dev"));
        Path one = Files.writeString(classes.resolve("A.class"), "a");
        Files.setLastModifiedTime(one, FileTime.fromMillis(1_000_000));
        String before = DayInputs.buildOf(dir.resolve("classes"));
        Path two = Files.writeString(classes.resolve("B.class"), "b");
        Files.setLastModifiedTime(two, FileTime.fromMillis(2_000_000));
        assertNotEquals(before, DayInputs.buildOf(dir.resolve("classes")));
        assertTrue(DayInputs.buildOf(dir.resolve("classes")).endsWith(" 2000000"));

        Path jar = Files.writeString(dir.resolve("briefing.jar"), "jar bytes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000));
        assertEquals("jar 9 3000000", DayInputs.buildOf(jar));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_001));
        assertEquals("jar 9 3000001", DayInputs.buildOf(jar));
        // Nowhere to tell a build by: never the same twice, so no rerun is taken for unchanged.
        assertNotEquals(DayInputs.buildOf(dir.resolve("missing")), DayInputs.buildOf(dir.resolve("missing")));
    }

    @Test
    void should_digest_a_folders_files_in_order_and_tell_a_missing_one(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(dir.resolve("b.md"), "# b");
        String digest = DayOutput.filesDigest(dir, List.of("a.json", "b.md"));
        assertEquals(digest, DayOutput.filesDigest(dir, List.of("a.json", "b.md")));
        assertNotEquals(digest, DayOutput.filesDigest(dir, List.of("b.md", "a.json")));
        Files.writeString(dir.resolve("b.md"), "# B");
        assertNotEquals(digest, DayOutput.filesDigest(dir, List.of("a.json", "b.md")));
        assertNull(DayOutput.filesDigest(dir, List.of("a.json", "c.html")));
        // The same bytes split otherwise between two files are other files.
        Files.writeString(dir.resolve("x"), "ab");
        Files.writeString(dir.resolve("y"), "c");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("x"), "a");
        Files.writeString(other.resolve("y"), "bc");
        assertNotEquals(DayOutput.filesDigest(dir, List.of("x", "y")), DayOutput.filesDigest(other, List.of("x", "y")));
    }
}
