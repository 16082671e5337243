package dev.briefing.cli;

import dev.briefing.llm.EchoingModel;
import dev.briefing.llm.FakeServer;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code briefing brief} of the seeds with a stand-in model, in a fresh JVM on the real stdout
 * and stderr, for the pseudo-terminal test. Arguments: the work directory, then the command's.
 */
public final class LiveStatusProbe {

    private LiveStatusProbe() {
    }

    public static void main(String[] args) {
        Backend.Factory factory = (host, model, timeout) -> new Backend(FakeServer.with("qwen2.5:7b"),
                new EchoingModel());
        String[] command = java.util.Arrays.copyOfRange(args, 1, args.length);
        int code = Main.run(command, System.in, System.out, System.err, System.getenv(), factory,
                Clock.systemUTC(), Path.of(args[0]), StdoutTerminal.detect(), StdoutTerminal.detectStderr());
        System.out.flush();
        System.exit(code);
    }
}
