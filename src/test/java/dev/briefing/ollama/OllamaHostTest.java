package dev.briefing.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaHostTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "\"\"", "''"})
    void should_default_to_loopback_11434_when_null_or_blank(String value) {
        OllamaHost host = OllamaHost.parse(value);
        assertEquals(new OllamaHost("http", "127.0.0.1", 11434), host);
        assertEquals("http://127.0.0.1:11434", host.baseUrl());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // no scheme: http, default port 11434
            "127.0.0.1:11434            | http://127.0.0.1:11434",
            "example.com                | http://example.com:11434",
            "example.com:8080           | http://example.com:8080",
            "0.0.0.0                    | http://0.0.0.0:11434",
            // surrounding whitespace and quotes
            "'  gpu-box:11500  '        | http://gpu-box:11500",
            "\"10.0.0.5\"               | http://10.0.0.5:11434",
            // scheme without port: the scheme's own port
            "http://example.com         | http://example.com:80",
            "https://example.com        | https://example.com:443",
            "HTTPS://example.com        | https://example.com:443",
            "http://example.com:11434   | http://example.com:11434",
            "https://example.com:8443   | https://example.com:8443",
            // a path after the host is ignored
            "http://example.com:1234/ollama/api | http://example.com:1234",
            "example.com/anything       | http://example.com:11434",
            "http://example.com/        | http://example.com:80",
            // IPv6
            "[::1]:11434                | http://[::1]:11434",
            "[::1]                      | http://[::1]:11434",
            "::1                        | http://[::1]:11434",
            "http://[fe80::1]:8080      | http://[fe80::1]:8080",
            "https://[::1]              | https://[::1]:443",
            // only a port: loopback
            ":11435                     | http://127.0.0.1:11435",
            "http://:8000               | http://127.0.0.1:8000",
            // invalid or out-of-range port: the default port for the scheme
            "example.com:99999          | http://example.com:11434",
            "example.com:0              | http://example.com:11434",
            "example.com:-1             | http://example.com:11434",
            "example.com:abc            | http://example.com:11434",
            "example.com:               | http://example.com:11434",
            "http://example.com:70000   | http://example.com:80",
            "https://example.com:x      | https://example.com:443",
            "[::1]:99999                | http://[::1]:11434",
    })
    void should_parse_like_ollama_envconfig_host(String value, String expectedBaseUrl) {
        assertEquals(expectedBaseUrl, OllamaHost.parse(value).baseUrl());
    }

    @Test
    void should_strip_quotes_as_ollama_does() {
        assertEquals("http://gpu-box:11500", OllamaHost.parse(" 'gpu-box:11500' ").baseUrl());
        assertEquals("https://example.com:443", OllamaHost.parse("\"https://example.com\"").baseUrl());
    }

    @Test
    void should_expose_components() {
        OllamaHost host = OllamaHost.parse("https://[::1]:8443/x");
        assertEquals("https", host.scheme());
        assertEquals("::1", host.host());
        assertEquals(8443, host.port());
        assertEquals("[::1]:8443", host.authority());
    }

    @Test
    void should_reject_unsupported_scheme_as_usage_error() {
        BriefingException e = assertThrows(BriefingException.class, () -> OllamaHost.parse("ftp://example.com"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("unsupported scheme 'ftp' in Ollama host 'ftp://example.com'", e.getMessage());
    }

    @Test
    void should_reject_host_that_is_no_host_name() {
        BriefingException e = assertThrows(BriefingException.class, () -> OllamaHost.parse("exa mple.com:11434"));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void should_validate_at_construction() {
        assertThrows(IllegalArgumentException.class, () -> new OllamaHost("ftp", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> new OllamaHost("http", " ", 1));
        assertThrows(IllegalArgumentException.class, () -> new OllamaHost("http", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> new OllamaHost("http", "h", 65536));
    }

    @Test
    void should_drop_and_never_show_a_user_and_password() {
        assertEquals("http://gpu-box:11434", OllamaHost.parse("http://alice:s3cret@gpu-box:11434").baseUrl());
        assertEquals("http://gpu-box:11434", OllamaHost.parse("alice:s3cret@gpu-box").baseUrl());
        assertEquals("https://***@gpu-box/x@y", OllamaHost.redacted("https://alice:s3cret@gpu-box/x@y"));
        assertEquals("gpu-box:11434", OllamaHost.redacted("gpu-box:11434"));
        dev.briefing.error.BriefingException bad = org.junit.jupiter.api.Assertions.assertThrows(
                dev.briefing.error.BriefingException.class, () -> OllamaHost.parse("ftp://alice:s3cret@gpu-box"));
        assertFalse(bad.getMessage().contains("s3cret"), bad.getMessage());
        dev.briefing.error.BriefingException invalid = org.junit.jupiter.api.Assertions.assertThrows(
                dev.briefing.error.BriefingException.class, () -> OllamaHost.parse("http://alice:s3cret@bad host:1"));
        assertFalse(invalid.getMessage().contains("s3cret"), invalid.getMessage());
    }
}
