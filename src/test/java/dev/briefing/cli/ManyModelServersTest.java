package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.bench.StandInOllama;
import dev.briefing.bench.SyntheticCorpus;
import dev.briefing.bench.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day spread over several model servers, through the real CLI and real HTTP: an Ollama and an
 * OpenAI-compatible stand-in sharing one run, and one of them dying halfway.
 */
class ManyModelServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of(EngineSettings.RETRY_BASE_ENV, "1");
    /** About 40 ms a call: long enough that both hosts' slots are busy at once, short enough for the suite. */
    private static final Timing QUICK = new Timing(20, 0, 0.05, 1);
    private static final int ARTICLES = 16;

    @TempDir
    Path work;
    private Path day;

    @BeforeEach
    void writeDay() throws IOException {
        day = work.resolve("day");
        SyntheticCorpus.fromSeeds(Path.of("seeds").toAbsolutePath()).write(day, ARTICLES, 20261202L);
    }

    private CliRun brief(String out, String... hosts) {
        List<String> args = new java.util.ArrayList<>(List.of("brief", "--no-cache", "--format", "json", "-o",
                work.resolve(out).toString()));
        for (String h : hosts) {
            args.add("--host");
            args.add(h);
        }
        args.add(day.toString());
        return CliRun.run(work, Backends.FACTORY, ENV, "", args.toArray(String[]::new));
    }

    private JsonNode read(String out, String file) throws IOException {
        return JSON.readTree(Files.readString(work.resolve(out).resolve(file)));
    }

    /** The briefing without its run summary, which names the hosts and the times. */
    private JsonNode content(String out) throws IOException {
        ObjectNode briefing = (ObjectNode) read(out, "briefing.json");
        briefing.remove("run");
        return briefing;
    }

    @Test
    void should_spread_a_day_over_an_ollama_and_an_openai_compatible_host_and_brief_it_as_one_host_would()
            throws IOException {
        try (StandInOllama one = StandInOllama.start(2, QUICK);
                StandInOllama ollama = StandInOllama.start(2, QUICK);
                StandInOllama vllm = StandInOllama.start(3, QUICK)) {
            CliRun alone = brief("alone", one.baseUrl() + "#2");
            CliRun shared = brief("shared", ollama.baseUrl() + "#2", vllm.baseUrl() + "/v1#3");

            assertEquals(0, alone.exitCode(), alone.stderr());
            assertEquals(0, shared.exitCode(), shared.stderr());
            assertEquals(content("alone"), content("shared"), "whatever host served what, the briefing is the same");
            assertEquals(2, ollama.maxConcurrent(), "the Ollama host's 2 slots were kept busy");
            assertEquals(3, vllm.maxConcurrent(), "the OpenAI-compatible host's 3 slots were kept busy");
            assertFalse(shared.stderr().contains("left the pool"), shared.stderr());

            JsonNode run = read("shared", "run.json");
            assertEquals(ollama.baseUrl() + ", " + vllm.baseUrl() + "/v1", run.path("host").asText());
            assertEquals(5, run.path("settings").path("parallel").asInt());
            Map<String, Integer> byHost = new HashMap<>();
            for (JsonNode call : run.path("calls")) {
                byHost.merge(call.path("host").asText("none"), 1, Integer::sum);
                assertEquals("ok", call.path("outcome").asText(), call.toString());
            }
            assertEquals(Set.of(ollama.baseUrl(), vllm.baseUrl() + "/v1"), byHost.keySet(), "every call names its host");
            assertEquals(ollama.calls().size(), byHost.get(ollama.baseUrl()));
            assertEquals(vllm.calls().size(), byHost.get(vllm.baseUrl() + "/v1"));
        }
    }

    @Test
    void should_finish_the_day_on_the_other_host_when_one_dies_halfway() throws Exception {
        try (StandInOllama one = StandInOllama.start(2, QUICK);
                StandInOllama survivor = StandInOllama.start(2, QUICK);
                StandInOllama dying = StandInOllama.start(2, QUICK)) {
            CliRun alone = brief("alone", one.baseUrl());
            int total = one.calls().size();
            AtomicBoolean killed = new AtomicBoolean();
            Thread killer = new Thread(() -> {
                // Halfway through the map: the dying host has served a few calls and holds others.
                while (dying.calls().size() < total / 4) {
                    Thread.onSpinWait();
                }
                dying.close();
                killed.set(true);
            });
            killer.setDaemon(true);
            killer.start();

            CliRun run = brief("shared", survivor.baseUrl() + "#2", dying.baseUrl() + "/v1#2");
            killer.join(5_000);

            assertTrue(killed.get(), "the host was killed during the run");
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(content("alone"), content("shared"), "a host dying costs time, not content");
            List<String> warnings = run.stderr().lines().filter(l -> l.contains("left the pool")).toList();
            assertEquals(1, warnings.size(), run.stderr());
            assertTrue(warnings.get(0).startsWith("warning: " + dying.baseUrl() + "/v1 left the pool: "), warnings.get(0));
            Set<String> outcomes = new TreeSet<>();
            for (JsonNode call : read("shared", "run.json").path("calls")) {
                outcomes.add(call.path("outcome").asText());
            }
            assertEquals(Set.of("ok"), outcomes);
            assertTrue(survivor.calls().size() > total / 2, "the survivor took over: " + survivor.calls().size());
        }
    }

    @Test
    void should_end_as_with_one_host_when_every_host_is_gone() {
        String a = "http://127.0.0.1:" + dev.briefing.ollama.OllamaStubs.freePort();
        String b = "http://127.0.0.1:" + dev.briefing.ollama.OllamaStubs.freePort() + "/v1";

        CliRun run = brief("none", a, b);

        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("warning: " + a + " left the pool: cannot reach Ollama at " + a), run.stderr());
        assertTrue(run.stderr().contains("error: cannot reach the OpenAI-compatible server at " + b
                + " (connection refused)"), run.stderr());
        assertFalse(Files.exists(work.resolve("none/briefing.json")));
    }

    @Test
    void should_take_the_hosts_from_briefing_hosts_and_reject_a_bad_slot_count() {
        try (StandInOllama a = StandInOllama.start(1, Timing.instant());
                StandInOllama b = StandInOllama.start(1, Timing.instant())) {
            Map<String, String> env = new HashMap<>(ENV);
            env.put(Hosts.HOSTS_ENV, a.baseUrl() + "#1, " + b.baseUrl() + "/v1#1");
            CliRun run = CliRun.run(work, Backends.FACTORY, env, "", "brief", "--no-cache", "-q", "-o",
                    work.resolve("env").toString(), day.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertFalse(a.calls().isEmpty());
            assertFalse(b.calls().isEmpty());

            CliRun bad = brief("bad", a.baseUrl() + "#lots");
            assertEquals(2, bad.exitCode(), bad.stderr());
            assertTrue(bad.stderr().contains("the part after # is the host's slot count"), bad.stderr());
        }
    }

    @Test
    void should_never_echo_a_hosts_password_in_a_usage_error() {
        String secret = "s3cret-pw";
        String withCredentials = "http://analyst:" + secret + "@gpu1:8000/v1";
        for (String[] hosts : List.of(new String[] {withCredentials + "#lots"}, new String[] {withCredentials + "#0"},
                new String[] {withCredentials, withCredentials})) {
            CliRun bad = brief("bad", hosts);
            assertEquals(2, bad.exitCode(), bad.stderr());
            assertTrue(bad.stderr().contains("http://***@gpu1:8000/v1"), bad.stderr());
            assertFalse(bad.stderr().contains(secret), bad.stderr());
            assertFalse(bad.stdout().contains(secret), bad.stdout());
        }
    }

    @Test
    void should_list_the_models_an_openai_compatible_server_serves() {
        try (StandInOllama vllm = StandInOllama.start(1, Timing.instant())) {
            CliRun run = CliRun.run(work, Backends.FACTORY, Map.of(), "", "models", "--host", vllm.baseUrl() + "/v1",
                    "-m", "Qwen/Qwen2.5-7B-Instruct");

            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals("  " + StandInOllama.MODEL + "\n", run.stdout());
            assertEquals("the configured model Qwen/Qwen2.5-7B-Instruct is not served there; pass one of these with -m\n",
                    run.stderr());
        }
    }

    @Test
    void should_answer_a_question_from_an_openai_compatible_server() throws IOException {
        try (StandInOllama vllm = StandInOllama.start(1, Timing.instant())) {
            CliRun run = CliRun.run(Path.of("").toAbsolutePath(), Backends.FACTORY, Map.of(), "", "ask", "--host",
                    vllm.baseUrl() + "/v1", "--json", "--data-dir", dev.briefing.retrieve.SeedsIndexed.dataDir().toString(),
                    "What did Putin tell Trump on the October 16 call?", "seeds");

            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(List.of("ask-query", "ask-answer"), vllm.calls().stream().map(StandInOllama.CallLog::kind).toList());
            assertTrue(JSON.readTree(run.stdout()).toString().contains("\"answerable\":true"), run.stdout());
        }
    }
}
