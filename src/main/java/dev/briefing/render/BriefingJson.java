package dev.briefing.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.briefing.pipeline.RunRecord;
import dev.briefing.reduce.Briefing;
import dev.briefing.reduce.BriefingCodec;

/**
 * briefing.json and run.json, exactly as docs/briefing.schema.json describes them: camelCase
 * keys in record order, nulls written (so every required key is present), enums as their
 * lowercase labels, dates as ISO {@code 2025-10-16}, instants as {@code 2026-11-23T09:00:00Z},
 * and non-ASCII text (CJK) written as itself, never as backslash-u escapes. The mapping itself
 * is {@link BriefingCodec}, one stage down, which the store shares.
 *
 * <p>Records deserialize through their canonical constructors, so their validation runs on
 * read as well.
 */
public final class BriefingJson {

    private BriefingJson() {
    }

    /**
     * The configured mapper (shared, thread-safe; do not reconfigure it). Unknown keys fail on
     * read, as the schema forbids them.
     */
    public static ObjectMapper mapper() {
        return BriefingCodec.mapper();
    }

    /** briefing.json: pretty-printed, without a trailing newline. */
    public static String write(Briefing briefing) {
        return BriefingCodec.write(briefing);
    }

    /** run.json: pretty-printed, map keys sorted, without a trailing newline. */
    public static String write(RunRecord run) {
        return BriefingCodec.write(run);
    }

    /** briefing.json or run.json ({@code value} a Briefing or a RunRecord), written to {@code out} as it is generated; {@code out} is not closed. */
    public static void write(Object value, java.io.Writer out) throws java.io.IOException {
        BriefingCodec.write(value, out);
    }

    /**
     * Reads a briefing.json back into its record.
     *
     * @throws IllegalArgumentException when the text is not a valid briefing (malformed JSON,
     *                                  unknown key, a record's validation failing)
     */
    public static Briefing readBriefing(String json) {
        return BriefingCodec.readBriefing(json);
    }

    /**
     * Reads a run.json back. {@code settings} values come back as plain JSON types (Integer,
     * Long, Double, String, Boolean, List, Map), whatever their type was when written.
     */
    public static RunRecord readRunRecord(String json) {
        return BriefingCodec.read(json, RunRecord.class);
    }
}
