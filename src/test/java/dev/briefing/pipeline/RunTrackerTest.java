package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunTrackerTest {
    private final List<RunStatus> statuses = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void line(String text) {
            lines.add(text);
        }

        @Override
        public void step(RunStatus status, String logLine) {
            statuses.add(status);
            if (logLine != null) {
                lines.add(logLine);
            }
        }
    };
    private final AtomicLong now = new AtomicLong();

    /** Answers every call with 100 + 20 tokens; from the cache when the purpose says so. */
    private static final LanguageModel MODEL = new LanguageModel() {
        @Override
        public ModelReply chat(ModelRequest request) {
            ModelReply reply = new ModelReply("{}", 100, 20, FinishReason.STOP, 4200);
            return request.purpose().contains("cached") ? reply.asCached() : reply;
        }

        @Override
        public String modelName() {
            return "m";
        }
    };

    private static ModelRequest request(String purpose) {
        return new ModelRequest(purpose, List.of(ChatTurn.user("u")), null, 1024, 256, 0.0, null, 1);
    }

    @Test
    void should_tell_a_chunk_answered_from_the_cache_from_one_a_server_answered() {
        RunTracker tracker = new RunTracker(2, progress, now::get);
        LanguageModel model = tracker.watch(MODEL);
        tracker.reading("a.txt");
        model.chat(request("map cached 000 chunk 1/1"));
        assertTrue(tracker.mapped((st, cached) -> "[" + st.done() + "] " + (cached ? "cached" : "sent")));
        tracker.reading("b.txt (1/2)");
        now.set(3_000_000_000L);
        model.chat(request("map 001 chunk 1/2"));
        assertFalse(tracker.mapped((st, cached) -> "[" + st.done() + "] " + (cached ? "cached" : "sent")));
        assertEquals(List.of("[1] cached", "[2] sent"), lines);
        RunStatus last = tracker.status();
        assertEquals(2, last.done());
        assertEquals(1, last.fromCache());
        assertEquals(240, last.tokens());
        assertEquals(null, last.file(), "nothing is being read once both are mapped");
    }

    @Test
    void should_show_the_file_last_begun_of_those_still_being_read() throws Exception {
        RunTracker tracker = new RunTracker(3, progress, now::get);
        tracker.reading("a.txt");
        Thread other = new Thread(() -> {
            tracker.reading("b.txt");
            tracker.mapped((st, cached) -> null);
        });
        other.start();
        other.join();
        assertEquals("a.txt", tracker.status().file());
        tracker.reading("c.txt");
        assertEquals("c.txt", tracker.status().file());
    }

    @Test
    void should_follow_the_synthesis_parts_and_log_each_part_done() {
        RunTracker tracker = new RunTracker(1, progress, now::get);
        LanguageModel model = tracker.watch(MODEL);
        model.chat(request("synthesize part 1/2"));
        assertEquals("synthesis 1/2 parts", tracker.status().stage());
        model.chat(request("synthesize part 2/2"));
        model.chat(request("synthesize merge level 2 part 1/3"));
        assertEquals("synthesis merge level 2, 1/3 parts", tracker.status().stage());
        model.chat(request("synthesize"));
        assertEquals("synthesis, final merge", tracker.status().stage());
        assertEquals(List.of("synthesis part 1/2 done in 4.2s", "synthesis part 2/2 done in 4.2s",
                "synthesis merge level 2 part 1/3 done in 4.2s"), lines);
        assertEquals(List.of("synthesis 0/2 parts", "synthesis 1/2 parts", "synthesis 1/2 parts",
                "synthesis 2/2 parts", "synthesis merge level 2, 0/3 parts", "synthesis merge level 2, 1/3 parts",
                "synthesis, final merge", "synthesis, final merge"), statuses.stream().map(RunStatus::stage).toList());
    }

    @Test
    void should_call_a_single_synthesis_call_just_synthesis() {
        RunTracker tracker = new RunTracker(1, progress, now::get);
        tracker.watch(MODEL).chat(request("synthesize"));
        assertEquals("synthesis", tracker.status().stage());
        assertEquals(List.of(), lines);
    }
}
