package dev.briefing.reduce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Known names of the same actor across scripts and languages (特朗普 / 川普 / Trump),
 * from {@code aliases.txt}. A name maps to its group's id; names not listed map to nothing.
 */
public final class AliasTable {
    private final Map<String, String> groupByKey;
    /** Each group's names, in the order of the file (kept for a deterministic expansion order). */
    private final List<List<String>> namesByGroup;

    private AliasTable(Map<String, String> groupByKey, Map<String, List<String>> namesByGroup) {
        this.groupByKey = Map.copyOf(groupByKey);
        this.namesByGroup = List.copyOf(namesByGroup.values());
    }

    public static AliasTable bundled() {
        try (InputStream in = AliasTable.class.getResourceAsStream("/aliases.txt")) {
            if (in == null) {
                throw new IllegalStateException("aliases.txt is missing from the jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AliasTable parse(List<String> lines) {
        Map<String, String> groupByKey = new HashMap<>();
        Map<String, List<String>> namesByGroup = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] names = trimmed.split("\\|");
            String group = "alias:" + NameKey.of(names[0]);
            namesByGroup.put(group, java.util.Arrays.stream(names).map(String::strip).filter(n -> !n.isEmpty()).toList());
            for (String name : names) {
                String key = NameKey.of(name);
                if (!key.isEmpty()) {
                    String previous = groupByKey.putIfAbsent(key, group);
                    if (previous != null && !previous.equals(group)) {
                        throw new IllegalArgumentException("aliases.txt: '" + name + "' is in two groups");
                    }
                }
            }
        }
        return new AliasTable(groupByKey, namesByGroup);
    }

    /**
     * The Chinese names of every listed actor the text mentions by any of its names, in the
     * order of this file: "What did Putin tell Trump?" gives 特朗普, 川普, ..., 普京, 普丁, ....
     * Latin names match as whole words, case-insensitively; Chinese names in either script.
     */
    public List<String> chineseNamesMentionedIn(String text) {
        String folded = NameKey.of(text);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        List<String> out = new java.util.ArrayList<>();
        for (List<String> names : namesByGroup) {
            boolean mentioned = names.stream().anyMatch(n -> isLatin(n) ? mentionsWord(text, lower, n)
                    : folded.contains(NameKey.of(n)));
            if (mentioned) {
                names.stream().filter(n -> !isLatin(n)).forEach(out::add);
            }
        }
        return out;
    }

    /** Short all-capital names (US, UN, EU) match only in capitals: "tell us" is not the US. */
    private static boolean mentionsWord(String text, String lower, String name) {
        boolean acronym = name.length() <= 4 && name.equals(name.toUpperCase(java.util.Locale.ROOT));
        String haystack = acronym ? text : lower;
        String needle = acronym ? name : name.toLowerCase(java.util.Locale.ROOT);
        return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(needle)
                + "(?![\\p{L}\\p{N}])").matcher(haystack).find();
    }

    private static boolean isLatin(String name) {
        return name.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** The group a folded name belongs to, if listed. */
    Optional<String> group(String key) {
        return Optional.ofNullable(groupByKey.get(key));
    }
}
