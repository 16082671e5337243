package dev.briefing.openai;

import dev.briefing.error.BriefingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An OpenAI-compatible server's base URL: what a user writes for vLLM ({@code http://gpu1:8000/v1}),
 * llama-server ({@code http://127.0.0.1:8080/v1}) or LM Studio ({@code http://localhost:1234/v1}).
 * The path must end in {@code /v1}: that is how a {@code --host} says "not Ollama". Without a scheme,
 * http is meant; a trailing slash is dropped.
 */
public record OpenAiHost(String baseUrl) {

    public OpenAiHost {
        if (baseUrl == null || !serves(baseUrl)) {
            throw new IllegalArgumentException("an OpenAI-compatible base URL ends in /v1: " + baseUrl);
        }
    }

    /** True for any value whose path ends in {@code /v1} (with or without a trailing slash). */
    public static boolean serves(String host) {
        if (host == null) {
            return false;
        }
        String s = strip(host).toLowerCase(Locale.ROOT);
        return s.endsWith("/v1") && s.length() > 3;
    }

    /**
     * @throws BriefingException (usage) when the scheme is not http/https or there is no host name
     */
    public static OpenAiHost parse(String value) {
        String s = strip(value);
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw BriefingException.usage("'" + value.strip() + "' is not a URL",
                    "write the server's base URL, e.g. http://127.0.0.1:8000/v1");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw BriefingException.usage("unsupported scheme '" + scheme + "' in host '" + value.strip() + "'",
                    "use http://HOST:PORT/v1 or https://HOST:PORT/v1");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw BriefingException.usage("no host name in '" + value.strip() + "'",
                    "write the server's base URL, e.g. http://127.0.0.1:8000/v1");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // A key in the URL would be printed and recorded with the host.
            throw BriefingException.usage("the host '" + uri.getScheme() + "://" + uri.getHost()
                    + "...' carries credentials or a query", "pass the API key in OPENAI_API_KEY or BRIEFING_API_KEY");
        }
        return new OpenAiHost(scheme + "://" + uri.getRawAuthority() + uri.getRawPath());
    }

    private static String strip(String value) {
        String s = value == null ? "" : value.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1).strip();
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}
