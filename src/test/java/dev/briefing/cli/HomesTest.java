package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.briefing.daily.DailySeeds;
import dev.briefing.embedded.ModelFiles;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.ScriptedModel;
import dev.briefing.normalize.Article;
import dev.briefing.ollama.OllamaStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XDG homes and the config file, with the environment given to the CLI (never the real one). */
class HomesTest {
    @TempDir
    Path tmp;

    @Test
    void should_follow_the_xdg_variables_and_fall_back_to_home() {
        Path work = tmp.resolve("work");
        Homes xdg = Homes.of(Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/x/data", "XDG_CACHE_HOME", "/x/cache",
                "XDG_CONFIG_HOME", "/x/config"), work);
        assertEquals(Path.of("/x/data/briefing"), xdg.data());
        assertEquals(Path.of("/x/cache/briefing/calls.db"), xdg.callCache());
        assertEquals(Path.of("/x/config/briefing/config"), xdg.config());
        Homes home = Homes.of(Map.of("HOME", "/home/u", "XDG_DATA_HOME", "relative/is/ignored"), work);
        assertEquals(Path.of("/home/u/.local/share/briefing"), home.data());
        assertEquals(Path.of("/home/u/.cache/briefing"), home.cache());
        assertEquals(Path.of("/home/u/.config/briefing/config"), home.config());
        assertFalse(home.legacy());
        assertNull(home.legacyNote(work));
        assertFalse(Files.exists(work), "resolving a home creates nothing");
    }

    @Test
    void should_keep_the_embedded_models_in_the_same_cache_home_as_the_call_cache() {
        Map<String, String> xdg = Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/x/cache");
        assertEquals(Homes.of(xdg, tmp).cache().resolve("models"), ModelFiles.modelsDir(xdg));
        Map<String, String> home = Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "relative/is/ignored");
        assertEquals(Path.of("/home/u/.cache/briefing/models"), ModelFiles.modelsDir(home));
        assertEquals(Homes.of(home, tmp).cache().resolve("models"), ModelFiles.modelsDir(home));
        Map<String, String> moved = Map.of("HOME", "/home/u", "BRIEFING_MODELS_DIR", "/big/disk/models");
        assertEquals(Path.of("/big/disk/models"), ModelFiles.modelsDir(moved), "BRIEFING_MODELS_DIR wins");
    }

    @Test
    void should_use_an_existing_dot_briefing_with_one_line_saying_so() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work/.briefing")).getParent();
        Homes homes = Homes.of(Map.of("HOME", "/home/u"), work);
        assertEquals(work.resolve(".briefing"), homes.data());
        assertEquals(work.resolve(".briefing/briefing.db"), homes.callCache(), "the old single store");
        assertTrue(homes.legacy());
        assertTrue(homes.legacyNote(work).startsWith("note: using ./.briefing/"), homes.legacyNote(work));
        Homes noHome = Homes.of(Map.of(), tmp.resolve("elsewhere"));
        assertEquals(tmp.resolve("elsewhere/.briefing"), noHome.data(), "no home known: the working directory");
        assertNull(noHome.legacyNote(tmp), "nothing to say when there is no other place");
    }

    @Test
    void should_keep_briefs_call_cache_under_the_cache_home_and_create_nothing_when_ollama_is_down()
            throws IOException {
        List<Article> seeds = DailySeeds.articles();
        WireMockServer ollama = DailySeeds.ollama(seeds);
        try {
            Path work = Files.createDirectories(tmp.resolve("work"));
            DailySeeds.copy(work, "seeds", seeds.toArray(Article[]::new));
            Path home = tmp.resolve("home");
            Map<String, String> env = Map.of("HOME", home.toString(), "OLLAMA_HOST", OllamaStubs.baseUrl(ollama),
                    "BRIEFING_RETRY_BASE_MS", "1");
            CliRun run = CliRun.run(work, OllamaBackend::create, env, "", "brief", "-o", "out", "seeds");
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(Files.isRegularFile(home.resolve(".cache/briefing/calls.db")));
            assertFalse(Files.exists(work.resolve(".briefing")), "no store in the folder one stands in");
            assertFalse(Files.exists(home.resolve(".local/share/briefing")), "brief keeps no data, only a cache");
            assertFalse(run.stderr().contains("note: using"), run.stderr());
        } finally {
            ollama.stop();
        }

        Path home2 = tmp.resolve("home2");
        Backend.Factory down = (host, model, timeout) -> new Backend(FakeServer.unreachable(),
                ScriptedModel.replying());
        Path work2 = Files.createDirectories(tmp.resolve("work2"));
        Files.writeString(work2.resolve("a.txt"), "标题\n\n第一段文字。\n");
        for (String command : List.of("brief", "daily")) {
            CliRun failed = CliRun.run(work2, down, Map.of("HOME", home2.toString()), "",
                    command.equals("brief") ? new String[] {"brief", "a.txt"}
                            : new String[] {"daily", "--inbox", ".", "--date", "2026-11-23"});
            assertEquals(3, failed.exitCode(), failed.stderr());
        }
        assertFalse(Files.exists(home2), "a run that cannot reach Ollama creates no home: " + list(home2));
        assertFalse(Files.exists(work2.resolve(".briefing")));
    }

    @Test
    void should_read_the_config_file_below_flags_and_environment() throws IOException {
        Path config = Files.createDirectories(tmp.resolve("config/briefing")).resolve("config");
        Files.writeString(config, "# mine\nmodel = from-config:7b\nlang = en\n\nparallel=3\n");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("a.txt"), "标题\n\n第一段文字。\n");
        List<String> models = new java.util.ArrayList<>();
        Backend.Factory fake = (host, model, timeout) -> {
            models.add(model);
            return new Backend(FakeServer.with(model), ScriptedModel.replying());
        };
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        CliRun fromConfig = CliRun.run(work, fake, env, "", "brief", "--dry-run", "a.txt");
        assertEquals(0, fromConfig.exitCode(), fromConfig.stderr());
        assertEquals("from-config:7b", models.get(0));
        assertTrue(fromConfig.stdout().contains("English"), "lang = en reached the prompt");
        CliRun fromEnv = CliRun.run(work, fake, Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "BRIEFING_MODEL", "from-env"), "", "brief", "--dry-run", "a.txt");
        assertEquals(0, fromEnv.exitCode(), fromEnv.stderr());
        assertEquals("from-env", models.get(1));
        CliRun fromFlag = CliRun.run(work, fake, Map.of("XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "BRIEFING_MODEL", "from-env"), "", "brief", "--dry-run", "-m", "from-flag", "a.txt");
        assertEquals(0, fromFlag.exitCode(), fromFlag.stderr());
        assertEquals("from-flag", models.get(2));

        Files.writeString(config, "model = x\nmodle = y\n");
        CliRun bad = CliRun.run(work, fake, env, "", "brief", "--dry-run", "a.txt");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("config line 2: 'modle = y' is not a setting"), bad.stderr());
        assertTrue(bad.stderr().contains("key one of model, host"), bad.stderr());
    }

    private static List<Path> list(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.toList();
        } catch (IOException e) {
            return List.of(dir);
        }
    }
}
