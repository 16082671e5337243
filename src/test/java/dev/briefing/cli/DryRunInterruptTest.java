package dev.briefing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Ctrl-C (an interrupt of the command's thread, see SigintHandler) stops a long dry run too. */
class DryRunInterruptTest {
    @Test
    void should_stop_printing_prompts_and_exit_130_when_interrupted() {
        // The backend is created after the articles are read and before any prompt is printed.
        Backend.Factory interruptsOnCreate = (host, model, timeout) -> {
            Thread.currentThread().interrupt();
            return new Backend(FakeServer.with(model), new EchoingModel());
        };
        CliRun run;
        try {
            run = CliRun.run(Path.of("").toAbsolutePath(), interruptsOnCreate, "brief", "--dry-run", "seeds");
        } finally {
            Thread.interrupted();
        }

        assertEquals(130, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("interrupted: printed 0 of 3 prompts"), run.stderr());
        assertFalse(run.stdout().contains("## map"), run.stdout());
    }
}
