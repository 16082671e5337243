package dev.briefing.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChineseScriptTest {
    @Test
    void should_convert_traditional_to_simplified_and_leave_simplified_alone() {
        assertEquals("俄乌冲突的下一阶段", ChineseScript.toSimplified("俄烏衝突的下一階段"));
        assertEquals("俄乌冲突的下一阶段", ChineseScript.toSimplified("俄乌冲突的下一阶段"));
        assertEquals("Putin 2025", ChineseScript.toSimplified("Putin 2025"));
    }

    @Test
    void should_detect_traditional_when_traditional_only_characters_dominate() {
        assertEquals(Script.TRADITIONAL, ChineseScript.detect("特朗普為何對普京轉向強硬"));
    }

    @Test
    void should_detect_simplified_when_simplified_only_characters_dominate() {
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("特朗普为何对普京转向强硬"));
    }

    @Test
    void should_detect_none_without_han_characters() {
        assertEquals(Script.NONE, ChineseScript.detect("Notice: 2025-10-16, ！？"));
        assertEquals(Script.NONE, ChineseScript.detect(""));
    }

    @Test
    void should_call_a_tie_simplified_when_han_is_present() {
        // 中 and 文 are the same in both scripts: no evidence either way.
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("中文"));
        // One of each.
        assertEquals(Script.SIMPLIFIED, ChineseScript.detect("国國"));
    }

    @Test
    void should_convert_consistently_from_many_threads() throws Exception {
        String traditional = "這標誌著一貫主張「通過個人外交終結衝突」的特朗普,對普京的政策態度正在發生根本變化。";
        String expected = ChineseScript.toSimplified(traditional);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, 400)
                    .<java.util.concurrent.Callable<String>>mapToObj(i -> () -> ChineseScript.toSimplified(traditional))
                    .toList());
            for (Future<String> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
    /**
     * What makes toSimplified's shortcut exact: every rule of ICU's Traditional-Simplified is a
     * plain "source > target;" with no context (else the shortcut is off, and this fails to say
     * so), and each rule that changes its source holds a Han character the shortcut looks for.
     */
    @Test
    void should_return_a_text_unchanged_only_when_icu_would() throws Exception {
        org.junit.jupiter.api.Assertions.assertNotNull(ChineseScript.awaitShortcut(), "the shortcut is on");
        String rules = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified").toRules(false);
        java.util.regex.Pattern plain = ChineseScript.PLAIN_RULE;
        int changing = 0;
        for (String line : rules.lines().toList()) {
            java.util.regex.Matcher m = plain.matcher(line.strip());
            org.junit.jupiter.api.Assertions.assertTrue(m.matches(), "not a plain rule: " + line);
            if (!m.group(1).equals(m.group(2))) {
                changing++;
                org.junit.jupiter.api.Assertions.assertTrue(ChineseScript.mayChangeToSimplified(m.group(1)),
                        "a changing rule the shortcut would miss: " + line);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(changing > 3000, changing + " changing rules");
        java.util.Set<Integer> inPhrases = ChineseScript.inPhrases(
                com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified"));
        org.junit.jupiter.api.Assertions.assertNotNull(inPhrases, "the shortcut is on");
        org.junit.jupiter.api.Assertions.assertTrue(inPhrases.contains((int) '祇'), inPhrases.toString());

        com.ibm.icu.text.Transliterator icu = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified");
        java.util.Random random = new java.util.Random(20261204);
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            han.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00 + 1));
            if (i % 40 == 39) {
                String text = han.toString();
                assertEquals(icu.transliterate(text), ChineseScript.toSimplified(text), text);
                han.setLength(0);
            }
        }
        for (String text : List.of("外交部发言人表示，会谈坦诚务实。", "這一變化，不僅是個人情緒的失望", "于思 干 乾 後 后", "Trump 10月16日",
                "祇管", "神祇", "我祇管说")) {
            assertEquals(icu.transliterate(text), ChineseScript.toSimplified(text), text);
        }
    }

    @Test
    void should_tell_every_han_character_from_the_build_table_exactly_as_icu_does() {
        org.junit.jupiter.api.Assertions.assertTrue(ChineseScript.tabled(), "the build's table (han-kinds.bin) is read");
        HanKinds icu = HanKinds.computed();
        assertEquals(icu, HanKinds.bundled().orElseThrow(), "the table is ICU's, character for character");
        int han = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                assertEquals(icu.kinds().getOrDefault(cp, 0), ChineseScript.kind(cp), Character.toString(cp));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(han > 90_000 && icu.kinds().size() > 4000,
                han + " Han characters, " + icu.kinds().size() + " that one conversion changes");
        org.junit.jupiter.api.Assertions.assertTrue(icu.kinds().get((int) '後') == ChineseScript.TRADITIONAL_ONLY
                && icu.kinds().get((int) '这') == ChineseScript.SIMPLIFIED_ONLY, "後 traditional, 这 simplified");
    }

    @Test
    void should_ignore_a_table_made_from_another_icu_or_not_a_table_at_all(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        HanKinds made = new HanKinds("0.1", java.util.Map.of((int) '後', ChineseScript.TRADITIONAL_ONLY),
                java.util.Set.of((int) '祇'), List.of(new HanKinds.Rule("祇管", "只管"), new HanKinds.Rule("後", "后")));
        java.nio.file.Path file = dir.resolve("han-kinds.bin");
        made.write(file);
        assertEquals(java.util.Optional.of(made), HanKinds.usable(java.nio.file.Files.newInputStream(file), "0.1"));
        assertEquals(java.util.Optional.empty(), HanKinds.usable(java.nio.file.Files.newInputStream(file), "74.2"));
        java.nio.file.Files.writeString(file, "not a table");
        assertEquals(java.util.Optional.empty(), HanKinds.usable(java.nio.file.Files.newInputStream(file), "0.1"));
        assertEquals(java.util.Optional.empty(), HanKinds.usable(null, "0.1"));
    }

    /**
     * The build's copy of Traditional-Simplified's rules converts exactly as ICU does: every rule's
     * source alone, every pair of sources run together (where a longer rule must win over the
     * start of the next), each source inside other text, random texts and the seeds.
     */
    @Test
    void should_convert_with_the_build_rules_exactly_as_icu_does() throws Exception {
        org.junit.jupiter.api.Assertions.assertTrue(ChineseScript.convertsWithoutIcu(), "the build's rules are read");
        com.ibm.icu.text.Transliterator icu = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified");
        List<HanKinds.Rule> rules = HanKinds.bundled().orElseThrow().rules();
        org.junit.jupiter.api.Assertions.assertTrue(rules.size() > 4000, rules.size() + " rules");
        java.util.Random random = new java.util.Random(20261204);
        for (int i = 0; i < rules.size(); i++) {
            String source = rules.get(i).source();
            String next = rules.get(random.nextInt(rules.size())).source();
            for (String text : List.of(source, source + next, next + source, "他說" + source + "了。", source + source)) {
                assertEquals(icu.transliterate(text), ChineseScript.toSimplified(text), text);
            }
        }
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            han.appendCodePoint(i % 7 == 0 ? rules.get(random.nextInt(rules.size())).source().codePointAt(0)
                    : 0x4E00 + random.nextInt(0x9FFF - 0x4E00 + 1));
            if (i % 50 == 49) {
                String text = han.toString();
                assertEquals(icu.transliterate(text), ChineseScript.toSimplified(text), text);
                han.setLength(0);
            }
        }
        for (java.nio.file.Path seed : java.nio.file.Files.list(java.nio.file.Path.of("seeds")).sorted().toList()) {
            for (String line : java.nio.file.Files.readAllLines(seed)) {
                assertEquals(icu.transliterate(line), ChineseScript.toSimplified(line), line);
            }
        }
    }

    /** A jar built without the copy (or from another ICU) asks ICU itself, with the same answers. */
    @Test
    void should_convert_through_icu_itself_when_the_classes_have_no_copy(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes").toAbsolutePath();
        java.nio.file.Path copy = dir.resolve("classes");
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path p : all.toList()) {
                java.nio.file.Path to = copy.resolve(classes.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals(HanKinds.RESOURCE)) {
                    java.nio.file.Files.copy(p, to);
                }
            }
        }
        List<String> path = new java.util.ArrayList<>(List.of(copy.toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!java.nio.file.Path.of(entry).toAbsolutePath().equals(classes)) {
                path.add(entry);
            }
        }
        String text = "從\"密談\"到「拒談」:特朗普為何對普京轉向強硬? 祇管";
        Process probe = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, path), ChineseScriptProbe.class.getName(), text)
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, probe.waitFor(), out);
        String icu = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified").transliterate(text);
        assertEquals("false false TRADITIONAL " + icu, out);
        assertEquals(icu, ChineseScript.toSimplified(text), "and this JVM, with the copy, says the same");
    }
}
