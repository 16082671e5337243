package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.chunk.TokenEstimator;
import dev.briefing.error.ModelCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes one call that must return JSON following a schema, and does what a small local
 * model needs: recovers JSON wrapped in prose or a fence, validates it against the schema it
 * was sent, and on a reply that cannot be used (not JSON, wrong shape, cut off at
 * {@code done_reason: length}) sends one repair attempt that shows the model its error.
 * Server errors the server may recover from are retried per the {@link RetryPolicy}.
 * Every request sent is recorded in the {@link UsageMeter}.
 */
public final class StructuredCaller {
    private static final int MAX_ECHOED_REPLY_CHARS = 6000;
    private final LanguageModel model;
    private final RetryPolicy retry;
    private final UsageMeter meter;

    public StructuredCaller(LanguageModel model, RetryPolicy retry, UsageMeter meter) {
        this.model = Objects.requireNonNull(model, "model");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /**
     * @param value    the reply, valid against the request's schema
     * @param warnings things the reader of the run should know (recovered JSON, suspected truncation)
     * @param request  the request whose reply this is (the repair request when repaired); null in tests
     * @param reply    that reply as the model sent it; null in tests
     */
    public record Result(ObjectNode value, List<String> warnings, boolean repaired, ModelRequest request,
            ModelReply reply) {
        public Result {
            Objects.requireNonNull(value, "value");
            warnings = List.copyOf(warnings);
            if ((request == null) != (reply == null)) {
                throw new IllegalArgumentException("request and reply come together");
            }
        }

        public Result(ObjectNode value, List<String> warnings, boolean repaired) {
            this(value, warnings, repaired, null, null);
        }
    }

    /**
     * Where a streamed call's text goes as it is generated. Each request sent (a retry, the
     * repair attempt) starts again from nothing: {@link #restart} says the text handed over so
     * far is void, and why.
     */
    public interface Stream {
        void text(String piece);

        void restart(String reason);

        static Stream none() {
            return new Stream() {
                @Override
                public void text(String piece) {
                }

                @Override
                public void restart(String reason) {
                }
            };
        }
    }

    /**
     * Calls and, the reply having passed the schema, tells the model it was used as it is (a
     * caching model keeps it then, and only then).
     *
     * @throws ModelCallException when no usable reply came after retries and the repair attempt
     */
    public Result call(ModelRequest request) {
        return call(request, null);
    }

    /**
     * As {@link #call(ModelRequest)}, streaming every request's text to {@code stream} as it is
     * generated (null: not streamed). The result is still only what passed the schema.
     */
    public Result call(ModelRequest request, Stream stream) {
        Result result = callUnkept(request, stream);
        keep(result);
        return result;
    }

    /**
     * As {@link #call(ModelRequest)} for a caller that checks more than the schema can (quotes
     * verbatim in the source): the reply is not kept until the caller says it used it as it is
     * ({@link #keep}), or says it did not ({@link #discard}). A reply a run could not use must
     * never answer the rerun that should send it again.
     */
    public Result callUnkept(ModelRequest request) {
        return callUnkept(request, null);
    }

    /** The reply of {@code result} was used as it is: a caching model may keep it for reruns. */
    public void keep(Result result) {
        if (result.request() != null) {
            model.keep(result.request(), result.reply());
        }
    }

    /**
     * The reply of {@code result} was used as it is, and {@code derived} is what the caller's own
     * checks ({@code checker}: their name and version) made of it: a caching model keeps both,
     * for {@link #replay}. A repaired result keeps only its reply (the rerun asks the first
     * request again, which a repair's record does not answer).
     */
    public void keep(Result result, String checker, String derived) {
        if (result.request() == null) {
            return;
        }
        if (result.repaired()) {
            model.keep(result.request(), result.reply());
        } else {
            model.keep(result.request(), result.reply(), checker, derived);
        }
    }

    /**
     * What {@link #keep(Result, String, String)} stored for this request and checker, when the
     * model still answers the request with the same reply: the caller's checks need not run
     * again. A hit is recorded in the usage meter as one reply (answered from the cache, so the
     * run record shows the call as a caching model's other hits).
     */
    public java.util.Optional<String> replay(ModelRequest request, String checker) {
        java.util.Optional<LanguageModel.Replay> hit = model.replay(request, checker);
        hit.ifPresent(r -> meter.record(new CallRecord(request.purpose(), r.reply().durationMs(),
                Math.max(0, r.reply().promptTokens()), Math.max(0, r.reply().completionTokens()), 1,
                r.reply().finishReason().name().toLowerCase(java.util.Locale.ROOT), "ok", r.reply().host())));
        return hit.map(LanguageModel.Replay::derived);
    }

    /** The reply of {@code result} was not used: a caching model must not answer it again. */
    public void discard(Result result) {
        if (result.request() != null) {
            model.discard(result.request());
        }
    }

    private Result callUnkept(ModelRequest request, Stream stream) {
        Objects.requireNonNull(request.schema(), "a structured call needs a schema");
        List<String> warnings = new ArrayList<>();
        Tally tally = new Tally();
        String outcome = "failed";
        try {
            ModelReply first = send(request, tally, warnings, stream);
            Attempt attempt = evaluate(request, first);
            if (attempt.ok()) {
                outcome = attempt.recovered ? "ok (JSON recovered from surrounding text)" : "ok";
                if (attempt.recovered) {
                    warnings.add(request.purpose() + ": JSON recovered from surrounding text");
                }
                return new Result(attempt.value, warnings, false, request, first);
            }
            ModelRequest repair = repairRequest(request, first, attempt.error);
            if (stream != null) {
                stream.restart("the reply could not be used (" + attempt.error + "); asking again");
            }
            ModelReply second = send(repair, tally, warnings, stream);
            Attempt repaired = evaluate(repair, second);
            if (repaired.ok()) {
                outcome = "repaired (" + attempt.error + ")";
                warnings.add(request.purpose() + ": first reply unusable (" + attempt.error + "), repaired");
                return new Result(repaired.value, warnings, true, repair, second);
            }
            outcome = "failed: " + repaired.error;
            throw new ModelCallException(request.purpose() + ": no usable reply after one repair attempt: "
                    + repaired.error + " (first reply: " + attempt.error + ")", false, null);
        } catch (ModelCallException e) {
            if (outcome.equals("failed")) {
                outcome = "failed: " + e.getMessage();
            }
            throw e;
        } finally {
            meter.record(new CallRecord(request.purpose(), tally.millis, tally.promptTokens, tally.completionTokens,
                    tally.attempts, tally.finishReason, outcome, tally.host));
        }
    }

    private ModelReply send(ModelRequest request, Tally tally, List<String> warnings, Stream stream) {
        int retries = 0;
        while (true) {
            tally.attempts++;
            long started = System.nanoTime();
            try {
                ModelReply reply = stream == null ? model.chat(request) : model.chat(request, stream::text);
                tally.add(reply);
                ContextCheck.inspect(request, reply).ifPresent(warnings::add);
                return reply;
            } catch (ModelCallException e) {
                tally.millis += (System.nanoTime() - started) / 1_000_000;
                if (!e.retryable()) {
                    throw e;
                }
                if (retries >= retry.maxRetries()) {
                    throw retries == 0 ? e : new ModelCallException(e.getMessage() + " (gave up after "
                            + (retries + 1) + " attempts)", false, e);
                }
                retries++;
                if (stream != null) {
                    stream.restart(e.getMessage() + "; retrying");
                }
                retry.pause(retries);
            }
        }
    }

    /**
     * Whether a reply is one this caller would accept without repair: not cut off and, for a
     * structured request, JSON that follows the request's schema. What a cache may keep.
     */
    public static boolean usable(ModelRequest request, ModelReply reply) {
        if (ContextCheck.filledWindow(request, reply)) {
            return false;
        }
        if (request.schema() == null) {
            return reply.finishReason() != FinishReason.LENGTH;
        }
        return evaluate(request, reply).ok();
    }

    private static Attempt evaluate(ModelRequest request, ModelReply reply) {
        if (reply.finishReason() == FinishReason.LENGTH) {
            return Attempt.failed("the reply was cut off at the output limit (done_reason: length, num_predict "
                    + request.numPredict() + ")");
        }
        JsonExtractor.Extraction extraction = JsonExtractor.extract(reply.content());
        if (!extraction.ok()) {
            return Attempt.failed(extraction.error());
        }
        // Checked against the schema before any enum of ids was added: one bad id is the caller's to drop.
        List<String> violations = SchemaCheck.violations(SchemaEnums.forChecking(request.schema()),
                extraction.value(), 5);
        if (!violations.isEmpty()) {
            return Attempt.failed("the JSON does not follow the schema: " + String.join("; ", violations));
        }
        return new Attempt(extraction.value(), extraction.recovered(), null);
    }

    private static ModelRequest repairRequest(ModelRequest request, ModelReply reply, String error) {
        if (reply.finishReason() == FinishReason.LENGTH) {
            // Echoing a cut-off reply only spends the window again; ask for a shorter answer
            // and give it more room where the context allows. The room is what the window has
            // left after the repair prompt itself; num_ctx stays the user's (it bounds memory).
            String ask = "Your previous reply was cut off before the JSON object was complete. Reply again with the "
                    + "complete JSON object only, following the schema, and keep it shorter: fewer items, short quotes.";
            ModelRequest repair = request.withMoreTurns(List.of(ChatTurn.user(ask)), 60);
            int room = repair.numCtx() - repair.estimatedPromptTokens();
            int numPredict = Math.max(request.numPredict(), Math.min(request.numPredict() * 2, room));
            return repair.withNumPredict(numPredict);
        }
        String echoed = reply.content().length() > MAX_ECHOED_REPLY_CHARS
                ? reply.content().substring(0, MAX_ECHOED_REPLY_CHARS) : reply.content();
        String ask = "Your previous reply could not be used: " + error + ". Reply again with only the JSON object, "
                + "following the schema exactly, with no text before or after it.";
        return request.withMoreTurns(List.of(ChatTurn.assistant(echoed), ChatTurn.user(ask)),
                TokenEstimator.estimate(echoed + ask) + 8);
    }

    private record Attempt(ObjectNode value, boolean recovered, String error) {
        static Attempt failed(String error) {
            return new Attempt(null, false, error);
        }

        boolean ok() {
            return value != null;
        }
    }

    private static final class Tally {
        int attempts;
        long millis;
        long promptTokens;
        long completionTokens;
        String finishReason = "none";
        String host;

        void add(ModelReply reply) {
            if (reply.host() != null) {
                host = reply.host();
            }
            millis += reply.durationMs();
            promptTokens += Math.max(0, reply.promptTokens());
            completionTokens += Math.max(0, reply.completionTokens());
            finishReason = reply.finishReason().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Parses a reply known to be valid into a record type. */
    public static <T> T as(JsonNode value, Class<T> type) {
        return Json.MAPPER.convertValue(value, type);
    }
}
