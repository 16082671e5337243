package dev.briefing.reduce;

import dev.briefing.map.ActorType;
import dev.briefing.map.ChunkNotes.ActorNote;
import dev.briefing.reduce.Briefing.Actor;
import dev.briefing.verify.Citation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Merges the actors every chunk named into one list: variants in either script, listed
 * aliases (特朗普 / 川普 / Trump), and a person named with a title ("美国总统特朗普")
 * become one actor with all their names and all their citations.
 */
public final class ActorMerger {
    private final AliasTable aliases;

    public ActorMerger(AliasTable aliases) {
        this.aliases = aliases;
    }

    /**
     * @param actors   merged, ids a1.. in order of how many articles name them
     * @param resolver a name as some note wrote it to the id of the actor it refers to
     */
    public record Merged(List<Actor> actors, Function<String, Optional<String>> resolver) {
    }

    public Merged merge(List<ActorNote> notes, Comparator<Citation> citationOrder) {
        Map<String, List<ActorNote>> byGroup = new LinkedHashMap<>();
        Map<String, String> groupByKey = new HashMap<>();
        List<ActorNote> shortestFirst = new ArrayList<>(notes);
        // Shorter names first, so "特朗普" has a group before "美国总统特朗普" looks for one.
        shortestFirst.sort(Comparator.comparingInt(n -> NameKey.of(n.name()).length()));
        for (ActorNote note : shortestFirst) {
            String key = NameKey.of(note.name());
            if (key.isEmpty()) {
                continue;
            }
            String group = groupByKey.computeIfAbsent(key, k -> groupFor(k, note.type(), groupByKey));
            byGroup.computeIfAbsent(group, g -> new ArrayList<>());
        }
        for (ActorNote note : notes) {
            String key = NameKey.of(note.name());
            if (!key.isEmpty()) {
                byGroup.get(groupByKey.get(key)).add(note);
            }
        }
        List<Draft> drafts = byGroup.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> Draft.of(e.getKey(), e.getValue(), citationOrder))
                .collect(Collectors.toCollection(ArrayList::new));
        drafts.sort(Comparator.comparingLong((Draft d) -> -d.articleCount())
                .thenComparingInt(d -> -d.citations.size())
                .thenComparing(d -> d.name));
        List<Actor> actors = new ArrayList<>();
        Map<String, String> idByGroup = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String id = "a" + (i + 1);
            actors.add(new Actor(id, d.name, d.aliases, d.type, d.role, d.citations));
            idByGroup.put(d.group, id);
        }
        Map<String, String> idByKey = new HashMap<>();
        groupByKey.forEach((key, group) -> {
            if (idByGroup.containsKey(group)) {
                idByKey.put(key, idByGroup.get(group));
            }
        });
        Function<String, Optional<String>> resolver = name -> resolve(name, idByKey, idByGroup);
        return new Merged(actors, resolver);
    }

    private String groupFor(String key, ActorType type, Map<String, String> groupByKey) {
        Optional<String> listed = aliases.group(key);
        if (listed.isPresent()) {
            return listed.get();
        }
        if (type == ActorType.PERSON) {
            // A person's name with a title or country in front of it: 美国总统特朗普 -> 特朗普.
            for (Map.Entry<String, String> known : groupByKey.entrySet()) {
                if (known.getKey().length() >= 2 && key.endsWith(known.getKey())) {
                    return known.getValue();
                }
            }
            Optional<String> aliasSuffix = suffixAlias(key);
            if (aliasSuffix.isPresent()) {
                return aliasSuffix.get();
            }
        }
        return "name:" + key;
    }

    private Optional<String> suffixAlias(String key) {
        for (int i = 1; i <= key.length() - 2; i++) {
            Optional<String> group = aliases.group(key.substring(i));
            if (group.isPresent()) {
                return group;
            }
        }
        return Optional.empty();
    }

    private Optional<String> resolve(String name, Map<String, String> idByKey, Map<String, String> idByGroup) {
        String key = NameKey.of(name);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (idByKey.containsKey(key)) {
            return Optional.of(idByKey.get(key));
        }
        Optional<String> listed = aliases.group(key).or(() -> suffixAlias(key));
        if (listed.isPresent() && idByGroup.containsKey(listed.get())) {
            return Optional.of(idByGroup.get(listed.get()));
        }
        for (Map.Entry<String, String> known : idByKey.entrySet()) {
            if (known.getKey().length() >= 2 && key.endsWith(known.getKey())) {
                return Optional.of(known.getValue());
            }
        }
        return Optional.empty();
    }

    private static final class Draft {
        String group;
        String name;
        List<String> aliases;
        ActorType type;
        String role;
        List<Citation> citations;

        static Draft of(String group, List<ActorNote> notes, Comparator<Citation> citationOrder) {
            Draft d = new Draft();
            d.group = group;
            Map<String, Long> nameCounts = notes.stream().collect(Collectors.groupingBy(
                    n -> n.name().strip(), LinkedHashMap::new, Collectors.counting()));
            d.name = mostCommon(nameCounts);
            d.aliases = nameCounts.keySet().stream().filter(n -> !n.equals(d.name)).toList();
            d.type = mostCommon(notes.stream().collect(Collectors.groupingBy(
                    ActorNote::type, LinkedHashMap::new, Collectors.counting())));
            d.role = notes.stream().map(ActorNote::role).filter(r -> !r.isBlank()).findFirst().orElse("");
            d.citations = notes.stream().flatMap(n -> n.citations().stream()).distinct()
                    .sorted(citationOrder).toList();
            return d;
        }

        long articleCount() {
            return citations.stream().map(Citation::article).distinct().count();
        }

        private static <T> T mostCommon(Map<T, Long> counts) {
            T best = null;
            long bestCount = -1;
            for (Map.Entry<T, Long> e : counts.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            return best;
        }
    }
}
