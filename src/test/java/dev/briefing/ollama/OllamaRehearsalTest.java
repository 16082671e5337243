package dev.briefing.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.llm.FinishReason;
import dev.briefing.llm.ModelReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LangChain4j rehearsal a command starts while it reads its articles (OllamaLanguageModel.rehearse). */
class OllamaRehearsalTest {

    @Test
    void should_send_a_request_shaped_as_the_engines_through_langchain4j_and_read_the_reply_back() throws Exception {
        List<String> sent = new ArrayList<>();
        ModelReply reply = OllamaLanguageModel.rehearsal(sent::add);

        assertEquals(1, sent.size(), "one request, to the canned client only");
        JsonNode body = new ObjectMapper().readTree(sent.get(0));
        // The same parts the real first call serializes: turns, options, a schema as "format".
        assertEquals("rehearsal", body.path("model").asText());
        assertEquals(List.of("system", "user"), body.path("messages").findValuesAsText("role"));
        assertEquals(2048, body.path("options").path("num_ctx").asInt());
        assertEquals(16, body.path("options").path("num_predict").asInt());
        assertEquals("object", body.path("format").path("type").asText(), sent.get(0));
        assertFalse(body.path("stream").asBoolean(true));
        assertEquals("{\"ok\":true}", reply.content());
        assertEquals(1, reply.promptTokens());
        assertEquals(FinishReason.STOP, reply.finishReason());
    }

    @Test
    void should_say_nothing_on_stdout_or_stderr() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            OllamaLanguageModel.rehearsal(body -> { });
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "a user must never see the rehearsal");
    }

    @Test
    void should_rehearse_at_most_once_per_jvm() {
        OllamaLanguageModel.rehearse();
        assertFalse(OllamaLanguageModel.rehearse(), "a second command in the same JVM (tests, ask's session) skips it");
    }
}
