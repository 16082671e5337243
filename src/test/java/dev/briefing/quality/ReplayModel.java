package dev.briefing.quality;

import dev.briefing.llm.FinishReason;
import dev.briefing.llm.LanguageModel;
import dev.briefing.llm.ModelReply;
import dev.briefing.llm.ModelRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers each call with the reply a model wrote for what the call asks about: the map call of
 * article A's chunk i reads {@code map-A-i.json}, the synthesis reads {@code synthesize.json}.
 * The key is taken from the request (its purpose), never from the prompt's bytes, so editing a
 * prompt does not break a fixture. A call with no fixture fails the test.
 *
 * <p>In the synthesis reply a source {@code @text} is resolved to the id of the note line that
 * contains {@code text} (a model reads ids off its input the same way); {@code @[topic]} to the
 * first claim line of that topic. A source without {@code @} is sent as written.
 */
final class ReplayModel implements LanguageModel {
    private static final Pattern MAP = Pattern.compile("map (\\S+) chunk (\\d+)/\\d+");
    private static final Pattern SOURCE_REF = Pattern.compile("\"@([^\"]+)\"");
    private final String set;
    private final boolean strict;
    final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    /**
     * @param set    a folder under src/test/resources/replies
     * @param strict whether a {@code @text} no note line holds fails the test (a fixture's typo);
     *               when not, it is sent as written, as a model cites a note that was dropped
     */
    ReplayModel(String set, boolean strict) {
        this.set = set;
        this.strict = strict;
    }

    static String fixture(String set, String name) {
        try (InputStream in = ReplayModel.class.getResourceAsStream("/replies/" + set + "/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture replies/" + set + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        requests.add(request);
        Matcher map = MAP.matcher(request.purpose());
        String content;
        if (map.matches()) {
            content = fixture(set, "map-" + map.group(1) + "-" + map.group(2) + ".json");
        } else if (request.purpose().equals("synthesize")) {
            content = resolveSources(fixture(set, "synthesize.json"), request.messages().get(1).text(), strict);
        } else {
            throw new AssertionError("no fixture for the call '" + request.purpose() + "'");
        }
        return new ModelReply(content, 1000, 200, FinishReason.STOP, 1);
    }

    private static String resolveSources(String reply, String notesPrompt, boolean strict) {
        List<String> lines = notesPrompt.lines().filter(l -> l.matches("^[eacq]\\d+ .*")).toList();
        Matcher m = SOURCE_REF.matcher(reply);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String id = lines.stream()
                    .filter(l -> ref.startsWith("[") ? l.startsWith("c") && l.contains(" " + ref + " ") : l.contains(ref))
                    .map(l -> l.substring(0, l.indexOf(' '))).findFirst()
                    .orElse(null);
            if (id == null && strict) {
                throw new AssertionError("no note line holds '" + ref + "' in:\n" + notesPrompt);
            }
            id = id == null ? ref : id;
            m.appendReplacement(out, Matcher.quoteReplacement("\"" + id + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String modelName() {
        return "replay-" + set;
    }
}
