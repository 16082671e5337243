package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetSnifferTest {
    private static final String S000 = Seeds.text(Seeds.S000);
    private static final String S003 = Seeds.text(Seeds.S003);

    @Test
    void should_decode_valid_utf8_as_utf8() throws Exception {
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(S003.getBytes(StandardCharsets.UTF_8));
        assertEquals("UTF-8", decoded.charset());
        assertEquals(S003, decoded.text());
    }

    @Test
    void should_detect_gbk_bytes_as_gb18030() throws Exception {
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(S000.getBytes(Charset.forName("GBK")));
        assertEquals("GB18030", decoded.charset());
        assertEquals(S000, decoded.text());
    }

    @Test
    void should_detect_gb18030_bytes_as_gb18030() throws Exception {
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(S000.getBytes(Charset.forName("GB18030")));
        assertEquals("GB18030", decoded.charset());
        assertEquals(S000, decoded.text());
    }

    @Test
    void should_detect_big5_bytes_as_big5_although_gb18030_would_also_decode_them() throws Exception {
        byte[] big5 = S003.getBytes(Charset.forName("Big5"));
        // The premise: a strict GB18030 decode accepts these bytes, so only statistics can tell.
        Charset.forName("GB18030").newDecoder().decode(java.nio.ByteBuffer.wrap(big5));

        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(big5);
        assertEquals("Big5", decoded.charset());
        assertEquals(S003, decoded.text());
    }

    @Test
    void should_strip_utf8_bom() throws Exception {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "新闻".getBytes(StandardCharsets.UTF_8));
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(bytes);
        assertEquals("UTF-8", decoded.charset());
        assertEquals("新闻", decoded.text());
    }

    @Test
    void should_decode_utf16_by_its_bom() throws Exception {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "新聞\n".getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "新聞\n".getBytes(StandardCharsets.UTF_16BE));
        assertEquals(new CharsetSniffer.Decoded("新聞\n", "UTF-16LE"), CharsetSniffer.decode(le));
        assertEquals(new CharsetSniffer.Decoded("新聞\n", "UTF-16BE"), CharsetSniffer.decode(be));
        assertFalse(CharsetSniffer.looksBinary(le), "UTF-16 has NUL bytes but is text");
    }

    @Test
    void should_refuse_bytes_no_candidate_decodes() {
        // 0x80 and 0xFF are lead bytes in none of UTF-8, GB18030 or Big5.
        byte[] bytes = {'a', (byte) 0x80, 'b', (byte) 0xFF, '\n'};
        assertThrows(CharacterCodingException.class, () -> CharsetSniffer.decode(bytes));
    }

    @Test
    void should_call_nul_bytes_binary() {
        assertTrue(CharsetSniffer.looksBinary("text\0more".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void should_read_utf16_without_bom_but_not_binary_whose_nuls_fall_on_one_side() throws Exception {
        byte[] le = "Oct. 16，普京与特朗普通电话。\n".getBytes(StandardCharsets.UTF_16LE);
        assertFalse(CharsetSniffer.looksBinary(le));
        assertEquals(new CharsetSniffer.Decoded("Oct. 16，普京与特朗普通电话。\n", "UTF-16LE"), CharsetSniffer.decode(le));
        byte[] be = "NATO 北约".getBytes(StandardCharsets.UTF_16BE);
        assertEquals("UTF-16BE", CharsetSniffer.decode(be).charset());
        // NULs on one side, but decoding gives control characters: still binary.
        assertTrue(CharsetSniffer.looksBinary(new byte[] {1, 0, 2, 0, 'a', 0, 3, 0}));
    }

    @Test
    void should_call_mostly_control_characters_binary_but_not_text_with_tabs_and_newlines() {
        assertTrue(CharsetSniffer.looksBinary(new byte[] {1, 2, 3, 4, 'a', 5, 6, 7}));
        assertFalse(CharsetSniffer.looksBinary("标题\n\t正文\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
