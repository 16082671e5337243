package dev.briefing.pipeline;

import dev.briefing.error.BriefingException;
import dev.briefing.normalize.Article;
import dev.briefing.normalize.Script;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The language of the briefing's own prose (quotes always stay as written).
 *
 * @param code       BCP 47 tag written into the briefing: zh-Hans, zh-Hant or en
 * @param promptName how prompts name it to the model
 */
public record Language(String code, String promptName) {
    public static final Language SIMPLIFIED = new Language("zh-Hans", "Simplified Chinese (简体中文)");
    public static final Language TRADITIONAL = new Language("zh-Hant", "Traditional Chinese (繁體中文)");
    public static final Language ENGLISH = new Language("en", "English");

    public Language {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(promptName, "promptName");
    }

    /**
     * @param requested null for the articles' own language; "zh" for Chinese in the script most
     *                  articles use; "zh-Hans", "zh-Hant" or "en" explicitly
     */
    public static Language resolve(String requested, List<Article> articles) {
        long traditional = articles.stream().filter(a -> a.script() == Script.TRADITIONAL).count();
        long simplified = articles.stream().filter(a -> a.script() == Script.SIMPLIFIED).count();
        Language chinese = traditional > simplified ? TRADITIONAL : SIMPLIFIED;
        if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
            return traditional + simplified == 0 ? ENGLISH : chinese;
        }
        return switch (requested.strip().toLowerCase(Locale.ROOT)) {
            case "zh" -> chinese;
            case "zh-hans", "zh-cn", "zh-sg" -> SIMPLIFIED;
            case "zh-hant", "zh-tw", "zh-hk" -> TRADITIONAL;
            case "en", "en-us", "en-gb" -> ENGLISH;
            default -> throw BriefingException.usage("unknown --lang '" + requested + "'",
                    "use zh, zh-Hans, zh-Hant or en");
        };
    }
}
