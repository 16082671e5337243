package dev.briefing.store;

import dev.briefing.chunk.Chunk;
import dev.briefing.map.ChunkNotes;
import dev.briefing.map.MapResult;
import dev.briefing.normalize.Paragraph;
import dev.briefing.render.SampleBriefing;
import dev.briefing.verify.Citation;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day whose chunks' notes are far larger as JSON than in memory: {@code chunks} chunks, each
 * with one event whose description is the same {@code chars} Chinese characters (one shared
 * string, so the notes cost next to no heap, while each chunk's JSON is {@code chars} x 3 bytes).
 *
 * <p>{@code main(db, chunks, chars)} stores the day as {@code daily} does
 * ({@link Store#saveBriefing}) and prints the version; run in a small heap it proves the
 * store takes the notes one chunk at a time, never all of them as JSON at once.
 */
public final class LargeChunkNotes {
    static final LocalDate DAY = LocalDate.parse("2026-11-23");

    private LargeChunkNotes() {
    }

    public static void main(String[] args) {
        int chunks = Integer.parseInt(args[1]);
        int chars = Integer.parseInt(args[2]);
        try (Store store = Store.open(Path.of(args[0]))) {
            int version = store.saveBriefing(new Store.DayBriefing(DAY, Instant.parse("2026-11-23T08:00:00Z"),
                    SampleBriefing.briefing(), 1, chunks, 0, notes(chunks, chars)));
            System.out.println("version " + version);
        }
    }

    static List<MapResult> notes(int chunks, int chars) {
        StringBuilder text = new StringBuilder(chars);
        while (text.length() < chars) {
            text.append("双方同意保持沟通但未公布下一轮会谈的时间。");
        }
        String shared = text.substring(0, chars);
        List<Paragraph> paragraphs = List.of(new Paragraph(1, "外交部发言人表示会谈坦诚务实富有成效", "外交部发言人表示会谈坦诚务实富有成效"));
        List<MapResult> out = new ArrayList<>(chunks);
        for (int i = 1; i <= chunks; i++) {
            Chunk chunk = new Chunk("a1", "长文", i, chunks, paragraphs, 40);
            ChunkNotes notes = new ChunkNotes(List.of(new ChunkNotes.EventNote("会谈", shared, null, null, null,
                    List.of(), List.of(new Citation("a1", 1, "会谈坦诚务实")))), List.of(), List.of(), List.of());
            out.add(new MapResult(chunk, notes, null, 0, 0, List.of(), List.of()));
        }
        return out;
    }
}
