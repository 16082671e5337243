package dev.briefing.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import dev.briefing.llm.ChatTurn;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelInfo;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import dev.briefing.llm.ModelServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostPoolTest {

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A host: a server that answers its probe while {@code up}, a model that answers with {@code reply}. */
    static final class Host implements ModelServer, LanguageModel {
        final String url;
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final int contextLength;
        volatile Function<ModelRequest, ModelReply> reply;

        Host(String url, int contextLength) {
            this.url = url;
            this.contextLength = contextLength;
            this.reply = r -> new ModelReply("ok " + r.purpose(), 10, 5, FinishReason.STOP, 1);
        }

        @Override
        public String host() {
            return url;
        }

        @Override
        public void ensureReachable() {
            if (!up.get()) {
                throw new ModelUnavailableException("cannot reach " + url + " (connection refused)", null);
            }
        }

        @Override
        public List<String> models() {
            return List.of("m");
        }

        @Override
        public ModelInfo show(String model) {
            ensureReachable();
            return new ModelInfo(model, contextLength);
        }

        @Override
        public ModelReply chat(ModelRequest request) {
            calls.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return reply.apply(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String modelName() {
            return "m";
        }

        HostPool.Member member(int slots) {
            return new HostPool.Member(url, this, this, slots);
        }
    }

    private static ModelRequest request(String purpose) {
        return new ModelRequest(purpose, List.of(ChatTurn.user("x")), null, 2048, 256, 0.1, 42, 10);
    }

    private HostPool pool(HostPool.Member... members) {
        return HostPool.of(List.of(members), warnings::add);
    }

    @Test
    void should_fill_each_hosts_slots_and_its_one_spare_before_any_call_waits() throws Exception {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:8000/v1", 32768);
        CountDownLatch release = new CountDownLatch(1);
        for (Host h : List.of(a, b)) {
            h.reply = r -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ModelReply("ok", 1, 1, FinishReason.STOP, 1);
            };
        }
        HostPool pool = pool(a.member(2), b.member(4));
        List<Future<ModelReply>> calls = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            int n = i;
            calls.add(threads.submit(() -> pool.chat(request("map " + n))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.inFlight.get() + b.inFlight.get() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);

        assertEquals(3, a.inFlight.get(), "2 slots + 1 spare");
        assertEquals(5, b.inFlight.get(), "4 slots + 1 spare");
        assertEquals(1, calls.stream().filter(f -> !f.isDone()).count() - 8, "the ninth call waits for a free place");
        release.countDown();
        for (Future<ModelReply> f : calls) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(9, a.calls.get() + b.calls.get());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void should_name_the_host_of_every_reply() {
        Host a = new Host("http://a:11434", 32768);
        HostPool pool = pool(a.member(1));

        ModelReply reply = pool.chat(request("map 1"));

        assertEquals("http://a:11434", reply.host());
        assertEquals("ok map 1", reply.content());
        assertEquals("http://a:11434", pool.host());
    }

    @Test
    void should_send_the_calls_of_a_host_that_refuses_connections_to_the_others_with_one_warning() {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:11434", 32768);
        a.reply = r -> {
            throw new ModelUnavailableException("cannot reach Ollama at http://a:11434 (connection refused)", "hint");
        };
        HostPool pool = pool(a.member(4), b.member(1));

        for (int i = 0; i < 5; i++) {
            assertEquals("http://b:11434", pool.chat(request("map " + i)).host());
        }

        assertEquals(1, a.calls.get(), "a left the pool after its first refusal");
        assertEquals(5, b.calls.get());
        assertEquals(List.of("warning: http://a:11434 left the pool: cannot reach Ollama at http://a:11434 "
                + "(connection refused); its calls go to the 1 other host(s) (1 slot(s))"), warnings);
        assertEquals(List.of("http://b:11434"), pool.members().stream().map(HostPool.Member::host).toList());
    }

    @Test
    void should_resend_at_once_a_call_whose_host_died_under_it() {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:11434", 32768);
        a.reply = r -> {
            a.up.set(false);
            throw new ModelCallException("Ollama at http://a:11434 closed the connection before replying", true, null);
        };
        HostPool pool = pool(a.member(8), b.member(1));

        ModelReply reply = pool.chat(request("map 0"));

        assertEquals("http://b:11434", reply.host(), "no retry of the caller's is spent on a host that is gone");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("http://a:11434 left the pool: cannot reach http://a:11434"), warnings.get(0));
    }

    @Test
    void should_take_out_a_host_that_keeps_failing_while_it_answers_its_probe() {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:11434", 32768);
        a.reply = r -> {
            throw new ModelCallException("Ollama failed (HTTP 500): llama runner process has terminated", true, null);
        };
        HostPool pool = pool(a.member(8), b.member(1));
        int failures = 0;
        for (int i = 0; i < 6; i++) {
            try {
                pool.chat(request("map " + i));
            } catch (ModelCallException e) {
                assertTrue(e.retryable());
                failures++;
            }
        }

        assertEquals(HostPool.STRIKES - 1, failures, "the caller retries the first failures; the last moves on");
        assertEquals(HostPool.STRIKES, a.calls.get());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("failed 3 calls in a row (last: Ollama failed (HTTP 500)"), warnings.get(0));
    }

    @Test
    void should_not_count_failures_apart_by_a_success_as_in_a_row() {
        Host a = new Host("http://a:11434", 32768);
        AtomicInteger n = new AtomicInteger();
        a.reply = r -> {
            if (n.incrementAndGet() % 2 == 0) {
                throw new ModelCallException("HTTP 503: server busy", true, null);
            }
            return new ModelReply("ok", 1, 1, FinishReason.STOP, 1);
        };
        Host b = new Host("http://b:11434", 32768);
        b.reply = a.reply;
        HostPool pool = pool(a.member(8), b.member(8));
        for (int i = 0; i < 20; i++) {
            try {
                pool.chat(request("map " + i));
            } catch (ModelCallException expected) {
                // the caller's retry policy handles it
            }
        }

        assertEquals(2, pool.members().size(), warnings.toString());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void should_end_as_with_one_host_when_the_last_host_goes() {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:11434", 32768);
        for (Host h : List.of(a, b)) {
            h.reply = r -> {
                throw new ModelUnavailableException("cannot reach " + h.url + " (connection refused)", "start it");
            };
        }
        HostPool pool = pool(a.member(1), b.member(1));

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> pool.chat(request("map 0")));

        assertEquals("cannot reach http://b:11434 (connection refused)", e.getMessage());
        assertEquals(1, warnings.size(), "a left with a warning; b, the last, ends the run with its own error");
        assertEquals(1, pool.members().size(), "the last host stays, so the error is the same as with one host");
    }

    @Test
    void should_keep_a_single_hosts_retryable_failures_for_the_callers_retry_policy() {
        Host a = new Host("http://a:11434", 32768);
        a.reply = r -> {
            throw new ModelCallException("HTTP 503", true, null);
        };
        HostPool pool = pool(a.member(1));
        for (int i = 0; i < 5; i++) {
            assertThrows(ModelCallException.class, () -> pool.chat(request("map")));
        }
        assertEquals(5, a.calls.get());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void should_size_chunks_for_the_smallest_window_and_drop_a_host_that_is_not_there_at_start() {
        Host a = new Host("http://a:11434", 32768);
        Host b = new Host("http://b:8000/v1", 8192);
        Host c = new Host("http://c:11434", 4096);
        c.up.set(false);
        HostPool pool = pool(a.member(2), b.member(2), c.member(2));

        pool.ensureReachable();
        ModelInfo info = pool.show("m");

        assertEquals(8192, info.contextLength());
        assertEquals(4, pool.slots());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("warning: http://c:11434 left the pool: cannot reach"), warnings.get(0));
        assertFalse(pool.members().stream().anyMatch(m -> m.host().equals("http://c:11434")));
    }
}
