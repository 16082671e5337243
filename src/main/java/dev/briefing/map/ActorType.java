package dev.briefing.map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum ActorType {
    PERSON, COUNTRY, ORGANIZATION, OTHER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lenient: a model may say "Person" or "org"; anything unknown is OTHER. */
    @JsonCreator
    public static ActorType from(String value) {
        if (value == null) {
            return OTHER;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "person", "people", "individual" -> PERSON;
            case "country", "state", "nation", "government" -> COUNTRY;
            case "organization", "organisation", "org", "institution", "company", "party" -> ORGANIZATION;
            default -> OTHER;
        };
    }
}
