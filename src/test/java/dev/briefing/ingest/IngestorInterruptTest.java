package dev.briefing.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.briefing.error.BriefingException;
import dev.briefing.error.ExitCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ctrl-C interrupts the reading thread (cli.SigintHandler): reading stops before the next file. */
class IngestorInterruptTest {
    @Test
    void should_stop_before_the_next_file_once_interrupted_and_say_how_many_were_read() {
        List<String> read = new ArrayList<>();
        BriefingException e;
        try {
            e = assertThrows(BriefingException.class, () -> new Ingestor().read(
                    List.of(Seeds.S000.toString(), Seeds.S002.toString(), Seeds.S003.toString()),
                    InputStream.nullInputStream(), doc -> {
                        read.add(doc.path());
                        Thread.currentThread().interrupt();
                    }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(ExitCode.INTERRUPTED, e.exitCode());
        assertEquals("interrupted while reading the inputs (1 read); nothing was written", e.getMessage());
        assertEquals(List.of(Seeds.S000.toString()), read);
    }
}
