package dev.briefing.ask;

import dev.briefing.reduce.AliasTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** For the benchmark: the queries {@code briefing ask} searches for a question before any model call. */
public final class SearchQueries {
    private static final AliasTable ALIASES = AliasTable.bundled();

    private SearchQueries() {
    }

    /** The question itself, then its known names and dates (what {@link Asker#plan} searches). */
    public static List<String> of(String question) {
        Set<String> queries = new LinkedHashSet<>(List.of(question.strip()));
        String expansion = QueryExpansion.of(question, ALIASES);
        if (!expansion.isEmpty()) {
            queries.add(expansion);
        }
        return List.copyOf(queries);
    }
}
