package dev.briefing.map;

import dev.briefing.chunk.Chunk;
import java.util.List;
import java.util.Objects;

/**
 * The outcome for one chunk: its verified notes, or why it failed.
 *
 * @param failure     null when the chunk was mapped; otherwise why it produced nothing
 * @param warnings    what the reader of the briefing should know (recovered JSON, suspected truncation)
 * @param dropDetails one line per dropped citation or item, for the run record
 */
public record MapResult(Chunk chunk, ChunkNotes notes, String failure, int droppedCitations, int droppedItems,
        List<String> warnings, List<String> dropDetails) {

    public MapResult {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(notes, "notes");
        warnings = List.copyOf(warnings);
        dropDetails = List.copyOf(dropDetails);
        if (droppedCitations < 0 || droppedItems < 0) {
            throw new IllegalArgumentException("dropped counts must not be negative");
        }
    }

    public static MapResult failed(Chunk chunk, String why) {
        return new MapResult(chunk, ChunkNotes.empty(), why, 0, 0, List.of(), List.of());
    }

    public boolean ok() {
        return failure == null;
    }
}
