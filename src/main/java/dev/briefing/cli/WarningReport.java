package dev.briefing.cli;

import dev.briefing.reduce.Briefing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warnings of a run on stderr: each once, those of one kind as one line with their count
 * ({@code 87 duplicate files skipped (-v lists them)}), and a last line saying what the reader
 * of the briefing will miss. Warnings are free text made by each stage; the kinds are read from
 * their fixed wording here, in one place, rather than threading a type through every stage.
 */
final class WarningReport {
    private static final Pattern DUPLICATE = Pattern.compile("skipped .+: same article as .+");
    private static final Pattern SKIPPED = Pattern.compile("skipped (.+?): (.+)");
    private static final Pattern TRUNCATED = Pattern.compile("truncated .+");
    private static final Pattern CHUNK_FAILED = Pattern.compile("chunk failed, its text is not in this briefing: .+");
    private static final Pattern ECHO = Pattern.compile(".+: dropped \\d+ notes that repeated the model's instructions.*");
    private static final Pattern ITEM_DROPPED = Pattern.compile("(disagreement|open question) dropped: .+");

    private WarningReport() {
    }

    /** Up to this many warnings of a kind are listed one a line; more are one line with their count. */
    static final int LISTED = 3;

    /** A kind of warning and how a group of them is told: "{n} duplicate files skipped". */
    record Group(String label, List<String> items) {
        boolean counted() {
            return items.size() > LISTED;
        }

        List<String> lines() {
            if (!counted()) {
                return items.stream().map(i -> "warning: " + i).toList();
            }
            return List.of("warning: " + String.format(Locale.ROOT, label, items.size()) + " (-v lists them)");
        }
    }

    static List<Group> group(List<String> warnings) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String w : new LinkedHashSet<>(warnings)) {
            String label = label(w);
            groups.computeIfAbsent(label, l -> new Group(l, new ArrayList<>())).items().add(w);
        }
        return List.copyOf(groups.values());
    }

    private static String label(String w) {
        if (DUPLICATE.matcher(w).matches()) {
            return "%d duplicate files skipped (the same article as a file read before)";
        }
        if (CHUNK_FAILED.matcher(w).matches()) {
            return "%d chunks failed; their text is not in this briefing";
        }
        if (TRUNCATED.matcher(w).matches()) {
            return "%d inputs truncated";
        }
        if (ECHO.matcher(w).matches()) {
            return "%d chunks had notes dropped that repeated the model's instructions";
        }
        Matcher item = ITEM_DROPPED.matcher(w);
        if (item.matches()) {
            return "%d " + item.group(1) + "s dropped (unsupported or repeating the instructions)";
        }
        Matcher skipped = SKIPPED.matcher(w);
        if (skipped.matches()) {
            return "%d files skipped: " + skipped.group(2).replace("%", "%%");
        }
        // One of a kind: the text itself is the group, so an identical warning is told once.
        return w.replace("%", "%%");
    }

    /** Prints the warnings grouped (each item too when verbose); nothing when quiet. */
    static void print(List<String> warnings, boolean verbose, boolean quiet, PrintStream err) {
        if (quiet) {
            return;
        }
        for (Group g : group(warnings)) {
            g.lines().forEach(err::println);
            if (verbose && g.counted()) {
                g.items().forEach(item -> err.println("  " + item));
            }
        }
    }

    /**
     * Why the briefing has no summary, or null when it has one. A briefing without a summary is
     * incomplete (exit 1): its reader gets the timeline but not what it means.
     */
    static String summaryLost(Briefing b) {
        if (!b.summary().text().isBlank()) {
            return null;
        }
        String why = b.warnings().stream()
                .filter(w -> w.startsWith("summary dropped") || w.startsWith("synthesis failed")
                        || w.startsWith("no notes survived"))
                .findFirst().orElse("the synthesis wrote none");
        return why;
    }

    /**
     * The last line: what the reader of this briefing will miss, or null when nothing is missing.
     * Errors say "error:" and are printed even with -q.
     */
    static String finalLine(Briefing b, List<String> warnings) {
        List<String> missing = new ArrayList<>();
        String noSummary = summaryLost(b);
        if (noSummary != null) {
            missing.add("no summary (" + noSummary + ")");
        }
        int failed = b.run().failedChunks().size();
        if (failed > 0) {
            missing.add(failed + " part(s) failed, listed under run.failedChunks");
        }
        long skipped = new LinkedHashSet<>(warnings).stream().filter(w -> w.startsWith("skipped ")).count();
        long dropped = b.run().droppedItems();
        if (missing.isEmpty()) {
            List<String> less = new ArrayList<>();
            if (skipped > 0) {
                less.add(skipped + " input file(s) skipped");
            }
            if (dropped > 0) {
                less.add(dropped + " unsupported item(s) left out");
            }
            return less.isEmpty() ? null : "the briefing leaves out: " + String.join("; ", less);
        }
        if (skipped > 0) {
            missing.add(skipped + " input file(s) skipped");
        }
        return "error: the briefing is incomplete: " + String.join("; ", missing) + "; the rest was written";
    }
}
