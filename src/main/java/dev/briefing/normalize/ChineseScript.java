package dev.briefing.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Traditional/simplified Chinese, by ICU's maintained conversion rules: as the build copied them
 * from ICU (HanKinds: each character's kind, and Traditional-Simplified's rules, applied as ICU
 * applies them), or asked of ICU itself when the jar has no copy made from the ICU it runs with.
 * ICU's Transliterator instances are not thread-safe, so each is used under its own lock.
 */
public final class ChineseScript {
    static final int TRADITIONAL_ONLY = 1;
    static final int SIMPLIFIED_ONLY = 2;

    /** Han code point -> which conversions change it; the Han repertoire bounds its size. */
    private static final Map<Integer, Integer> KIND = new ConcurrentHashMap<>();

    private ChineseScript() {
    }

    /** Loaded on first use: building ICU's rule tables takes a noticeable moment. */
    private static final class Tables {
        static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
        static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");

        static {
            if (!IN_PHRASES.isDone()) {
                // Read from the rules off the critical path: until it is known, every text is asked of ICU.
                Transliterator rules = TO_SIMPLIFIED;
                Thread reader = new Thread(() -> IN_PHRASES.complete(inPhrases(rules)), "script-phrases");
                reader.setDaemon(true);
                reader.start();
            }
        }
    }

    /**
     * Han characters a changing rule needs although they do not change on their own (祇 in
     * 祇管 > 只管); null when a rule is more than "source > target;", so no text is taken as
     * unchanged without asking ICU. Not done until ICU's tables are built and their rules read.
     */
    private static final java.util.concurrent.CompletableFuture<java.util.Set<Integer>> IN_PHRASES =
            new java.util.concurrent.CompletableFuture<>();

    /** For tests: waits until the shortcut is known, so what they check is the shortcut, not ICU. */
    static java.util.Set<Integer> awaitShortcut() throws Exception {
        if (!IN_PHRASES.isDone()) {
            Tables.TO_SIMPLIFIED.getID();
        }
        return IN_PHRASES.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A rule with no context, variable or set: "source > target;". */
    static final java.util.regex.Pattern PLAIN_RULE =
            java.util.regex.Pattern.compile("([^\\s>;{}\\[\\]:|$]+) > ([^\\s>;{}\\[\\]:|$]*);");

    static java.util.Set<Integer> inPhrases(Transliterator toSimplified) {
        java.util.Set<Integer> needed = new java.util.HashSet<>();
        String all;
        synchronized (toSimplified) {
            all = toSimplified.toRules(false);
        }
        for (String line : all.lines().toList()) {
            java.util.regex.Matcher rule = PLAIN_RULE.matcher(line.strip());
            if (!rule.matches()) {
                return null;
            }
            String source = rule.group(1);
            if (source.equals(rule.group(2))) {
                continue;
            }
            boolean changesAlone = source.codePoints().anyMatch(cp -> {
                String c = Character.toString(cp);
                return !convert(toSimplified, c).equals(c);
            });
            if (!changesAlone) {
                source.codePoints().forEach(needed::add);
            }
        }
        return java.util.Set.copyOf(needed);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREPARING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Builds ICU's tables on a daemon thread now (once: later calls return at once), so the first text converted does not wait the
     * whole time for them (a caller that needs them meanwhile waits for that thread to finish).
     * Any failure is left for that first use to report.
     */
    public static void prepareInBackground() {
        if (RULES != null || !PREPARING.compareAndSet(false, true)) {
            return; // the build's rules need no preparing
        }
        Thread t = new Thread(() -> {
            try {
                Tables.TO_SIMPLIFIED.getID();
            } catch (RuntimeException | LinkageError leftForFirstUse) {
                // the first conversion meets it again and reports it
            }
        }, "script-tables");
        t.setDaemon(true);
        t.start();
    }

    /**
     * ICU's rule-based conversion costs microseconds per character, and the same short texts
     * (quotes, names, event titles) are converted again and again while a day is verified and
     * merged; converted texts are remembered, up to a bound.
     */
    private static final RememberedTexts SIMPLIFIED = RememberedTexts.of(50_000, 2_000, ChineseScript::simplified);

    /**
     * What toSimplified and foldForMatching follow besides the text: ICU's version (its tables)
     * and this class's own rules (raise the number when SHARED_VARIANTS or the conversion changes).
     */
    public static String conversionVersion() {
        return "icu " + com.ibm.icu.util.VersionInfo.ICU_VERSION + ", folding 1";
    }

    public static String toSimplified(String text) {
        Objects.requireNonNull(text, "text");
        // Exact, not a guess: a rule of ICU's Traditional-Simplified that changes a text holds a
        // character it changes on its own, or one of the few its phrase rules need (IN_PHRASES,
        // read from the rules), so a text with none of them comes back as it is. Most news
        // paragraphs are simplified, and ICU's rules cost microseconds per character.
        if (!mayChangeToSimplified(text)) {
            return text;
        }
        return SIMPLIFIED.apply(text);
    }

    /**
     * Characters ICU's Traditional-Simplified leaves alone because they are valid simplified
     * characters too (覆 as in 覆盖, 著 as in 著名), while a traditional text also writes them
     * where simplified writes another character (反覆 = 反复, 隨著 = 随着). Matching folds both
     * sides to one form; display never uses this.
     */
    private static final Map<Character, Character> SHARED_VARIANTS = Map.of('覆', '复', '著', '着');

    /**
     * The simplified form for comparing texts: {@link #toSimplified} plus the shared variants
     * folded, one character for one, so offsets line up whenever toSimplified's do.
     */
    public static String foldForMatching(String text) {
        String simplified = toSimplified(text);
        StringBuilder out = null;
        for (int i = 0; i < simplified.length(); i++) {
            Character variant = SHARED_VARIANTS.get(simplified.charAt(i));
            if (variant != null) {
                if (out == null) {
                    out = new StringBuilder(simplified);
                }
                out.setCharAt(i, variant);
            }
        }
        return out == null ? simplified : out.toString();
    }

    /**
     * Counts Han characters that only exist in traditional script (changed by
     * traditional-to-simplified) against those only in simplified script. Characters shared
     * by both scripts do not count. A tie with Han present is SIMPLIFIED, the common case.
     */
    public static Script detect(String text) {
        return detect(text, Script.SIMPLIFIED);
    }

    /**
     * As {@link #detect(String)}, but a text whose Han characters lean neither way (only
     * characters both scripts share, or as many of each) is {@code tie}: a page in traditional
     * script calls such a text traditional, one in simplified script simplified.
     */
    public static Script detect(String text, Script tie) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tie, "tie");
        int han = 0;
        int traditional = 0;
        int simplified = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!dev.briefing.ingest.Han.is(cp)) {
                continue;
            }
            han++;
            int kind = kind(cp);
            if ((kind & TRADITIONAL_ONLY) != 0) {
                traditional++;
            }
            if ((kind & SIMPLIFIED_ONLY) != 0) {
                simplified++;
            }
        }
        if (han == 0) {
            return Script.NONE;
        }
        if (traditional == simplified) {
            return tie == Script.NONE ? Script.SIMPLIFIED : tie;
        }
        return traditional > simplified ? Script.TRADITIONAL : Script.SIMPLIFIED;
    }

    /**
     * Whether Traditional-Simplified may change {@code text}: it holds a Han character the
     * conversion changes on its own, or one a changing phrase rule needs.
     */
    static boolean mayChangeToSimplified(String text) {
        java.util.Set<Integer> inPhrases = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (dev.briefing.ingest.Han.is(cp)) {
                if (inPhrases == null) {
                    inPhrases = IN_PHRASES.getNow(null);
                    if (inPhrases == null) {
                        return true;
                    }
                }
                if ((kind(cp) & TRADITIONAL_ONLY) != 0 || inPhrases.contains(cp)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A Han code point's kind. The Basic Multilingual Plane's are kept in an array (one byte each,
     * the kind plus one, 0 while unknown: two threads that race only compute the same value twice);
     * the rare characters above it in {@link #KIND}.
     */
    static int kind(int codePoint) {
        if (codePoint < BMP_KIND.length) {
            int known = BMP_KIND[codePoint];
            if (known != 0) {
                return known - 1;
            }
            if (TABLED) {
                return 0;
            }
            int kind = kindOf(codePoint);
            BMP_KIND[codePoint] = (byte) (kind + 1);
            return kind;
        }
        return TABLED ? KIND.getOrDefault(codePoint, 0) : KIND.computeIfAbsent(codePoint, ChineseScript::kindOf);
    }

    /** Whether the kinds came from the build's table rather than from ICU at run time. */
    static boolean tabled() {
        return TABLED;
    }

    /** Whether converting applies the build's copy of ICU's rules rather than ICU's tables. */
    static boolean convertsWithoutIcu() {
        return RULES != null;
    }

    private static final byte[] BMP_KIND = new byte[0x10000];

    private static int kindOf(int codePoint) {
        return kindOf(Tables.TO_SIMPLIFIED, Tables.TO_TRADITIONAL, codePoint);
    }

    /** Which of the two conversions change {@code codePoint} on its own. */
    static int kindOf(Transliterator toSimplified, Transliterator toTraditional, int codePoint) {
        String c = Character.toString(codePoint);
        int kind = 0;
        if (!convert(toSimplified, c).equals(c)) {
            kind |= TRADITIONAL_ONLY;
        }
        if (!convert(toTraditional, c).equals(c)) {
            kind |= SIMPLIFIED_ONLY;
        }
        return kind;
    }

    /** Traditional-Simplified of {@code text}: by the build's rules when the jar has them, else by ICU. */
    private static String simplified(String text) {
        return RULES != null ? applyRules(text) : convert(Tables.TO_SIMPLIFIED, text);
    }

    /**
     * The rules applied as ICU's rule-based transliterator applies plain rules: at each position
     * the first rule, in the rules' order, whose source is there replaces it and the text goes on
     * after it; where none is, the character stays. (ICU refuses a rule set in which an earlier
     * rule hides a later one, so the first is also the longest.) ChineseScriptTest checks this
     * against ICU on every rule's source and on random texts.
     */
    private static String applyRules(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            HanKinds.Rule[] candidates = cp < FIRST_RULED ? null : RULES.get(cp);
            HanKinds.Rule match = null;
            if (candidates != null) {
                for (HanKinds.Rule r : candidates) {
                    if (text.startsWith(r.source(), i)) {
                        match = r;
                        break;
                    }
                }
            }
            if (match == null) {
                i += Character.charCount(cp);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, i).append(match.target());
            i += match.source().length();
            copied = i;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The rules by the first code point of their source, each list in the rules' order. */
    static Map<Integer, HanKinds.Rule[]> byFirstCodePoint(java.util.List<HanKinds.Rule> rules) {
        Map<Integer, java.util.List<HanKinds.Rule>> grouped = new java.util.HashMap<>();
        for (HanKinds.Rule r : rules) {
            grouped.computeIfAbsent(r.source().codePointAt(0), k -> new java.util.ArrayList<>()).add(r);
        }
        Map<Integer, HanKinds.Rule[]> out = new java.util.HashMap<>(grouped.size() * 2);
        grouped.forEach((cp, list) -> out.put(cp, list.toArray(HanKinds.Rule[]::new)));
        return out;
    }

    private static String convert(Transliterator transliterator, String text) {
        synchronized (transliterator) {
            return transliterator.transliterate(text);
        }
    }

    /**
     * The kinds worked out at build time from this ICU (HanKinds), when the jar has them: then no
     * kind and no shortcut waits for ICU's tables, and converting applies the rules copied with them.
     */
    private static final boolean TABLED;
    /** Traditional-Simplified's rules from the build's table, by first code point; null when converting asks ICU. */
    private static final Map<Integer, HanKinds.Rule[]> RULES;
    /** The lowest code point a rule's source starts with: below it (Latin, digits) nothing is looked up. */
    private static final int FIRST_RULED;

    static {
        java.util.Optional<HanKinds> bundled = HanKinds.bundled();
        TABLED = bundled.isPresent();
        RULES = bundled.map(HanKinds::rules).map(ChineseScript::byFirstCodePoint).orElse(null);
        FIRST_RULED = RULES == null ? Integer.MAX_VALUE
                : RULES.keySet().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        bundled.ifPresent(table -> {
            table.kinds().forEach((codePoint, kind) -> {
                if (codePoint < BMP_KIND.length) {
                    BMP_KIND[codePoint] = (byte) (kind + 1);
                } else {
                    KIND.put(codePoint, kind);
                }
            });
            IN_PHRASES.complete(table.inPhrases());
        });
    }
}
