package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBytesTest {
    @Test
    void should_keep_whole_stream_up_to_the_limit() throws Exception {
        byte[] bytes = "一\n二\n".getBytes(StandardCharsets.UTF_8);
        BoundedBytes read = BoundedBytes.read(new ByteArrayInputStream(bytes), bytes.length);
        assertFalse(read.truncated());
        assertArrayEquals(bytes, read.bytes());
    }

    @Test
    void should_cut_a_longer_stream_after_its_last_complete_line() throws Exception {
        byte[] bytes = "一一\n二二\n三三三三".getBytes(StandardCharsets.UTF_8);
        BoundedBytes read = BoundedBytes.read(new ByteArrayInputStream(bytes), 16);
        assertTrue(read.truncated());
        assertEquals("一一\n二二\n", new String(read.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void should_cut_utf16_only_at_a_whole_newline_code_unit() throws Exception {
        // U+0A0A's little-endian bytes are 0A 0A: a newline byte that is not a newline.
        String text = "a\n\u0A0A\u0A0Ab";
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, 2);
        System.arraycopy(body, 0, bytes, 2, body.length);

        BoundedBytes read = BoundedBytes.read(new ByteArrayInputStream(bytes), bytes.length - 2);
        assertTrue(read.truncated());
        assertEquals("\uFEFFa\n", new String(read.bytes(), StandardCharsets.UTF_16LE));
    }
}
