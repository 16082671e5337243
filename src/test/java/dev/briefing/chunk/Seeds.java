package dev.briefing.chunk;

import dev.briefing.normalize.Article;
import dev.briefing.normalize.Paragraph;
import dev.briefing.normalize.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real articles in seeds/, read as lines and as naive Articles (one non-blank line, one paragraph). */
final class Seeds {
    static final String SIMPLIFIED = "000_aeeaa0b9bae0c82b.txt";
    static final String NUMBERED = "002_69f628739a3c6881.txt";
    static final String TRADITIONAL = "003_0abb118a677dbc7b.txt";
    static final List<String> ALL = List.of(SIMPLIFIED, NUMBERED, TRADITIONAL);

    private Seeds() {
    }

    static List<String> lines(String name) {
        try {
            return Files.readAllLines(Path.of("seeds", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> allLines() {
        return ALL.stream().flatMap(name -> lines(name).stream());
    }

    static Article article(String name) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String line : lines(name)) {
            if (!line.isBlank() && !line.equals("![]()")) {
                paragraphs.add(new Paragraph(paragraphs.size() + 1, line, line));
            }
        }
        Script script = name.equals(TRADITIONAL) ? Script.TRADITIONAL : Script.SIMPLIFIED;
        return new Article(name.substring(0, 3), paragraphs.get(0).text(), null, "seeds/" + name, script,
                paragraphs);
    }

    static Article articleOf(String... paragraphTexts) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String text : paragraphTexts) {
            paragraphs.add(new Paragraph(paragraphs.size() + 1, text, text));
        }
        return new Article("test", "测试", null, "test.txt", Script.SIMPLIFIED, paragraphs);
    }
}
