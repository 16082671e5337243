package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProseTest {

    @Test
    void should_take_every_seed_article_simplified_and_traditional_as_prose() throws IOException {
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path seed : seeds.toList()) {
                String text = Files.readString(seed);
                assertEquals(Optional.empty(), Prose.notProse(text), seed.toString());
                assertTrue(Prose.substantial(text), seed.toString());
                String traditional = new String(text.getBytes(Charset.forName("Big5")), Charset.forName("Big5"));
                assertEquals(Optional.empty(), Prose.notProse(traditional), seed + " via Big5");
            }
        }
    }

    @Test
    void should_take_an_english_article_and_a_short_note_as_prose() {
        assertEquals(Optional.empty(), Prose.notProse("NATO leaders met in The Hague on Tuesday and agreed to raise "
                + "defence spending to five percent of output by 2035."));
        assertEquals(Optional.empty(), Prose.notProse("短讯：会议推迟。"));
        assertFalse(Prose.substantial("短讯：会议推迟。"));
    }

    @Test
    void should_call_random_bytes_decoded_as_gb18030_or_big5_not_prose() {
        Random random = new Random(7);
        for (String charset : new String[] {"GB18030", "Big5"}) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] bytes = new byte[4096];
                random.nextBytes(bytes);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x81 + Math.floorMod(bytes[i], 0x7E)); // no NUL or control byte
                }
                String decoded = lenient(bytes, charset);
                Optional<String> why = Prose.notProse(decoded);
                assertTrue(why.isPresent(), charset + " trial " + trial + ": " + decoded.substring(0, 40));
                assertTrue(why.get().startsWith("not prose: "), why.get());
            }
        }
    }

    @Test
    void should_call_a_json_document_not_prose_even_when_its_strings_are_chinese() {
        String json = "{\"title\": \"北约峰会在海牙举行\", \"paragraphs\": [\"北约成员国领导人周二在海牙举行峰会，同意到2035年把国防开支提高到"
                + "国内生产总值的百分之五。\", \"西班牙表示无法达到这一目标。\"], \"id\": 17}";
        assertEquals(Optional.of("not prose: a JSON document, not an article (brief the text it holds as .txt)"),
                Prose.notProse(json));
        String cut = json.substring(0, json.length() - 30);
        assertTrue(Prose.notProse("[" + cut + ", " + cut).orElseThrow().contains("looks like JSON"));
        assertTrue(Prose.notProse(cut).orElseThrow().contains("looks like JSON"));
        assertEquals(Optional.empty(), Prose.notProse("[图] 北约成员国领导人周二在海牙举行峰会，同意到2035年把国防开支提高到国内生产总值的百分之五。"));
    }

    @Test
    void should_call_mostly_private_use_or_unassigned_characters_not_prose() {
        String pua = "\uE000\uE001\uE002\uE003\uE004".repeat(10) + "新闻";
        assertTrue(Prose.notProse(pua).orElseThrow().contains("unassigned, private-use or control"));
    }

    @Test
    void should_call_latin_gibberish_without_a_run_of_words_not_prose() {
        assertTrue(Prose.notProse("xK7#qz!Wp0 9dLL$ vB2ttq ;zzq xw8 Qrtp 77kk mnbv ccxz").isPresent());
    }

    private static String lenient(byte[] bytes, String charset) {
        CharsetDecoder decoder = Charset.forName(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_find_the_same_common_characters_as_encoding_every_ideograph_does() {
        // The table as it was first computed: every ideograph encoded in both charsets.
        java.util.BitSet slow = new java.util.BitSet();
        java.nio.charset.CharsetEncoder gb = Charset.forName("GB2312").newEncoder();
        java.nio.charset.CharsetEncoder big5 = Charset.forName("Big5").newEncoder();
        for (int cp = 0x4E00; cp <= 0x9FFF; cp++) {
            String s = String.valueOf((char) cp);
            int g = Prose.encode(gb, s);
            int b = Prose.encode(big5, s);
            if ((g >= 0xB0A1 && g <= 0xD7FE) || (b >= 0xA440 && b <= 0xC67E)) {
                slow.set(cp - 0x4E00);
            }
        }
        assertTrue(slow.cardinality() > 6000, "GB2312 level 1 and Big5's frequent characters: " + slow.cardinality());
        assertEquals(slow, Prose.commonIdeographs());
        assertEquals(slow, Prose.commonIdeographs(false), "code by code, the fallback");
    }
}
