package dev.briefing.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.briefing.chunk.Chunk;
import dev.briefing.llm.CallSettings;
import dev.briefing.llm.ModelRequest;
import dev.briefing.normalize.Paragraph;
import dev.briefing.prompt.PromptLibrary;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapPromptTest {
    @Test
    void should_ground_each_paragraph_the_chunk_shows_and_no_other() {
        Chunk chunk = new Chunk("abcdef012345", "标题", 2, 3, List.of(
                new Paragraph(7, "美方周三宣布新的关税措施。外交部表示坚决反对。", "美方周三宣布新的关税措施。外交部表示坚决反对。"),
                new Paragraph(8, "双方将继续磋商。", "双方将继续磋商。")), 40);
        ModelRequest request = MapPrompt.request(PromptLibrary.bundled().get("map-chunk"), chunk, "简体中文",
                Set.of(2025), new CallSettings(8192, 2048, 0.1, 42));
        assertEquals(Set.of(7, 8), request.grounding().spans().keySet());
        assertEquals(List.of("美方周三宣布新的关税措施。", "外交部表示坚决反对。"), request.grounding().spans().get(7));
        assertEquals("paragraph", request.grounding().numberProperty());
        assertSame(request.grounding(), request.withMoreTurns(List.of(), 0).grounding(),
                "a repair attempt is held to the same text");
    }
}
