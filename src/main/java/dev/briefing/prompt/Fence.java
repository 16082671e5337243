package dev.briefing.prompt;

/**
 * Wraps untrusted text (an article) in a Markdown code fence longer than any backtick run
 * inside it, so nothing in the text can close the fence and pose as instructions.
 */
public final class Fence {
    private Fence() {
    }

    public static String wrap(String info, String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence;
    }
}
