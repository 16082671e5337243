package dev.briefing.ollama;

import dev.briefing.error.BriefingException;
import java.net.URI;
import java.util.Locale;

/**
 * Where the Ollama server listens, parsed from {@code --host} or {@code OLLAMA_HOST} the way
 * Ollama itself parses {@code OLLAMA_HOST} ({@code envconfig.Host()} in ollama/ollama):
 * <ul>
 *   <li>surrounding whitespace and quotes are dropped; blank means {@code http://127.0.0.1:11434};
 *   <li>without {@code ://} the scheme is http and the default port 11434;
 *   <li>{@code http://} without a port means port 80, {@code https://} port 443;
 *   <li>anything after the first {@code /} following the host is ignored (Ollama keeps it as a
 *       base path; we do not support a server behind a path prefix);
 *   <li>IPv6 addresses in brackets ({@code [::1]:11434}) or bare ({@code ::1});
 *   <li>a missing host ({@code :11435}) means 127.0.0.1;
 *   <li>a port that is not a number from 1 to 65535 is replaced by the default port.
 * </ul>
 */
public record OllamaHost(String scheme, String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 11434;

    public OllamaHost {
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("scheme must be http or https: " + scheme);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
    }

    /** The default, {@code http://127.0.0.1:11434}. */
    public static OllamaHost defaultHost() {
        return new OllamaHost("http", DEFAULT_HOST, DEFAULT_PORT);
    }

    /**
     * Parses an {@code OLLAMA_HOST}-style value.
     *
     * @throws BriefingException (usage) when the scheme is not http/https or the host is not a valid name
     */
    public static OllamaHost parse(String value) {
        String s = value == null ? "" : stripQuotes(value.trim());
        if (s.isEmpty()) {
            return defaultHost();
        }
        String scheme = "http";
        String defaultPort = String.valueOf(DEFAULT_PORT);
        String hostport = s;
        int sep = s.indexOf("://");
        if (sep >= 0) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            hostport = s.substring(sep + 3);
            if (scheme.equals("http")) {
                defaultPort = "80";
            } else if (scheme.equals("https")) {
                defaultPort = "443";
            } else {
                throw BriefingException.usage("unsupported scheme '" + scheme + "' in Ollama host '" + redacted(value.trim()) + "'",
                        "use http://HOST:PORT or https://HOST:PORT, e.g. http://127.0.0.1:11434");
            }
        }
        int slash = hostport.indexOf('/');
        if (slash >= 0) {
            hostport = hostport.substring(0, slash);
        }
        // user:password@ is dropped, as Ollama's client drops it; it is never shown either.
        int at = hostport.lastIndexOf('@');
        if (at >= 0) {
            hostport = hostport.substring(at + 1);
        }

        String host;
        String port;
        String[] split = splitHostPort(hostport);
        if (split != null) {
            host = split[0];
            port = split[1];
        } else {
            // Like Go's net.SplitHostPort failing: the whole thing is the host, the port is the default.
            port = defaultPort;
            String unbracketed = stripBrackets(hostport);
            host = unbracketed.isEmpty() ? DEFAULT_HOST : unbracketed;
        }
        if (host.isEmpty()) {
            host = DEFAULT_HOST;
        }
        int portNumber = parsePort(port);
        if (portNumber < 0) {
            portNumber = Integer.parseInt(defaultPort);
        }
        OllamaHost parsed = new OllamaHost(scheme, host, portNumber);
        parsed.validateHostName(redacted(value.trim()));
        return parsed;
    }

    /** {@code http://127.0.0.1:11434}; IPv6 addresses in brackets. */
    public String baseUrl() {
        return scheme + "://" + authority();
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return baseUrl();
    }

    private void validateHostName(String original) {
        URI uri;
        try {
            uri = URI.create(baseUrl());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            throw BriefingException.usage("invalid Ollama host '" + original + "'",
                    "use HOST, HOST:PORT or http://HOST:PORT, e.g. 127.0.0.1:11434");
        }
    }

    /** Go's net.SplitHostPort: {host, port} or null when there is no port part. */
    private static String[] splitHostPort(String hostport) {
        int lastColon = hostport.lastIndexOf(':');
        if (lastColon < 0) {
            return null; // missing port
        }
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            if (close < 0) {
                return null; // missing ']'
            }
            if (close + 1 == hostport.length()) {
                return null; // "[::1]": missing port
            }
            if (close + 1 != lastColon) {
                return null; // "[::1]x:1" or "[::1]:1:2"
            }
            String host = hostport.substring(1, close);
            return new String[] {host, hostport.substring(lastColon + 1)};
        }
        String host = hostport.substring(0, lastColon);
        if (host.contains(":")) {
            return null; // too many colons: a bare IPv6 address
        }
        return new String[] {host, hostport.substring(lastColon + 1)};
    }

    /** The port, or -1 when it is not a number from 1 to 65535. */
    private static int parsePort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(port);
        return n >= 1 && n <= 65535 ? n : -1;
    }

    private static String stripBrackets(String s) {
        String t = s;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        while (t.endsWith("]")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The value with any {@code user:password@} part replaced by {@code ***@}, fit to show. */
    public static String redacted(String value) {
        if (value == null) {
            return null;
        }
        int start = value.indexOf("://") >= 0 ? value.indexOf("://") + 3 : 0;
        int slash = value.indexOf('/', start);
        int end = slash < 0 ? value.length() : slash;
        int at = value.lastIndexOf('@', end - 1);
        return at < start ? value : value.substring(0, start) + "***" + value.substring(at);
    }

    /** Ollama's envconfig.Var trims quotes as well as spaces ({@code OLLAMA_HOST="0.0.0.0"} from a unit file). */
    private static String stripQuotes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '"' || s.charAt(start) == '\'')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
            end--;
        }
        return s.substring(start, end).trim();
    }
}
