package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.error.ModelCallException;
import dev.briefing.error.ModelUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredCallerTest {
    private static final JsonNode SCHEMA = schema();
    private final UsageMeter meter = new UsageMeter();
    private final List<Duration> slept = new ArrayList<>();
    private final RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(100), slept::add);

    private static JsonNode schema() {
        try {
            return new ObjectMapper().readTree("""
                    {"type":"object","additionalProperties":false,"required":["items"],
                     "properties":{"items":{"type":"array","items":{"type":"string"}}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelRequest request() {
        return new ModelRequest("test call", List.of(ChatTurn.system("s"), ChatTurn.user("u")), SCHEMA, 4096, 512,
                0.1, 42, 120);
    }

    @Test
    void should_return_valid_reply_with_one_request() {
        ScriptedModel model = ScriptedModel.replying("{\"items\":[\"a\"]}");
        StructuredCaller.Result r = new StructuredCaller(model, retry, meter).call(request());
        assertEquals("a", r.value().get("items").get(0).asText());
        assertFalse(r.repaired());
        assertEquals(1, model.requests().size());
        assertEquals(1, meter.requests());
        assertEquals("ok", meter.calls().get(0).outcome());
    }

    @Test
    void should_recover_fenced_json_without_a_second_call() {
        ScriptedModel model = ScriptedModel.replying("好的：\n```json\n{\"items\":[]}\n```");
        StructuredCaller.Result r = new StructuredCaller(model, retry, meter).call(request());
        assertEquals(1, model.requests().size());
        assertEquals(List.of("test call: JSON recovered from surrounding text"), r.warnings());
    }

    @Test
    void should_repair_once_showing_the_model_its_schema_error() {
        ScriptedModel model = ScriptedModel.replying("{\"things\":[]}", "{\"items\":[\"b\"]}");
        StructuredCaller.Result r = new StructuredCaller(model, retry, meter).call(request());
        assertTrue(r.repaired());
        assertEquals(2, model.requests().size());
        ModelRequest repair = model.requests().get(1);
        assertEquals(4, repair.messages().size());
        assertEquals(Role.ASSISTANT, repair.messages().get(2).role());
        assertEquals("{\"things\":[]}", repair.messages().get(2).text());
        assertTrue(repair.messages().get(3).text().contains("items"), repair.messages().get(3).text());
        assertEquals(2, meter.calls().get(0).attempts());
        assertTrue(meter.calls().get(0).outcome().startsWith("repaired"));
    }

    @Test
    void should_fail_after_one_repair_and_record_the_call() {
        ScriptedModel model = ScriptedModel.replying("not json", "still not json");
        ModelCallException e = assertThrows(ModelCallException.class,
                () -> new StructuredCaller(model, retry, meter).call(request()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("no usable reply after one repair"), e.getMessage());
        assertEquals(2, model.requests().size());
        assertTrue(meter.calls().get(0).outcome().startsWith("failed"));
    }

    @Test
    void should_treat_output_cut_at_length_as_unusable_and_ask_again_with_more_room() {
        ScriptedModel model = ScriptedModel.replying(ScriptedModel.cutOff("{\"items\":[\"a\""),
                ScriptedModel.reply("{\"items\":[\"a\"]}"));
        StructuredCaller.Result r = new StructuredCaller(model, retry, meter).call(request());
        assertTrue(r.repaired());
        ModelRequest repair = model.requests().get(1);
        assertEquals(1024, repair.numPredict());
        assertTrue(repair.messages().get(repair.messages().size() - 1).text().contains("cut off"));
    }

    @Test
    void should_give_a_cut_off_repair_only_the_room_left_after_its_own_prompt() {
        ScriptedModel model = ScriptedModel.replying(ScriptedModel.cutOff("{\"items\":[\"a\""),
                ScriptedModel.reply("{\"items\":[\"a\"]}"));
        ModelRequest tight = new ModelRequest("tight", List.of(ChatTurn.system("s"), ChatTurn.user("u")), SCHEMA, 4096,
                1024, 0.1, 42, 2500);
        new StructuredCaller(model, retry, meter).call(tight);
        ModelRequest repair = model.requests().get(1);
        assertTrue(repair.numPredict() > 1024, "more room: " + repair.numPredict());
        assertTrue(repair.estimatedPromptTokens() + repair.numPredict() <= 4096,
                repair.estimatedPromptTokens() + " + " + repair.numPredict());
    }

    @Test
    void should_not_accept_complete_looking_json_when_done_reason_is_length() {
        ScriptedModel model = ScriptedModel.replying(ScriptedModel.cutOff("{\"items\":[]}"));
        assertThrows(ModelCallException.class, () -> new StructuredCaller(model, retry, meter).call(request()));
    }

    @Test
    void should_retry_server_errors_with_backoff_then_succeed() {
        ScriptedModel model = ScriptedModel.replying(
                new ModelCallException("503 server busy", true, null), "{\"items\":[]}");
        new StructuredCaller(model, retry, meter).call(request());
        assertEquals(2, model.requests().size());
        assertEquals(1, slept.size());
        assertTrue(slept.get(0).toMillis() >= 100 && slept.get(0).toMillis() <= 150, slept.toString());
    }

    @Test
    void should_give_up_after_bounded_retries() {
        ScriptedModel model = ScriptedModel.replying(new ModelCallException("500 runner crashed", true, null));
        assertThrows(ModelCallException.class, () -> new StructuredCaller(model, retry, meter).call(request()));
        assertEquals(3, model.requests().size());
        assertEquals(2, slept.size());
        assertEquals(3, meter.calls().get(0).attempts());
    }

    @Test
    void should_not_retry_a_bad_request() {
        ScriptedModel model = ScriptedModel.replying(new ModelCallException("400 bad", false, null));
        assertThrows(ModelCallException.class, () -> new StructuredCaller(model, retry, meter).call(request()));
        assertEquals(1, model.requests().size());
    }

    @Test
    void should_let_a_missing_server_end_the_run() {
        ScriptedModel model = ScriptedModel.replying(new ModelUnavailableException("gone", "ollama serve"));
        assertThrows(ModelUnavailableException.class, () -> new StructuredCaller(model, retry, meter).call(request()));
    }

    @Test
    void should_fail_a_call_whose_input_filled_the_window() {
        ScriptedModel model = ScriptedModel.replying(
                new ModelReply("{\"items\":[]}", 4096, 10, FinishReason.STOP, 5));
        ModelCallException e = assertThrows(ModelCallException.class,
                () -> new StructuredCaller(model, retry, meter).call(request()));
        assertTrue(e.getMessage().contains("cut the input"), e.getMessage());
    }

    @Test
    void should_warn_when_the_server_evaluated_far_fewer_tokens_than_sent() {
        ScriptedModel model = ScriptedModel.replying(new ModelReply("{\"items\":[]}", 20, 10, FinishReason.STOP, 5));
        ModelRequest big = new ModelRequest("test call", request().messages(), SCHEMA, 4096, 512, 0.1, 42, 1000);
        StructuredCaller.Result r = new StructuredCaller(model, retry, meter).call(big);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("may have been truncated")), r.warnings().toString());
    }

    @Test
    void should_count_tokens_of_every_attempt() {
        ScriptedModel model = ScriptedModel.replying("nope", "{\"items\":[]}");
        new StructuredCaller(model, retry, meter).call(request());
        assertEquals(200, meter.promptTokens());
        assertEquals(100, meter.completionTokens());
    }
}
