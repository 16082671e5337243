package dev.briefing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON object while it is still being generated: which top-level literals are known,
 * the complete elements of a top-level array so far, and the decoded prefix of a top-level
 * string. Used to show a streamed structured reply as it comes, one finished piece at a time;
 * the whole reply is still validated against its schema once it is complete.
 *
 * <p>Text before the first '{' (a model's preamble or an opening fence) is skipped.
 */
public final class PartialJson {
    private final String text;

    private PartialJson(String text) {
        this.text = text;
    }

    public static PartialJson of(CharSequence text) {
        return new PartialJson(text.toString());
    }

    /** A top-level value that is a literal (true, false, null, a number), once it is complete. */
    public Optional<String> literal(String key) {
        Scan s = scan(key);
        return s.literal == null ? Optional.empty() : Optional.of(s.literal);
    }

    /** The elements of the top-level array under {@code key} that are complete, parsed, in order. */
    public List<JsonNode> completeElements(String key) {
        List<JsonNode> out = new ArrayList<>();
        for (String element : scan(key).elements) {
            try {
                out.add(Json.MAPPER.readTree(element));
            } catch (Exception malformed) {
                break;
            }
        }
        return out;
    }

    /**
     * The decoded text of the top-level string under {@code key} so far (an escape cut in half
     * is left out), and whether the string is complete.
     */
    public record PartialString(String text, boolean complete) {
    }

    public Optional<PartialString> string(String key) {
        Scan s = scan(key);
        if (s.stringStart < 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int i = s.stringStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return Optional.of(new PartialString(out.toString(), true));
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                break;
            }
            char e = text.charAt(i + 1);
            if (e == 'u') {
                if (i + 6 > text.length()) {
                    break;
                }
                try {
                    out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                } catch (NumberFormatException bad) {
                    break;
                }
                i += 6;
                continue;
            }
            out.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
            });
            i += 2;
        }
        return Optional.of(new PartialString(out.toString(), false));
    }

    private static final class Scan {
        String literal;
        final List<String> elements = new ArrayList<>();
        int stringStart = -1;
    }

    private Scan scan(String wanted) {
        Scan result = new Scan();
        int start = text.indexOf('{');
        if (start < 0) {
            return result;
        }
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int stringBegin = -1;
        String lastString = null;
        String key = null;
        boolean inWantedArray = false;
        int elementStart = -1;
        int literalStart = -1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 1) {
                        lastString = text.substring(stringBegin, i);
                    }
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    stringBegin = i + 1;
                    if (depth == 1 && wanted.equals(key) && literalStart >= 0) {
                        result.stringStart = i + 1;
                        literalStart = -1;
                    }
                }
                case ':' -> {
                    if (depth == 1) {
                        key = lastString;
                        literalStart = i + 1;
                    }
                }
                case '{', '[' -> {
                    if (depth == 1) {
                        literalStart = -1;
                        if (c == '[' && wanted.equals(key)) {
                            inWantedArray = true;
                        }
                    } else if (depth == 2 && inWantedArray && c == '{') {
                        elementStart = i;
                    }
                    depth++;
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 1 && c == ']' && inWantedArray) {
                        inWantedArray = false;
                    } else if (depth == 2 && inWantedArray && c == '}' && elementStart >= 0) {
                        result.elements.add(text.substring(elementStart, i + 1));
                        elementStart = -1;
                    } else if (depth == 0) {
                        closeLiteral(result, wanted, key, literalStart, i);
                        return result;
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        closeLiteral(result, wanted, key, literalStart, i);
                        literalStart = -1;
                        key = null;
                    }
                }
                default -> {
                }
            }
        }
        return result;
    }

    private void closeLiteral(Scan result, String wanted, String key, int literalStart, int end) {
        if (literalStart >= 0 && wanted.equals(key)) {
            String value = text.substring(literalStart, end).strip();
            if (!value.isEmpty()) {
                result.literal = value;
            }
        }
    }
}
