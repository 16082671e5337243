package dev.briefing.normalize;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which Chinese script an article is written in. */
public enum Script {
    SIMPLIFIED, TRADITIONAL, NONE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
