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

    private AliasTable(Map<String, String> groupByKey) {
        this.groupByKey = Map.copyOf(groupByKey);
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
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] names = trimmed.split("\\|");
            String group = "alias:" + NameKey.of(names[0]);
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
        return new AliasTable(groupByKey);
    }

    /** The group a folded name belongs to, if listed. */
    Optional<String> group(String key) {
        return Optional.ofNullable(groupByKey.get(key));
    }
}
