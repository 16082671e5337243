package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.ModelCallException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import dev.briefing.pipeline.Progress;
import dev.briefing.pipeline.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the status line of summarize and ask says as their calls go. */
class CallStatusTest {
    private static final long S = 1_000_000_000L;
    private final List<RunStatus> shown = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final Progress progress = new Progress() {
        @Override
        public void line(String text) {
            logged.add(text);
        }

        @Override
        public void step(RunStatus status, String logLine) {
            if (status != null) {
                shown.add(status);
            }
        }
    };

    /** Each call takes 3 s of the fake clock and 100 + 20 tokens; "fail" in the purpose fails it. */
    private final LanguageModel model = new LanguageModel() {
        @Override
        public ModelReply chat(ModelRequest request) {
            now.addAndGet(3 * S);
            if (request.purpose().contains("fail")) {
                throw new ModelCallException("timed out", true, null);
            }
            return new ModelReply("{}", 100, 20, FinishReason.STOP, 3000, "h");
        }

        @Override
        public String modelName() {
            return "m";
        }
    };

    private static ModelRequest request(String purpose) {
        return new ModelRequest(purpose, List.of(ChatTurn.user("u")), null, 1024, 256, 0.0, null, 1);
    }

    private static Article article(String id, String path) {
        return new Article(id, "t", null, path, Script.SIMPLIFIED, List.of(new Paragraph(1, "p", "p")));
    }

    private String last() {
        return shown.get(shown.size() - 1).line(now.get(), 200);
    }

    @Test
    void should_count_the_chunks_of_every_article_by_file_name_and_estimate_from_the_calls_answered() {
        CallStatus status = CallStatus.summarize(3, List.of(article("3d489e304f9f", "/in/000_trump.txt"),
                article("0abb118a677d", "/in/003_putin.txt")), progress, now::get);
        LanguageModel watched = status.watch(model);
        watched.chat(request("summarize 3d489e304f9f chunk 1/1"));
        assertEquals("summarize 0/3 chunks · 0:00 elapsed · 0 tokens · 000_trump.txt",
                shown.get(0).line(0, 200), "the file while its call is in flight, named as given, not by hash");
        assertEquals("summarize 1/3 chunks · 0:03 elapsed, about 0:06 left · 120 tokens", last());
        watched.chat(request("summarize 0abb118a677d chunk 2/2"));
        assertTrue(shown.get(shown.size() - 2).line(0, 200).endsWith("· 003_putin.txt (2/2)"),
                shown.get(shown.size() - 2).line(0, 200));
        watched.chat(request("summarize 0abb118a677d chunk 2/2"));
        assertEquals(2, status.status().done(), "a repaired chunk's second call is not another chunk");
        watched.chat(request("merge 0abb118a677d"));
        assertEquals("merging the parts of 003_putin.txt · 2/3 chunks · 0:12 elapsed · 360 tokens",
                shown.get(shown.size() - 2).line(now.get(), 200));
        assertEquals(RunStatus.SUMMARIZE, status.status().stage(), "back to the chunks once the merge is answered");
        assertTrue(logged.isEmpty(), "the status never prints a line: " + logged);
    }

    @Test
    void should_say_what_ask_does_before_the_first_token_while_it_streams_and_after() {
        CallStatus status = CallStatus.ask(progress, now::get);
        status.stage("ask: indexing 3 articles");
        now.set(50 * S);
        status.begin("ask: searching the passages");
        LanguageModel watched = status.watch(model);
        watched.chat(request("ask query rewrite"));
        List<String> stages = new ArrayList<>();
        watched.chat(request("ask answer"), piece -> stages.add(status.status().stage()));
        List<String> all = shown.stream().map(RunStatus::stage).distinct().toList();
        assertEquals(List.of("ask: indexing 3 articles", "ask: searching the passages",
                "ask: rewriting the question as Chinese search queries", "ask: waiting for the model's answer",
                "ask: writing the answer", "ask: checking the answer's quotes"), all);
        assertEquals(List.of("ask: writing the answer"), stages, "once the first token is in");
        assertEquals("ask: checking the answer's quotes · 0:06 elapsed · 240 tokens", last(),
                "the clock and tokens start with the question, not the indexing");
    }

    @Test
    void should_leave_no_call_in_flight_when_one_fails() {
        CallStatus status = CallStatus.summarize(1, List.of(article("3d489e304f9f", "a.txt")), progress, now::get);
        assertThrows(ModelCallException.class, () -> status.watch(model).chat(request("summarize fail chunk 1/1")));
        assertEquals(null, status.status().file());
        assertEquals(0, status.status().done());
    }
}
