package dev.briefing.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt loaded from {@code prompts/NAME.md}. The file has fixed sections:
 * {@code ## IDENTITY AND PURPOSE}, {@code ## STEPS}, {@code ## OUTPUT INSTRUCTIONS} (together
 * the system message) and {@code ## INPUT} (the user message). Placeholders are
 * {@code {{name}}}. Substitution is one pass over the template: a value is inserted as it is
 * and never scanned again, so braces or placeholders inside article text stay text.
 *
 * @param schema the JSON Schema of the reply ({@code prompts/NAME.schema.json}), or null
 * @param hashes file name to SHA-256 of the files this prompt was loaded from
 */
public record PromptTemplate(String name, String description, String system, String user, JsonNode schema,
        Map<String, String> hashes) {

    static final List<String> SYSTEM_SECTIONS = List.of("IDENTITY AND PURPOSE", "STEPS", "OUTPUT INSTRUCTIONS");
    static final String INPUT_SECTION = "INPUT";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z][a-zA-Z0-9_]*)\\s*}}");

    public PromptTemplate {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        hashes = Map.copyOf(hashes);
        if (system.isBlank()) {
            throw new IllegalArgumentException("prompt " + name + " has no system sections");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("prompt " + name + " has no INPUT section");
        }
    }

    /** Placeholder names used anywhere in the prompt, in order of first use. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (String part : List.of(system, user)) {
            Matcher m = PLACEHOLDER.matcher(part);
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    public String renderSystem(Map<String, String> values) {
        return substitute(system, values);
    }

    public String renderUser(Map<String, String> values) {
        return substitute(user, values);
    }

    private String substitute(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        int last = 0;
        while (m.find()) {
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                // A missing variable is a bug in the caller, never an empty string in the prompt.
                throw new IllegalArgumentException("prompt " + name + ": no value for {{" + key + "}}");
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }
}
