package dev.briefing.map;

import java.util.List;

/** The map call's reply as the model wrote it, before any citation is checked. */
record MapReply(List<Event> events, List<Actor> actors, List<Claim> claims, List<Question> openQuestions) {
    MapReply {
        events = events == null ? List.of() : events;
        actors = actors == null ? List.of() : actors;
        claims = claims == null ? List.of() : claims;
        openQuestions = openQuestions == null ? List.of() : openQuestions;
    }

    /** @param gloss the quote translated into the briefing's language, when that is not the article's; else null */
    record Cited(int paragraph, String quote, String gloss) {
    }

    record Event(String title, String description, String dateText, String date, String where, List<String> actors,
            List<Cited> citations) {
    }

    record Actor(String name, String type, String role, List<Cited> citations) {
    }

    record Claim(String topic, String claim, List<Cited> citations) {
    }

    record Question(String question, String context, List<Cited> citations) {
    }
}
