package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HanTest {
    @Test
    void should_say_what_the_unicode_script_tables_say_for_every_code_point() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            assertEquals(Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN, Han.is(cp),
                    "U+" + Integer.toHexString(cp));
        }
    }
}
