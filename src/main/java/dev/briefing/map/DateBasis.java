package dev.briefing.map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an event's ISO date was reached: {@code STATED} when the article's date text gives year,
 * month and day; {@code INFERRED} when part of it (the year, or the day of "明天", "次日") came
 * from the article's other dates. Readers see inferred dates marked as such.
 */
public enum DateBasis {
    STATED, INFERRED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DateBasis from(String value) {
        return value == null ? null : valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
