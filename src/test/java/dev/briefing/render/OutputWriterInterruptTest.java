package dev.briefing.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C interrupts the writing thread; that must not leave some of the three files and not others. */
class OutputWriterInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void should_write_all_three_files_even_when_the_thread_is_interrupted() throws Exception {
        Thread.currentThread().interrupt();
        try {
            OutputWriter.writeAll(tmp, SampleBriefing.briefing(), SampleBriefing.runRecord());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the command to see");
        } finally {
            Thread.interrupted();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("briefing.json", "briefing.md", "run.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(BriefingJson.write(SampleBriefing.briefing()) + "\n",
                Files.readString(tmp.resolve("briefing.json")));
    }
}
