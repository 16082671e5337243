package dev.briefing.normalize;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines that belong to the publishing platform, not the article. Each pattern is matched
 * against a whole trimmed line and notes where it was seen; add new ones here, with their
 * origin, rather than in the normalizer.
 */
final class Boilerplate {
    private record Rule(Pattern pattern, String origin) {
    }

    /** Brackets, punctuation or symbols before a footer phrase: "（责任编辑：王五）", "▲点击关注". */
    private static final String LEAD = "^[\\p{Punct}\\p{IsPunctuation}\\p{So}\\s]*";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^!\\[[^\\]]*]\\([^)]*\\)$"),
                    "image placeholders left by HTML-to-text export, seeds 000 and 002"),
            new Rule(Pattern.compile("^[0-9０-９]+$"),
                    "bare paragraph numbers, seed 002 numbers every paragraph"),
            new Rule(Pattern.compile("^(特别声明|特別聲明)[:：]?\\s*以上(内容|內容)"),
                    "NetEase (网易号) self-media disclaimer, seeds 000 and 002"),
            new Rule(Pattern.compile("^Notice: The content above", Pattern.CASE_INSENSITIVE),
                    "English NetEase disclaimer that follows the Chinese one, seeds 000 and 002"),
            new Rule(Pattern.compile(LEAD + "(免责声明|免責聲明)"),
                    "portal and self-media disclaimers (Sohu, Toutiao, Baijiahao)"),
            new Rule(Pattern.compile(LEAD + "(责任编辑|責任編輯)\\s*[:：]"),
                    "editor bylines at the end of portal articles (Sina, NetEase, Xinhua)"),
            new Rule(Pattern.compile(LEAD + "(版权声明|版權聲明)"),
                    "copyright footers of WeChat and self-media accounts"),
            new Rule(Pattern.compile(LEAD + "本文(来自|來自)"),
                    "repost attributions (\"本文来自微信公众号...\")"),
            new Rule(Pattern.compile(LEAD + "(点击关注|點擊關注)"),
                    "follow-us prompts of WeChat and Toutiao accounts"),
            new Rule(Pattern.compile("^[(（]完[)）]$"),
                    "end-of-story mark of wire copy (Xinhua, CNS)"));

    /** Inline images inside a line of text. */
    private static final Pattern INLINE_IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");

    private Boilerplate() {
    }

    static {
        for (Rule rule : RULES) {
            if (!rule.pattern().pattern().startsWith("^")) {
                throw new IllegalStateException("a boilerplate rule must be anchored at the line's start: " + rule);
            }
        }
    }

    /**
     * Whether a rule matches from the line's start. Every rule is anchored there (checked above),
     * so {@code lookingAt} is what {@code find} would say, without trying every later position of
     * every line of every article first.
     */
    static boolean matches(String trimmedLine) {
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(trimmedLine).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    static String removeInlineImages(String line) {
        return INLINE_IMAGE.matcher(line).replaceAll("");
    }
}
