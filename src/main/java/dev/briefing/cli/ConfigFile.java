package dev.briefing.cli;

import dev.briefing.error.BriefingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $XDG_CONFIG_HOME/briefing/config}: {@code key = value} lines, {@code #} comments, the keys
 * named as the long options they stand for. A setting there is below its flag and its
 * environment variable, above the built-in default.
 */
record ConfigFile(Path file, Map<String, String> values) {
    /** The options a config file may set: the ones a user fixes once for a machine. */
    static final List<String> KEYS = List.of("model", "host", "lang", "parallel", "out", "timeout", "num-ctx",
            "num-predict", "chunk-tokens", "data-dir");

    ConfigFile {
        values = Map.copyOf(values);
    }

    static ConfigFile none() {
        return new ConfigFile(null, Map.of());
    }

    /** The file's settings; a missing file is no settings, a line that is not a known key is bad usage. */
    static ConfigFile read(Path file) {
        if (file == null) {
            return none();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException e) {
            throw BriefingException.usage("cannot read the config file " + file + ": " + e.getMessage(),
                    "fix its permissions or remove it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEYS.contains(key)) {
                throw BriefingException.usage(file + " line " + (i + 1) + ": '" + line + "' is not a setting",
                        "write key = value, with key one of " + String.join(", ", KEYS));
            }
            String value = line.substring(eq + 1).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return new ConfigFile(file, values);
    }

    String get(String key) {
        return values.get(key);
    }
}
