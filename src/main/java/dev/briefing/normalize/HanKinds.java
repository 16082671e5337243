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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ICU's Traditional-Simplified and Simplified-Traditional tables say of each Han character,
 * worked out at build time ({@link #main}, from the ICU on the build's class path, so nothing
 * fetched is committed) and read at start-up in about ten milliseconds: telling a text's script, and
 * whether a text needs converting at all, then waits for no ICU table (building them takes a
 * fifth of a second). The file names the ICU version it was made from; another ICU at run time
 * ignores it, and the kinds are asked of ICU as before.
 *
 * @param kinds     code point to kind (ChineseScript's TRADITIONAL_ONLY | SIMPLIFIED_ONLY bits),
 *                  for every Han character whose kind is not 0
 * @param inPhrases Han characters a changing phrase rule needs (ChineseScript#inPhrases), or
 *                  null when the rules are not all plain and no text may skip ICU
 */
record HanKinds(String icuVersion, Map<Integer, Integer> kinds, Set<Integer> inPhrases) {
    static final String RESOURCE = "han-kinds.bin";
    private static final int MAGIC = 0x48414E4B; // "HANK"
    /** Raised whenever what is computed or how it is written changes. */
    static final int FORMAT = 1;

    HanKinds {
        kinds = Map.copyOf(kinds);
        inPhrases = inPhrases == null ? null : Set.copyOf(inPhrases);
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
        return new HanKinds(icu, kinds, inPhrases);
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
        return new HanKinds(VersionInfo.ICU_VERSION.toString(), kinds, ChineseScript.inPhrases(toSimplified));
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
