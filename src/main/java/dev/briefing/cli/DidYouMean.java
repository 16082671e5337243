package dev.briefing.cli;

import java.util.Collection;
import java.util.Locale;

/** "did you mean 'brief'?": the known name nearest to what was typed, if it is near enough to be a typo. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The nearest name within an edit distance of 2 (1 for names of up to 4 letters), or null. */
    static String nearest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(t, name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        int allowed = t.length() <= 4 ? 1 : 2;
        return best != null && bestDistance <= allowed && bestDistance > 0 ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit (breif -> brief). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
