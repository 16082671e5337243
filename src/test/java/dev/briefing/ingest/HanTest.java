package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HanTest {
    @Test
    void should_say_what_the_unicode_script_tables_say_for_every_code_point() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            assertEquals(Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN, Han.is(cp),
                    "U+" + Integer.toHexString(cp));
            if (Han.isUnifiedIdeograph(cp)) {
                // What Prose counts such a character as without asking.
                assertEquals(Character.OTHER_LETTER, Character.getType(cp), "U+" + Integer.toHexString(cp));
                org.junit.jupiter.api.Assertions.assertFalse(Character.isWhitespace(cp));
                org.junit.jupiter.api.Assertions.assertTrue(Han.is(cp) && cp >= 0x4E00);
            }
        }
    }
}
