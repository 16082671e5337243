package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.ask.AskingModel;
import dev.briefing.llm.FakeServer;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.ModelServer;
import dev.briefing.llm.ScriptedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code briefing ask} in-process: stdout, stderr, exit codes, the index on disk. */
class AskCommandTest {
    /** The tests over the seeds share one data directory: the seeds are indexed once, then found up to date. */
    private static final Path data = dev.briefing.retrieve.SeedsIndexed.dataDir();
    @TempDir
    Path work;
    private AskingModel model = new AskingModel();

    private Map<String, String> env() {
        return Map.of(DataDir.ENV, data.toString(), EngineSettings.RETRY_BASE_ENV, "0");
    }

    private Backend.Factory backend(ModelServer server, LanguageModel m) {
        return (host, name, timeout) -> new Backend(server, m);
    }

    private Backend.Factory up() {
        return backend(FakeServer.with("qwen2.5:7b"), model);
    }

    private CliRun ask(String... args) {
        return CliRun.run(work, up(), env(), "", args);
    }

    @BeforeEach
    void copySeeds() throws IOException {
        Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, work.resolve("seeds").resolve(seed.getFileName()));
            }
        }
    }

    private String seedsText() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> seeds = Files.list(work.resolve("seeds"))) {
            for (Path p : seeds.sorted().toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    @Test
    void should_print_cited_sentences_then_the_sources_with_their_quotes() throws IOException {
        CliRun r = ask("ask", "特朗普为何对普京转向强硬？", "seeds/");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] parts = r.stdout().split("\n\nSources:\n");
        assertEquals(2, parts.length, r.stdout());
        List<String> sentences = parts[0].lines().toList();
        assertEquals(2, sentences.size(), r.stdout());
        assertTrue(sentences.get(0).matches("第1句：.+。 \\[1]"), sentences.get(0));
        assertTrue(sentences.get(1).matches("第2句：.+。 \\[2]"), sentences.get(1));
        List<String> sources = parts[1].lines().toList();
        assertEquals(2, sources.size(), parts[1]);
        assertTrue(sources.get(0).startsWith("[1] seeds/003_0abb118a677dbc7b.txt P"), sources.get(0));
        String quote = sources.get(0).substring(sources.get(0).indexOf('「') + 1, sources.get(0).lastIndexOf('」'));
        assertTrue(seedsText().contains(quote), quote);
        assertTrue(r.stderr().contains("index: 3 articles"), r.stderr());
        assertTrue(r.stderr().contains("answered in "), r.stderr());
        assertEquals(List.of(), model.requests("ask query rewrite"));
    }

    @Test
    void should_print_json_with_citations_passages_and_the_run() throws IOException {
        CliRun r = ask("ask", "--json", "-k", "4", "What did Putin tell Trump on the October 16 call?", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stdout().contains("\\u"), r.stdout());
        JsonNode a = new ObjectMapper().readTree(r.stdout());
        assertEquals(List.of("question", "answer", "answerable", "sentences", "citations", "passages", "run"),
                names(a));
        assertEquals("What did Putin tell Trump on the October 16 call?", a.get("question").asText());
        assertTrue(a.get("answerable").asBoolean());
        assertEquals(4, a.get("passages").size());
        JsonNode p = a.get("passages").get(0);
        assertEquals("3d489e304f9f", p.get("article").asText(), a.get("passages").toString());
        assertTrue(p.get("paragraph").asInt() >= 1);
        assertTrue(p.get("score").asDouble() > 0);
        assertEquals(2, a.get("citations").size());
        for (JsonNode c : a.get("citations")) {
            assertTrue(seedsText().contains(c.get("quote").asText()), c.toString());
            JsonNode shown = a.get("passages").get(c.get("passage").asInt() - 1);
            assertEquals(shown.get("article"), c.get("article"));
            assertEquals(shown.get("paragraph"), c.get("paragraph"));
        }
        JsonNode run = a.get("run");
        assertEquals(2, run.get("calls").asInt(), "one rewrite (English question) and one answer");
        assertEquals(600, run.get("promptTokens").asInt());
        assertEquals("ask query rewrite", run.get("modelCalls").get(0).get("purpose").asText());
        assertEquals(0, run.get("unsupportedSentences").asInt());
        assertTrue(run.get("queries").get(0).asText().startsWith("What did Putin"));
    }

    @Test
    void should_say_the_articles_do_not_answer_cite_nothing_and_exit_0() throws IOException {
        model.mode(AskingModel.Mode.NO_ANSWER);
        CliRun r = ask("ask", "特朗普的生日是哪一天？", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("所给文章没有回答这个问题。\n", r.stdout());
        CliRun en = ask("ask", "--json", "When was Trump born?", "seeds");
        JsonNode a = new ObjectMapper().readTree(en.stdout());
        assertFalse(a.get("answerable").asBoolean());
        assertEquals("The articles do not answer this question.", a.get("answer").asText());
        assertEquals(0, a.get("citations").size());
        assertEquals(0, a.get("sentences").size());
    }

    @Test
    void should_mark_unsupported_sentences_and_warn() {
        model.mode(AskingModel.Mode.BAD_CITATIONS);
        CliRun r = ask("ask", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(2, lines.size(), r.stdout());
        assertTrue(lines.stream().allMatch(l -> l.endsWith(" " + AnswerOutput.UNSUPPORTED)), r.stdout());
        assertFalse(r.stdout().contains("Sources:"));
        assertTrue(r.stderr().contains("warning: 2 sentence(s) marked [unsupported]"), r.stderr());
    }

    @Test
    void should_print_the_same_answer_streamed_on_a_terminal_as_at_once_elsewhere() {
        CliRun plain = ask("ask", "特朗普为何对普京转向强硬？", "seeds");
        CliRun streamed = CliRun.onTerminal(work, up(), env(), "", "ask", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        assertEquals(plain.stdout(), streamed.stdout());
    }

    /** stdout and stderr on one terminal: a status line while the answer is awaited, never inside its lines. */
    @Test
    void should_show_a_status_line_until_the_answer_and_never_inside_its_streamed_lines() {
        CliRun plain = ask("ask", "特朗普为何对普京转向强硬？", "seeds");
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both = new java.io.PrintStream(screen, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"ask", "特朗普为何对普京转向强硬？", "seeds"},
                new java.io.ByteArrayInputStream(new byte[0]), both, both, env(), up(), CliRun.CLOCK, work, true, true);
        String bytes = screen.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, bytes);
        assertTrue(bytes.contains("\rask: indexing "), bytes);
        assertTrue(bytes.contains("\rask: waiting for the model's answer · 0:"), "before the first token: " + bytes);
        List<String> shown = LiveStatusTest.Screen.of(bytes);
        List<String> answer = plain.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(answer, shown.stream().filter(answer::contains).toList(),
                "the answer's lines whole and in order:\n" + String.join("\n", shown));
        assertTrue(shown.stream().noneMatch(l -> l.startsWith("ask: ")), "the status is gone: " + shown);
    }

    @Test
    void should_start_the_answer_over_on_a_terminal_when_the_stream_fails_midway() {
        CliRun plain = ask("ask", "特朗普为何对普京转向强硬？", "seeds");
        model.failMidStream(1);
        CliRun streamed = CliRun.onTerminal(work, up(), env(), "", "ask", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(0, streamed.exitCode(), streamed.stderr());
        String firstSentence = plain.stdout().lines().findFirst().orElseThrow();
        assertEquals(firstSentence + "\n\n" + plain.stdout(), streamed.stdout());
        assertTrue(streamed.stderr().contains("warning: Ollama failed mid-reply: llama runner process has terminated; "
                + "retrying; the answer below replaces the lines above"), streamed.stderr());
    }

    @Test
    void should_answer_follow_ups_in_a_session_read_from_stdin() {
        model.rewrites("特朗普 普京 转向强硬 原因");
        CliRun r = CliRun.run(work, up(), env(), "特朗普为何对普京转向强硬？\n他之前怎么评价普京？\n\n这行不再读\n", "ask", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        List<ModelRequest> answers = model.requests("ask answer");
        assertEquals(2, answers.size());
        List<ModelRequest> rewrites = model.requests("ask query rewrite");
        assertEquals(1, rewrites.size(), "the first question is Chinese with no conversation: no rewrite");
        assertTrue(rewrites.get(0).messages().get(1).text().contains("Q: 特朗普为何对普京转向强硬？\nA: 第1句："),
                rewrites.get(0).messages().get(1).text());
        assertTrue(answers.get(1).messages().get(1).text().contains("Q: 特朗普为何对普京转向强硬？"));
        assertEquals(2, r.stdout().split("Sources:\n").length - 1, r.stdout());
        assertEquals(3, r.stderr().split("\\? ", -1).length - 1, "a prompt before each line read: " + r.stderr());
    }

    @Test
    void should_not_carry_unsupported_sentences_into_the_follow_up() {
        model.mode(AskingModel.Mode.BAD_CITATIONS).rewrites("特朗普 普京");
        CliRun r = CliRun.run(work, up(), env(), "特朗普为何对普京转向强硬？\n然后呢？\n", "ask", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        String rewriteUser = model.requests("ask query rewrite").get(0).messages().get(1).text();
        assertTrue(rewriteUser.contains("Q: 特朗普为何对普京转向强硬？\nA: (no sentence of the answer was supported by the "
                + "articles)"), rewriteUser);
        assertFalse(rewriteUser.contains("第1句"), rewriteUser);
    }

    @Test
    void should_print_one_json_line_per_answer_in_a_session() throws IOException {
        CliRun r = CliRun.run(work, up(), env(), "特朗普为何对普京转向强硬？\nWhy?\n", "ask", "--json", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(2, lines.size(), r.stdout());
        assertEquals("Why?", new ObjectMapper().readTree(lines.get(1)).get("question").asText());
    }

    @Test
    void should_keep_a_session_going_after_a_failed_answer_and_exit_1() {
        int[] answers = {0};
        ScriptedModel flaky = new ScriptedModel(req -> req.purpose().equals("ask answer") && answers[0]++ < 2
                ? "I cannot answer in JSON." : "{\"answerable\": false, \"sentences\": []}");
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b"), flaky), env(), "第一个问题是什么？\n第二个问题是什么？\n",
                "ask", "seeds");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("error: ask answer: no usable reply after one repair attempt"), r.stderr());
        assertTrue(r.stdout().contains("所给文章没有回答这个问题。"), r.stdout());
    }

    @Test
    void should_exit_1_with_one_line_when_the_answer_call_fails() {
        ScriptedModel garbage = new ScriptedModel(req -> "no JSON here");
        CliRun r = CliRun.run(work, backend(FakeServer.with("qwen2.5:7b"), garbage), env(), "", "ask", "特朗普为何对普京转向强硬？",
                "seeds");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("error: ask answer: no usable reply after one repair attempt"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void should_exit_3_fast_without_indexing_when_the_server_is_down() throws IOException {
        Path fresh = work.resolve("fresh-data");
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable(), model), Map.of(DataDir.ENV, fresh.toString()), "",
                "ask", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().startsWith("error: cannot reach Ollama at http://fake:11434 (connection refused)\n"),
                r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertFalse(Files.exists(fresh), "nothing indexed for a run that cannot answer");
    }

    @Test
    void should_exit_3_when_the_model_is_not_pulled() {
        CliRun r = CliRun.run(work, backend(FakeServer.with("llama3:8b"), model), env(), "", "ask", "-m", "qwen2.5:7b",
                "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(3, r.exitCode());
        assertTrue(r.stderr().contains("error: model 'qwen2.5:7b' is not pulled"), r.stderr());
    }

    @Test
    void should_exit_2_for_no_readable_article() throws IOException {
        Files.createDirectories(work.resolve("empty"));
        Files.write(work.resolve("empty/blank.txt"), new byte[0]);
        CliRun r = ask("ask", "特朗普为何对普京转向强硬？", "empty");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("error: no readable article in"), r.stderr());
    }

    @Test
    void should_exit_2_for_a_question_without_articles_or_nothing_at_all() {
        CliRun noPaths = ask("ask", "特朗普为何对普京转向强硬？");
        assertEquals(2, noPaths.exitCode());
        assertTrue(noPaths.stderr().startsWith("error: no articles to ask about"), noPaths.stderr());
        CliRun nothing = ask("ask");
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.stderr().startsWith("error: no articles: give a question"), nothing.stderr());
        CliRun blank = ask("ask", " ", "seeds");
        assertEquals(2, blank.exitCode());
        assertTrue(blank.stderr().startsWith("error: the question is empty"), blank.stderr());
    }

    @Test
    void should_exit_2_for_a_session_over_stdin_articles_and_a_bad_k() {
        CliRun stdin = ask("ask", "seeds", "-");
        assertEquals(2, stdin.exitCode());
        assertTrue(stdin.stderr().startsWith("error: a session reads its questions from stdin"), stdin.stderr());
        CliRun k = ask("ask", "-k", "0", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(2, k.exitCode());
        assertTrue(k.stderr().startsWith("error: --k must be between 1 and 50, got 0"), k.stderr());
    }

    @Test
    void should_exit_2_when_the_data_directory_cannot_be_written() throws IOException {
        Files.writeString(work.resolve("a-file"), "x");
        CliRun r = CliRun.run(work, up(), Map.of(), "", "ask", "--data-dir", "a-file", "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("error: cannot use the index directory"), r.stderr());
        assertTrue(r.stderr().contains("--data-dir or BRIEFING_DATA_DIR"), r.stderr());
    }

    @Test
    void should_keep_the_index_in_the_data_directory_and_follow_added_changed_and_deleted_articles()
            throws IOException {
        Path dir = work.resolve("news");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), "泽连斯基访问白宫\n乌克兰总统泽连斯基访问白宫，双方讨论了战斧导弹。\n");
        Files.writeString(dir.resolve("b.txt"), "吕特讲话\n北约秘书长吕特在布鲁塞尔讲话，呼吁增加国防开支。\n");
        List<String> index = new ArrayList<>();
        for (String step : List.of("first", "added", "changed", "deleted", "same")) {
            switch (step) {
                case "added" -> Files.writeString(dir.resolve("c.txt"), "马克龙表态\n法国总统马克龙说欧洲必须自己保卫自己。\n");
                case "changed" -> Files.writeString(dir.resolve("b.txt"), "吕特讲话\n北约秘书长吕特在海牙讲话，盟国同意提高国防开支。\n");
                case "deleted" -> Files.delete(dir.resolve("a.txt"));
                default -> { }
            }
            CliRun r = CliRun.run(work, up(), Map.of(), "", "ask", "谁在海牙讲话？", "news");
            assertEquals(0, r.exitCode(), r.stderr());
            index.add(r.stderr().lines().filter(l -> l.startsWith("index: ")).findFirst().orElseThrow()
                    .replaceAll(" in [0-9.]+s$", ""));
        }
        assertEquals(List.of(
                "index: 2 articles (2 added, 0 changed, 0 removed; 2 paragraphs indexed)",
                "index: 3 articles (1 added, 0 changed, 0 removed; 1 paragraphs indexed)",
                "index: 3 articles (0 added, 1 changed, 0 removed; 1 paragraphs indexed)",
                "index: 2 articles (0 added, 0 changed, 1 removed; 0 paragraphs indexed)",
                "index: 2 articles (up to date)"), index);
        assertTrue(Files.isRegularFile(work.resolve(".briefing/index/manifest.json")), "the default data dir");
    }

    @Test
    void should_show_the_passages_and_prompts_and_call_nothing_on_dry_run() {
        CliRun r = CliRun.run(work, backend(FakeServer.unreachable(), model), env(), "", "ask", "--dry-run", "-k", "3",
                "特朗普为何对普京转向强硬？", "seeds");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), model.requests());
        assertTrue(r.stdout().startsWith("# Dry run: nothing was sent\n"), r.stdout());
        assertFalse(r.stdout().contains("## ask query rewrite"), "a Chinese question is searched as asked");
        assertTrue(r.stdout().contains("## ask answer over 3 passages: ~"), r.stdout());
        assertEquals(3, AskingModel.passages(r.stdout()).size(), r.stdout());
        assertTrue(r.stdout().contains("[1] article 1446a1150ce9, paragraph "), r.stdout());
        assertFalse(r.stdout().contains("{{"), "every placeholder filled");

        CliRun en = CliRun.run(work, backend(FakeServer.unreachable(), model), env(), "", "ask", "--dry-run",
                "Why did Trump turn tough on Putin?", "seeds");
        assertEquals(0, en.exitCode(), en.stderr());
        assertTrue(en.stdout().contains("## ask query rewrite: ~"), en.stdout());
        assertTrue(en.stdout().contains("Searched with: Why did Trump turn tough on Putin? | 特朗普 川普"), en.stdout());
        assertEquals(List.of(), model.requests());

        CliRun session = ask("ask", "--dry-run", "seeds");
        assertEquals(2, session.exitCode());
        assertTrue(session.stderr().startsWith("error: --dry-run needs a question"), session.stderr());
    }

    @Test
    void should_list_the_ask_prompts_and_show_its_help() {
        CliRun prompts = ask("prompts", "list");
        assertTrue(prompts.stdout().contains("ask-query") && prompts.stdout().contains("ask-answer"), prompts.stdout());
        CliRun help = ask("help", "ask");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("--data-dir"), help.stdout());
        assertTrue(ask("--help").stdout().contains("briefing ask [options] QUESTION PATH..."));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
