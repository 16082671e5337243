package dev.briefing.ingest;

/**
 * Whether a code point is a Han character, as {@link Character.UnicodeScript#of} says, without its
 * binary search over every script's ranges for the characters news text is made of: the CJK
 * Unified Ideographs, answered by a range check. Every later stage counts Han characters
 * (what is prose, which script, which language tag), character by character over every article.
 */
public final class Han {
    private static final int UNIFIED_FIRST = 0x4E00;
    /** The last of the unbroken run of Han from U+4E00 in this JDK's Unicode (9FFC in Unicode 13, 9FFF in 14). */
    private static final int UNIFIED_LAST = lastOfRunFrom(UNIFIED_FIRST);
    /** Below the CJK radicals no character is Han: Latin, digits and punctuation are answered at once. */
    private static final int FIRST = 0x2E80;

    private Han() {
    }

    /**
     * Whether {@code codePoint} is one of the CJK Unified Ideographs this JDK assigns: a Han letter
     * ({@link Character#OTHER_LETTER}), never whitespace, without asking the character tables.
     */
    public static boolean isUnifiedIdeograph(int codePoint) {
        return codePoint >= UNIFIED_FIRST && codePoint <= UNIFIED_LAST;
    }

    public static boolean is(int codePoint) {
        if (codePoint >= UNIFIED_FIRST && codePoint <= UNIFIED_LAST) {
            return true;
        }
        return codePoint >= FIRST && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static int lastOfRunFrom(int first) {
        int cp = first;
        while (Character.UnicodeScript.of(cp + 1) == Character.UnicodeScript.HAN) {
            cp++;
        }
        return cp;
    }
}
