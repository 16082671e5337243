package dev.briefing.chunk;

import java.util.List;
import java.util.Objects;

/**
 * A CJK-aware token estimate for Qwen- and Llama-style byte-level BPE tokenizers, without
 * loading a tokenizer.
 *
 * <p>The estimate is deliberately conservative: it should over-count, never under-count.
 * Ollama silently truncates a prompt longer than {@code num_ctx} (the oldest input is
 * dropped and the reply is a normal 200), so an estimate that is too small loses article
 * text without any error. One that is too large only costs an extra chunk.
 *
 * <p>How each rule relates to the real tokenizers:
 * <ul>
 *   <li>Han, kana, hangul: 1 each. Qwen2.5 averages well under one token per character on
 *       Chinese news because common words merge; a rare character can take 2-3 byte tokens
 *       in isolation, which the merges elsewhere in a paragraph more than pay for. Llama 3
 *       comes closer to one per character, which is why {@link ChunkBudget} keeps a safety
 *       margin and the caller should still compare {@code prompt_eval_count} with what it
 *       sent.</li>
 *   <li>Digits: 1 each, not one per three. Qwen's pre-tokenizer splits numbers into single
 *       digits ({@code \p{N}} in its split pattern), so "2025" is 4 tokens there; Llama 3's
 *       groups of three would under-count Qwen, the model family we target.</li>
 *   <li>Runs of ASCII letters: ceil(length / 4), at least 1; English averages about four
 *       characters per token.</li>
 *   <li>CJK and full-width punctuation, and any other visible symbol: 1 each; BPE often
 *       merges punctuation runs, so this over-counts.</li>
 *   <li>Whitespace: 0; in English a space merges into the following word's token.</li>
 * </ul>
 */
public final class TokenEstimator {

    /**
     * Chat-template tokens around each message: ChatML's {@code <|im_start|>role\n ...
     * <|im_end|>\n} is 5 tokens, as is Llama 3's header/eot framing.
     */
    public static final int TOKENS_PER_MESSAGE = 5;

    /** The assistant header that primes the reply ({@code <|im_start|>assistant\n}, or Llama 3's BOS + header). */
    public static final int TOKENS_PER_CONVERSATION = 5;

    private static final int ASCII_LETTERS_PER_TOKEN = 4;

    private TokenEstimator() {
    }

    /** Estimated tokens of {@code text}; 0 for an empty or all-whitespace string. */
    public static int estimate(String text) {
        Objects.requireNonNull(text, "text");
        int tokens = 0;
        int letterRun = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isAsciiLetter(cp)) {
                letterRun++;
                continue;
            }
            tokens += letterRunTokens(letterRun);
            letterRun = 0;
            if (!isWhitespace(cp)) {
                // Digits, CJK script, CJK punctuation and every other visible symbol: one each.
                tokens++;
            }
        }
        return tokens + letterRunTokens(letterRun);
    }

    /**
     * Estimated prompt tokens for a conversation whose messages have the given contents,
     * including the chat template's framing. Template-specific extras (a default system
     * prompt the template injects, a date header) are not counted: they belong in the
     * caller's prompt overhead.
     */
    public static int estimateMessages(List<String> parts) {
        Objects.requireNonNull(parts, "parts");
        int tokens = TOKENS_PER_CONVERSATION;
        for (String part : parts) {
            tokens += TOKENS_PER_MESSAGE + estimate(part);
        }
        return tokens;
    }

    private static int letterRunTokens(int run) {
        return (run + ASCII_LETTERS_PER_TOKEN - 1) / ASCII_LETTERS_PER_TOKEN;
    }

    private static boolean isAsciiLetter(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }

    // The ideographic space U+3000 is a visible-width character in CJK layout and gets its
    // own token, so only Unicode whitespace other than it counts as free.
    private static boolean isWhitespace(int cp) {
        if (cp > '\u3000' || (cp > ' ' && cp < 0x7F)) {
            // Every Unicode space or whitespace character is at most U+3000, and printable ASCII is
            // none: the common case (Han, CJK punctuation, ASCII text) needs no table lookup.
            return false;
        }
        return cp != '\u3000' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }
}
