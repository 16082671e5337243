package dev.briefing.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits a prompt file into its fixed sections; an unknown or missing section is an error. */
final class PromptParser {
    private PromptParser() {
    }

    static PromptTemplate parse(String name, String markdown, JsonNode schema, Map<String, String> hashes) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder description = new StringBuilder();
        StringBuilder current = null;
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith("## ")) {
                String title = line.substring(3).trim();
                if (!PromptTemplate.SYSTEM_SECTIONS.contains(title) && !PromptTemplate.INPUT_SECTION.equals(title)) {
                    throw new IllegalArgumentException("prompt " + name + ": unknown section '## " + title
                            + "' (expected " + PromptTemplate.SYSTEM_SECTIONS + " and INPUT)");
                }
                if (sections.containsKey(title)) {
                    throw new IllegalArgumentException("prompt " + name + ": section '" + title + "' appears twice");
                }
                current = new StringBuilder();
                sections.put(title, current);
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.startsWith("# ") && !line.isBlank()) {
                description.append(description.length() == 0 ? "" : " ").append(line.trim());
            }
        }
        for (String required : PromptTemplate.SYSTEM_SECTIONS) {
            if (!sections.containsKey(required)) {
                throw new IllegalArgumentException("prompt " + name + ": missing section '## " + required + "'");
            }
        }
        if (!sections.containsKey(PromptTemplate.INPUT_SECTION)) {
            throw new IllegalArgumentException("prompt " + name + ": missing section '## INPUT'");
        }
        StringBuilder system = new StringBuilder();
        for (String title : PromptTemplate.SYSTEM_SECTIONS) {
            system.append("# ").append(title).append("\n\n").append(sections.get(title).toString().strip()).append("\n\n");
        }
        return new PromptTemplate(name, description.toString(), system.toString().strip(),
                sections.get(PromptTemplate.INPUT_SECTION).toString().strip(), schema, hashes);
    }
}
