package dev.briefing.normalize;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.VersionInfo;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ICU's Traditional-Simplified and Simplified-Traditional tables say of each Han character,
 * worked out at build time ({@link #main}, from the ICU on the build's class path, so nothing
 * fetched is committed) and read at start-up in about ten milliseconds: telling a text's script, and
 * whether a text needs converting at all, then waits for no ICU table (building them takes a
 * fifth of a second). With them come Traditional-Simplified's own rules, so converting needs no
 * ICU table either. The file names the ICU version it was made from; another ICU at run time
 * ignores it, and everything is asked of ICU as before.
 *
 * @param kinds     code point to kind (ChineseScript's TRADITIONAL_ONLY | SIMPLIFIED_ONLY bits),
 *                  for every Han character whose kind is not 0
 * @param inPhrases Han characters a changing phrase rule needs (ChineseScript#inPhrases), or
 *                  null when the rules are not all plain and no text may skip ICU
 * @param rules     Traditional-Simplified's rules in ICU's order, each {source, target}, when
 *                  every rule is a plain "source > target;" (then converting is looking them up,
 *                  as ICU does, and needs no ICU table at run time); else null
 */
record HanKinds(String icuVersion, Map<Integer, Integer> kinds, Set<Integer> inPhrases, List<Rule> rules) {
    /** One plain rule: {@code source} is replaced by {@code target}. */
    record Rule(String source, String target) {
        Rule {
            java.util.Objects.requireNonNull(source, "source");
            java.util.Objects.requireNonNull(target, "target");
            if (source.isEmpty()) {
                throw new IllegalArgumentException("a rule needs a source");
            }
        }
    }

    static final String RESOURCE = "han-kinds.bin";
    private static final int MAGIC = 0x48414E4B; // "HANK"
    /** Raised whenever what is computed or how it is written changes. */
    static final int FORMAT = 2;

    HanKinds {
        kinds = Map.copyOf(kinds);
        inPhrases = inPhrases == null ? null : Set.copyOf(inPhrases);
        rules = rules == null ? null : List.copyOf(rules);
    }

    /** The table built with the jar, when it was made from the ICU running now. */
    static Optional<HanKinds> bundled() {
        return usable(HanKinds.class.getResourceAsStream(RESOURCE), VersionInfo.ICU_VERSION.toString());
    }

    /** The table in {@code in} (closed here) when it was made from ICU {@code icuVersion}; else empty. */
    static Optional<HanKinds> usable(InputStream in, String icuVersion) {
        if (in == null) {
            return Optional.empty();
        }
        try (in) {
            HanKinds table = read(in);
            return table.icuVersion().equals(icuVersion) ? Optional.of(table) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // asked of ICU instead, as without the file
        }
    }

    static HanKinds read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a Han kinds table of format " + FORMAT);
        }
        String icu = in.readUTF();
        int phrases = in.readInt();
        Set<Integer> inPhrases = null;
        if (phrases >= 0) {
            inPhrases = new HashSet<>();
            for (int i = 0; i < phrases; i++) {
                inPhrases.add(in.readInt());
            }
        }
        int n = in.readInt();
        Map<Integer, Integer> kinds = new java.util.HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            int codePoint = in.readInt();
            kinds.put(codePoint, (int) in.readByte());
        }
        int ruleCount = in.readInt();
        List<Rule> rules = null;
        if (ruleCount >= 0) {
            rules = new java.util.ArrayList<>(ruleCount);
            for (int i = 0; i < ruleCount; i++) {
                rules.add(new Rule(in.readUTF(), in.readUTF()));
            }
        }
        return new HanKinds(icu, kinds, inPhrases, rules);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(icuVersion);
            if (inPhrases == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(inPhrases.size());
                for (int cp : new java.util.TreeSet<>(inPhrases)) {
                    out.writeInt(cp);
                }
            }
            Map<Integer, Integer> sorted = new TreeMap<>(kinds);
            out.writeInt(sorted.size());
            for (Map.Entry<Integer, Integer> e : sorted.entrySet()) {
                out.writeInt(e.getKey());
                out.writeByte(e.getValue());
            }
            if (rules == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(rules.size());
                for (Rule r : rules) {
                    out.writeUTF(r.source());
                    out.writeUTF(r.target());
                }
            }
        }
    }

    /** Every Han code point's kind, asked of ICU one character at a time. */
    static HanKinds computed() {
        Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        Map<Integer, Integer> kinds = new java.util.HashMap<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
                continue;
            }
            int kind = ChineseScript.kindOf(toSimplified, toTraditional, cp);
            if (kind != 0) {
                kinds.put(cp, kind);
            }
        }
        return new HanKinds(VersionInfo.ICU_VERSION.toString(), kinds, ChineseScript.inPhrases(toSimplified),
                plainRules(toSimplified));
    }

    /** The transliterator's rules in its order, or null when one is more than "source > target;". */
    static List<Rule> plainRules(Transliterator transliterator) {
        if (transliterator.getFilter() != null || transliterator.getElements().length != 1) {
            return null;
        }
        List<Rule> rules = new java.util.ArrayList<>();
        for (String line : transliterator.toRules(false).lines().toList()) {
            java.util.regex.Matcher rule = ChineseScript.PLAIN_RULE.matcher(line.strip());
            if (!rule.matches()) {
                return null;
            }
            rules.add(new Rule(rule.group(1), rule.group(2)));
        }
        return rules;
    }

    /** Writes the table to {@code args[0]} (the build's classes folder), unless an equal one is there. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                if (read(in).icuVersion().equals(VersionInfo.ICU_VERSION.toString())) {
                    return; // made from this ICU in this format already
                }
            } catch (IOException staleFormat) {
                // written again below
            }
        }
        computed().write(file);
    }
}
